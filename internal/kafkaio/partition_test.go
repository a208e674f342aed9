package kafkaio_test

import (
	"fmt"
	"testing"

	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/broker/brokertest"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/segmentio/kafka-go"
)

func TestPartitionEdgeCases(t *testing.T) {
	tests := []struct {
		name       string
		key        []byte
		partitions int
		want       int
	}{
		{"nil key", nil, 6, -1},
		{"no partitions", []byte("a"), 0, -1},
		{"one partition", []byte("a"), 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := kafkaio.Partition(tt.key, tt.partitions); got != tt.want {
				t.Errorf("Partition = %d, want %d", got, tt.want)
			}
		})
	}
	t.Run("empty key is a key", func(t *testing.T) {
		if p := kafkaio.Partition([]byte{}, 6); p < 0 || p >= 6 {
			t.Errorf("Partition(empty) = %d", p)
		}
	})
}

// TestSameKeySamePartition writes each key twice, in separate calls, and checks that both
// copies landed in the partition Partition predicts.
func TestSameKeySamePartition(t *testing.T) {
	t.Parallel()
	_, cfg := brokertest.Start(t, broker.Config{})
	const keys = 40
	var msgs []kafka.Message
	for i := range keys {
		msgs = append(msgs, kafka.Message{Key: fmt.Appendf(nil, "article-%d", i), Value: []byte("{}")})
	}
	brokertest.Write(t, cfg, kafkaio.TopicRaw, msgs...)
	brokertest.Write(t, cfg, kafkaio.TopicRaw, msgs...)

	used := map[int]bool{}
	for _, m := range brokertest.Read(t, cfg, kafkaio.TopicRaw, "partition-check", 2*keys, 0) {
		want := kafkaio.Partition(m.Key, kafkaio.DefaultPartitions)
		if m.Partition != want {
			t.Errorf("key %s in partition %d, Partition says %d", m.Key, m.Partition, want)
		}
		used[m.Partition] = true
	}
	if len(used) < 2 {
		t.Errorf("%d keys all in partitions %v: the partitioner does not spread", keys, used)
	}
}
