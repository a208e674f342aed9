package kafkaio_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/broker/brokertest"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/segmentio/kafka-go"
)

func TestNewWriterSettings(t *testing.T) {
	w := kafkaio.NewWriter(kafkaio.Config{Brokers: []string{"127.0.0.1:9092"}, MaxMessageBytes: 64 << 10}, kafkaio.TopicRaw)
	defer w.Close()
	if w.RequiredAcks != kafka.RequireAll {
		t.Errorf("RequiredAcks = %v, want RequireAll", w.RequiredAcks)
	}
	if _, ok := w.Balancer.(*kafka.Murmur2Balancer); !ok {
		t.Errorf("Balancer = %T, want *kafka.Murmur2Balancer", w.Balancer)
	}
	if w.AllowAutoTopicCreation {
		t.Error("AllowAutoTopicCreation = true")
	}
	if w.BatchBytes <= 0 || w.BatchBytes > 64<<10 {
		t.Errorf("BatchBytes = %d, want within the 64 KiB size setting", w.BatchBytes)
	}
	if w.BatchTimeout <= 0 || w.BatchTimeout > 10*time.Millisecond {
		t.Errorf("BatchTimeout = %v, want a few milliseconds", w.BatchTimeout)
	}
	if w.Compression != kafkaio.WriterCompression || w.Compression == 0 {
		t.Errorf("Compression = %v, want %v", w.Compression, kafkaio.WriterCompression)
	}
	if w.Topic != kafkaio.TopicRaw {
		t.Errorf("Topic = %q", w.Topic)
	}
}

func TestNewReaderSettings(t *testing.T) {
	r := kafkaio.NewReader(kafkaio.Config{Brokers: []string{"127.0.0.1:9092"}, MaxMessageBytes: 64 << 10}, kafkaio.TopicRaw, "g")
	defer r.Close()
	c := r.Config()
	if c.GroupID != "g" || c.Topic != kafkaio.TopicRaw {
		t.Errorf("group %q topic %q", c.GroupID, c.Topic)
	}
	if c.CommitInterval != 0 {
		t.Errorf("CommitInterval = %v, want 0 (synchronous commits)", c.CommitInterval)
	}
	if c.StartOffset != kafka.FirstOffset {
		t.Errorf("StartOffset = %d, want FirstOffset", c.StartOffset)
	}
	if c.MaxBytes != 64<<10 {
		t.Errorf("MaxBytes = %d, want the size setting", c.MaxBytes)
	}
	if c.MinBytes != 1 || c.MaxWait <= 0 || c.MaxWait > time.Second {
		t.Errorf("MinBytes %d MaxWait %v", c.MinBytes, c.MaxWait)
	}
}

// TestWriteReadCommit writes with RequireAll, reads everything back in a consumer group,
// commits, and checks that the group's lag is then zero on every partition.
func TestWriteReadCommit(t *testing.T) {
	t.Parallel()
	_, cfg := brokertest.Start(t, broker.Config{})
	const n = 50
	sent := make(map[string]string, n)
	var msgs []kafka.Message
	for i := range n {
		k, v := fmt.Sprintf("id-%02d", i), fmt.Sprintf(`{"id":"id-%02d"}`, i)
		sent[k] = v
		msgs = append(msgs, kafka.Message{Key: []byte(k), Value: []byte(v), Headers: []kafka.Header{kafkaio.StringHeader("schema-version", "1.0")}})
	}
	brokertest.Write(t, cfg, kafkaio.TopicRaw, msgs...)

	got := brokertest.Read(t, cfg, kafkaio.TopicRaw, "readers", n, -1)
	seen := make(map[string]bool)
	for _, m := range got {
		k := string(m.Key)
		if seen[k] {
			t.Errorf("key %s read twice", k)
		}
		seen[k] = true
		if sent[k] != string(m.Value) {
			t.Errorf("key %s: value %q, want %q", k, m.Value, sent[k])
		}
		if v, _ := kafkaio.Header(m, "schema-version"); v != "1.0" {
			t.Errorf("key %s: schema-version header %q", k, v)
		}
	}
	lags, err := kafkaio.NewLagCollector(kafkaio.LagConfig{Brokers: cfg.Brokers, GroupID: "readers", Topic: kafkaio.TopicRaw, Stage: "test"}).Lag(brokertest.Context(t))
	if err != nil {
		t.Fatalf("Lag: %v", err)
	}
	if len(lags) != 6 {
		t.Errorf("lag of %d partitions, want 6", len(lags))
	}
	for p, l := range lags {
		if l != 0 {
			t.Errorf("partition %d: lag %d after committing everything", p, l)
		}
	}
}

// incompressible returns a message whose MessageSize is exactly size, with a random value
// that no codec shrinks.
func incompressible(size int) kafka.Message {
	m := kafka.Message{Key: []byte("big")}
	rng := rand.New(rand.NewPCG(1, 2))
	m.Value = make([]byte, size-kafkaio.MessageSize(m))
	for i := range m.Value {
		m.Value[i] = byte(rng.Uint32())
	}
	return m
}

// TestMessageSizeLimit checks that the size setting means the same to Fits, the writer and
// the broker: a message of exactly the limit is stored, one byte more is refused by the
// writer with kafka.MessageTooLargeError before anything is sent, and a writer whose size
// setting is larger than the topic's gets the broker's MessageSizeTooLarge.
func TestMessageSizeLimit(t *testing.T) {
	t.Parallel()
	const limit = 64 << 10
	_, cfg := brokertest.Start(t, broker.Config{MaxMessageBytes: limit})

	t.Run("at the limit", func(t *testing.T) {
		m := incompressible(limit)
		if !cfg.Fits(m) {
			t.Fatal("Fits = false at the limit")
		}
		brokertest.Write(t, cfg, kafkaio.TopicRaw, m)
	})
	t.Run("one byte over", func(t *testing.T) {
		m := incompressible(limit + 1)
		if cfg.Fits(m) {
			t.Fatal("Fits = true over the limit")
		}
		w := kafkaio.NewWriter(cfg, kafkaio.TopicRaw)
		defer w.Close()
		err := w.WriteMessages(brokertest.Context(t), m)
		var tooLarge kafka.MessageTooLargeError
		if !errors.As(err, &tooLarge) {
			t.Fatalf("WriteMessages = %v (%T), want kafka.MessageTooLargeError", err, err)
		}
		if !errors.Is(err, kafka.MessageSizeTooLarge) {
			t.Errorf("error %v does not match kafka.MessageSizeTooLarge", err)
		}
	})
	t.Run("topic smaller than the writer's setting", func(t *testing.T) {
		big := cfg
		big.MaxMessageBytes = 4 * limit
		w := kafkaio.NewWriter(big, kafkaio.TopicRaw)
		defer w.Close()
		w.MaxAttempts = 1
		err := w.WriteMessages(brokertest.Context(t), incompressible(2*limit))
		var werr kafka.WriteErrors
		if !errors.As(err, &werr) || !errors.Is(werr[0], kafka.MessageSizeTooLarge) {
			t.Fatalf("WriteMessages = %v, want the broker's MessageSizeTooLarge", err)
		}
	})
}
