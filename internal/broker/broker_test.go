package broker_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/broker/brokertest"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/segmentio/kafka-go"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func keyed(prefix string, n int) []kafka.Message {
	msgs := make([]kafka.Message, n)
	for i := range msgs {
		msgs[i] = kafka.Message{Key: fmt.Appendf(nil, "%s-%d", prefix, i), Value: fmt.Appendf(nil, `{"n":%d}`, i)}
	}
	return msgs
}

func values(msgs []kafka.Message) map[string]string {
	out := make(map[string]string, len(msgs))
	for _, m := range msgs {
		out[string(m.Key)] = string(m.Value)
	}
	return out
}

func TestStartCreatesTopics(t *testing.T) {
	tests := []struct {
		name       string
		cfg        broker.Config
		wantTopics []string
		wantParts  int
		wantMax    string
	}{
		{"defaults", broker.Config{}, kafkaio.Topics, 6, "1048576"},
		{"custom", broker.Config{Partitions: 3, MaxMessageBytes: 64 << 10, Topics: []string{"a", "b"}}, []string{"a", "b"}, 3, "65536"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := brokertest.Start(t, tt.cfg)
			for _, topic := range tt.wantTopics {
				info := b.Cluster().TopicInfo(topic)
				if info == nil {
					t.Fatalf("topic %s missing", topic)
				}
				if n := len(b.Cluster().PartitionInfos(topic)); n != tt.wantParts {
					t.Errorf("topic %s: %d partitions, want %d", topic, n, tt.wantParts)
				}
				if v := info.Configs["max.message.bytes"]; v == nil || *v != tt.wantMax {
					t.Errorf("topic %s: max.message.bytes %v, want %s", topic, v, tt.wantMax)
				}
			}
		})
	}
}

func TestStartRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  broker.Config
	}{
		{"negative partitions", broker.Config{Addr: "127.0.0.1:0", Partitions: -1}},
		{"tiny size", broker.Config{Addr: "127.0.0.1:0", MaxMessageBytes: 10}},
		{"bad address", broker.Config{Addr: "127.0.0.1:notaport"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := broker.Start(context.Background(), tt.cfg)
			if err == nil {
				b.Close()
				t.Fatal("Start succeeded, want an error")
			}
		})
	}
}

// TestAddrInUse checks that a second broker on a taken port fails instead of sharing it.
func TestAddrInUse(t *testing.T) {
	b, _ := brokertest.Start(t, broker.Config{})
	if b2, err := broker.Start(context.Background(), broker.Config{Addr: b.Addrs()[0]}); err == nil {
		b2.Close()
		t.Fatalf("second broker on %s started", b.Addrs()[0])
	}
}

// TestRestartKeepsRecordsAndOffsets writes, reads and commits with kafka-go, restarts the
// broker on the same data directory, and checks that the records and the group's committed
// offsets came back.
func TestRestartKeepsRecordsAndOffsets(t *testing.T) {
	dir := t.TempDir()
	const n = 30
	sent := keyed("a", n)

	b, cfg := brokertest.Start(t, broker.Config{DataDir: dir, SyncWrites: true})
	brokertest.Write(t, cfg, kafkaio.TopicRaw, sent...)
	if got := values(brokertest.Read(t, cfg, kafkaio.TopicRaw, "g1", n, -1)); len(got) != n {
		t.Fatalf("read %d distinct keys before restart, want %d", len(got), n)
	}
	b.Close() // Close is idempotent: the cleanup's second call does nothing

	b, cfg = brokertest.Start(t, broker.Config{DataDir: dir, MaxMessageBytes: 2 << 20})

	t.Run("records", func(t *testing.T) {
		got := values(brokertest.Read(t, cfg, kafkaio.TopicRaw, "g2", n, -1))
		want := values(sent)
		for k, v := range want {
			if got[k] != v {
				t.Errorf("key %s: value %q after restart, want %q", k, got[k], v)
			}
		}
	})
	t.Run("committed offsets", func(t *testing.T) {
		lag := kafkaio.NewLagCollector(kafkaio.LagConfig{Brokers: cfg.Brokers, GroupID: "g1", Topic: kafkaio.TopicRaw, Stage: "test"})
		lags, err := lag.Lag(brokertest.Context(t))
		if err != nil {
			t.Fatalf("Lag: %v", err)
		}
		if len(lags) != kafkaio.DefaultPartitions {
			t.Errorf("lag of %d partitions, want %d", len(lags), kafkaio.DefaultPartitions)
		}
		for p, l := range lags {
			if l != 0 {
				t.Errorf("partition %d: lag %d after restart, want 0 (commits lost)", p, l)
			}
		}
		// The group resumes after its commits: the first message it reads is the new one.
		brokertest.Write(t, cfg, kafkaio.TopicRaw, kafka.Message{Key: []byte("after-restart"), Value: []byte("{}")})
		if m := brokertest.Read(t, cfg, kafkaio.TopicRaw, "g1", 1, -1)[0]; string(m.Key) != "after-restart" {
			t.Errorf("group g1 resumed at key %s, want after-restart", m.Key)
		}
	})
	t.Run("size setting of this start", func(t *testing.T) {
		for _, topic := range kafkaio.Topics {
			if v := b.Cluster().TopicInfo(topic).Configs["max.message.bytes"]; v == nil || *v != "2097152" {
				t.Errorf("topic %s: max.message.bytes %v after restart with 2 MiB, want 2097152", topic, v)
			}
		}
	})
}
