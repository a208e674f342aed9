// Package brokertest starts an embedded broker for a test and offers the few kafka-go
// steps tests repeat: write messages, read them back in a consumer group.
package brokertest

import (
	"context"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/segmentio/kafka-go"
)

// Timeout bounds each blocking step of these helpers; the steps take milliseconds when they
// work, so reaching it means a hang.
const Timeout = 30 * time.Second

// Context returns a context that ends after Timeout or with the test.
func Context(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	t.Cleanup(cancel)
	return ctx
}

// Start starts a broker with cfg on a free loopback port (cfg.Addr is ignored), closed when
// the test ends, and returns it with a client config that reaches it with the same size
// setting. The test fails if the broker does not start.
func Start(t testing.TB, cfg broker.Config) (*broker.Broker, kafkaio.Config) {
	t.Helper()
	cfg.Addr = "127.0.0.1:0"
	b, err := broker.Start(Context(t), cfg)
	if err != nil {
		t.Fatalf("start broker: %v", err)
	}
	t.Cleanup(b.Close)
	return b, kafkaio.Config{Brokers: b.Addrs(), MaxMessageBytes: cfg.MaxMessageBytes, ClientID: "newsflow-test"}
}

// Write writes msgs to topic with a writer made by kafkaio.NewWriter, acknowledged by the
// broker when it returns.
func Write(t testing.TB, cfg kafkaio.Config, topic string, msgs ...kafka.Message) {
	t.Helper()
	w := kafkaio.NewWriter(cfg, topic)
	defer w.Close()
	if err := w.WriteMessages(Context(t), msgs...); err != nil {
		t.Fatalf("write to %s: %v", topic, err)
	}
}

// Read reads n messages of topic in consumer group group, commits the first commit of
// them (all if commit < 0), and returns the n messages in the order read.
func Read(t testing.TB, cfg kafkaio.Config, topic, group string, n, commit int) []kafka.Message {
	t.Helper()
	ctx := Context(t)
	r := kafkaio.NewReader(cfg, topic, group)
	defer r.Close()
	var got []kafka.Message
	for len(got) < n {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			t.Fatalf("read %s after %d of %d messages: %v", topic, len(got), n, err)
		}
		if commit < 0 || len(got) < commit {
			if err := r.CommitMessages(ctx, m); err != nil {
				t.Fatalf("commit %s: %v", topic, err)
			}
		}
		got = append(got, m)
	}
	return got
}
