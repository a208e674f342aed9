package broker_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/broker/brokertest"
	"github.com/newsflow/newsflow/internal/kafkaio"
)

func startOffset(t *testing.T, brokers []string, topic string) int64 {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	offs, err := kadm.NewClient(cl).ListStartOffsets(context.Background(), topic)
	if err != nil {
		t.Fatal(err)
	}
	o, ok := offs.Lookup(topic, 0)
	if !ok || o.Err != nil {
		t.Fatalf("start offset of %s/0: %v", topic, o.Err)
	}
	return o.Offset
}

func TestTrimmerDeletesOnlyWhatEveryReaderCommitted(t *testing.T) {
	_, cfg := brokertest.Start(t, broker.Config{Partitions: 1})
	var msgs []kafka.Message
	for i := range 10 {
		msgs = append(msgs, kafka.Message{Key: []byte(fmt.Sprint(i)), Value: []byte("v")})
	}
	brokertest.Write(t, cfg, kafkaio.TopicRaw, msgs...)
	brokertest.Write(t, cfg, kafkaio.TopicEnriched, msgs...)
	brokertest.Read(t, cfg, kafkaio.TopicRaw, "fast", 10, 8)
	brokertest.Read(t, cfg, kafkaio.TopicRaw, "slow", 10, 3)

	tr, err := broker.NewTrimmer(broker.TrimConfig{Brokers: cfg.Brokers, Readers: map[string][]string{
		kafkaio.TopicRaw:      {"fast", "slow"},
		kafkaio.TopicEnriched: {"never-committed"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	if _, err := tr.Trim(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := startOffset(t, cfg.Brokers, kafkaio.TopicRaw); got != 3 {
		t.Errorf("news.raw starts at %d, want 3: the slower group committed 3", got)
	}
	if got := startOffset(t, cfg.Brokers, kafkaio.TopicEnriched); got != 0 {
		t.Errorf("news.enriched starts at %d, want 0: its reader has committed nothing", got)
	}
}
