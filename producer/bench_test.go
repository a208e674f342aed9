package producer

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/segmentio/kafka-go"

	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/broker/brokertest"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/newsflow/newsflow/internal/synth"
)

// benchInput is the generated input of the benchmarks: n records, 10% copies, 1% bad.
func benchInput(b *testing.B, n int) []byte {
	b.Helper()
	var in bytes.Buffer
	if _, err := synth.Generate(&in, synth.Config{Articles: n, Seed: 1, DupRate: 0.1, BadRate: 0.01}); err != nil {
		b.Fatal(err)
	}
	return in.Bytes()
}

type discardWriter struct{}

func (discardWriter) WriteMessages(context.Context, ...kafka.Message) error { return nil }

// BenchmarkRun measures the producer alone: JSON Lines in, decoded, validated, encoded and
// batched, written to a writer that discards; with one worker and with two.
func BenchmarkRun(b *testing.B) {
	const n = 5000
	in := benchInput(b, n)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				p, err := New(Config{Writer: discardWriter{}, DLQ: discardWriter{}, Workers: workers})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := p.Run(context.Background(), NewJSONLinesReader("gen.jsonl", bytes.NewReader(in))); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// BenchmarkRunOnBroker measures end-to-end producer throughput: JSON Lines in, acknowledged
// on the embedded broker, with real kafka-go writers.
func BenchmarkRunOnBroker(b *testing.B) {
	_, kcfg := brokertest.Start(b, broker.Config{})
	const n = 5000
	in := benchInput(b, n)
	raw, dlq := kafkaio.NewWriter(kcfg, kafkaio.TopicRaw), kafkaio.NewWriter(kcfg, kafkaio.TopicDLQ)
	defer raw.Close()
	defer dlq.Close()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		p, err := New(Config{Writer: raw, DLQ: dlq})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.Run(brokertest.Context(b), NewJSONLinesReader("gen.jsonl", bytes.NewReader(in))); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "records/s")
}
