package kafkaio_test

import (
	"errors"
	"testing"

	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/broker/brokertest"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/segmentio/kafka-go"
)

func TestEnsureTopics(t *testing.T) {
	t.Parallel()
	b, cfg := brokertest.Start(t, broker.Config{Topics: []string{}, MaxMessageBytes: 256 << 10})
	ctx := brokertest.Context(t)
	steps := []struct {
		name   string
		topics []string
	}{
		{"create", []string{"t1", "t2"}},
		{"again", []string{"t1", "t2"}},
		{"one new, one existing", []string{"t2", "t3"}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if err := kafkaio.EnsureTopics(ctx, cfg, 4, s.topics...); err != nil {
				t.Fatalf("EnsureTopics: %v", err)
			}
			for _, topic := range s.topics {
				info := b.Cluster().TopicInfo(topic)
				if info == nil {
					t.Fatalf("topic %s not created", topic)
				}
				if n := len(b.Cluster().PartitionInfos(topic)); n != 4 {
					t.Errorf("topic %s: %d partitions, want 4", topic, n)
				}
				if v := info.Configs["max.message.bytes"]; v == nil || *v != "262144" {
					t.Errorf("topic %s: max.message.bytes %v, want 262144", topic, v)
				}
			}
		})
	}
	t.Run("default partitions", func(t *testing.T) {
		if err := kafkaio.EnsureTopics(ctx, cfg, 0, "t4"); err != nil {
			t.Fatalf("EnsureTopics: %v", err)
		}
		if n := len(b.Cluster().PartitionInfos("t4")); n != kafkaio.DefaultPartitions {
			t.Errorf("%d partitions, want %d", n, kafkaio.DefaultPartitions)
		}
	})
	t.Run("invalid name", func(t *testing.T) {
		for _, name := range []string{"bad/name", "", "..", string(make([]byte, 250))} {
			if err := kafkaio.EnsureTopics(ctx, cfg, 1, name); err == nil {
				t.Errorf("EnsureTopics accepted topic name %q", name)
			}
		}
	})
	t.Run("broker refusal", func(t *testing.T) {
		// Kafka refuses a name that differs from an existing one only in . versus _.
		if err := kafkaio.EnsureTopics(ctx, cfg, 1, "a.b"); err != nil {
			t.Fatalf("EnsureTopics: %v", err)
		}
		err := kafkaio.EnsureTopics(ctx, cfg, 1, "a_b")
		if !errors.Is(err, kafka.InvalidTopic) {
			t.Errorf("EnsureTopics = %v, want kafka.InvalidTopic", err)
		}
	})
	t.Run("invalid config", func(t *testing.T) {
		if err := kafkaio.EnsureTopics(ctx, kafkaio.Config{}, 1, "t5"); !errors.Is(err, kafkaio.ErrInvalidConfig) {
			t.Errorf("EnsureTopics = %v, want ErrInvalidConfig", err)
		}
	})
}
