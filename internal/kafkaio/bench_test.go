package kafkaio_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/benchdata"
	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/broker/brokertest"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/compress"
)

// loadArticles encodes the BBC articles of the shared data (2,225 articles, 1-5 KB) as raw
// newsflow articles, the value the producer writes to news.raw, keeping those of 2-4.5 KB of
// JSON (about 3 KB on average, a typical news story).
func loadArticles(b *testing.B) [][]byte {
	b.Helper()
	arts, _ := benchdata.BBC(b)
	fetched := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	var out [][]byte
	for i := range arts {
		a := &arts[i]
		a.URL = fmt.Sprintf("https://news.example.org/bbc/%04d", i)
		a.ID = article.NewID(a.URL, a.Title, a.Body)
		a.Source, a.FetchedAt, a.Language = "bbc", fetched, "en"
		a.Normalize(fetched)
		v, err := article.Encode(a)
		if err != nil {
			b.Fatal(err)
		}
		if len(v) >= 2000 && len(v) <= 4500 {
			out = append(out, v)
		}
	}
	return out
}

var codecs = []struct {
	name  string
	codec compress.Compression
}{
	{"none", 0},
	{"gzip", kafka.Gzip},
	{"snappy", kafka.Snappy},
	{"lz4", kafka.Lz4},
	{"zstd", kafka.Zstd},
}

// batch is how many messages one WriteMessages call carries in these benchmarks, as a
// producer reading a file would.
const batch = 500

func articleMessages(values [][]byte, n int) []kafka.Message {
	msgs := make([]kafka.Message, n)
	for i := range msgs {
		msgs[i] = kafka.Message{Key: fmt.Appendf(nil, "article-%d", i), Value: values[i%len(values)]}
	}
	return msgs
}

func reportRates(b *testing.B, cpu time.Duration) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msg/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/msg")
}

func storedBytes(b *broker.Broker, topic string) int64 {
	var n int64
	for _, p := range b.Cluster().PartitionInfos(topic) {
		n += p.NumBytes
	}
	return n
}

// BenchmarkProduce writes b.N articles with RequireAll in calls of 500, per codec, and
// reports the bytes the broker stored per article.
//
//	go test -run '^$' -bench 'Produce|Consume' -benchtime 20000x ./internal/kafkaio/
func BenchmarkProduce(b *testing.B) {
	values := loadArticles(b)
	for _, c := range codecs {
		b.Run(c.name, func(b *testing.B) {
			brk, cfg := brokertest.Start(b, broker.Config{})
			msgs := articleMessages(values, b.N)
			var raw int64
			for _, m := range msgs {
				raw += int64(len(m.Value))
			}
			w := kafkaio.NewWriter(cfg, kafkaio.TopicRaw)
			defer w.Close()
			w.Compression = c.codec
			ctx := brokertest.Context(b)
			b.ResetTimer()
			cpu := benchdata.CPUTime()
			for i := 0; i < len(msgs); i += batch {
				if err := w.WriteMessages(ctx, msgs[i:min(i+batch, len(msgs))]...); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			reportRates(b, benchdata.CPUTime()-cpu)
			b.SetBytes(raw / int64(b.N))
			b.ReportMetric(float64(storedBytes(brk, kafkaio.TopicRaw))/float64(b.N), "stored-B/msg")
			b.ReportMetric(float64(raw)/float64(b.N), "value-B/msg")
		})
	}
}

// BenchmarkConsume reads b.N articles, written beforehand with each codec, in a consumer
// group, committing once at the end. One more article is read before the timer starts, so
// that joining the group is not counted.
func BenchmarkConsume(b *testing.B) {
	values := loadArticles(b)
	for _, c := range codecs {
		b.Run(c.name, func(b *testing.B) {
			_, cfg := brokertest.Start(b, broker.Config{})
			w := kafkaio.NewWriter(cfg, kafkaio.TopicRaw)
			w.Compression = c.codec
			msgs := articleMessages(values, b.N+1)
			ctx := brokertest.Context(b)
			for i := 0; i < len(msgs); i += batch {
				if err := w.WriteMessages(ctx, msgs[i:min(i+batch, len(msgs))]...); err != nil {
					b.Fatal(err)
				}
			}
			w.Close()
			r := kafkaio.NewReader(cfg, kafkaio.TopicRaw, "bench")
			defer r.Close()
			last, err := r.FetchMessage(ctx)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			cpu := benchdata.CPUTime()
			for range b.N {
				m, err := r.FetchMessage(ctx)
				if err != nil {
					b.Fatal(err)
				}
				last = m
			}
			if err := r.CommitMessages(ctx, last); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			reportRates(b, benchdata.CPUTime()-cpu)
		})
	}
}

// BenchmarkWriteFew measures a synchronous WriteMessages of three keyed messages, the
// enricher's and the DLQ's usual call, with NewWriter's batch timeout and with kafka-go's
// default of one second.
//
//	go test -run '^$' -bench WriteFew -benchtime 20x ./internal/kafkaio/
func BenchmarkWriteFew(b *testing.B) {
	for _, tc := range []struct {
		name    string
		timeout time.Duration
	}{
		{"newsflow", 0},
		{"kafka-go-default", time.Second},
	} {
		b.Run(tc.name, func(b *testing.B) {
			_, cfg := brokertest.Start(b, broker.Config{})
			w := kafkaio.NewWriter(cfg, kafkaio.TopicRaw)
			defer w.Close()
			if tc.timeout > 0 {
				w.BatchTimeout = tc.timeout
			}
			ctx := brokertest.Context(b)
			msgs := articleMessages([][]byte{[]byte(`{"id":"x"}`)}, 3)
			if err := w.WriteMessages(ctx, msgs...); err != nil { // connect, learn partitions
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				if err := w.WriteMessages(ctx, msgs...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
