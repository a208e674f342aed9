package kafkaio_test

import (
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/broker/brokertest"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/segmentio/kafka-go"
)

func messages(n int) []kafka.Message {
	msgs := make([]kafka.Message, n)
	for i := range msgs {
		msgs[i] = kafka.Message{Key: []byte{byte('a' + i)}, Value: []byte("0123456789")}
	}
	return msgs
}

// TestWriterCollector checks that counters accumulate across scrapes although kafka-go
// resets its statistics on every read.
func TestWriterCollector(t *testing.T) {
	t.Parallel()
	_, cfg := brokertest.Start(t, broker.Config{})
	w := kafkaio.NewWriter(cfg, kafkaio.TopicEnriched)
	defer w.Close()
	reg := prometheus.NewRegistry()
	reg.MustRegister(kafkaio.NewWriterCollector("enricher", w))
	// A second writer of another topic registers beside the first.
	dlq := kafkaio.NewWriter(cfg, kafkaio.TopicDLQ)
	defer dlq.Close()
	reg.MustRegister(kafkaio.NewWriterCollector("enricher", dlq))

	steps := []struct {
		name      string
		write     int
		wantTotal string
	}{
		{"first batch", 5, "5"},
		{"second batch", 3, "8"},
		{"nothing new", 0, "8"},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if s.write > 0 {
				if err := w.WriteMessages(brokertest.Context(t), messages(s.write)...); err != nil {
					t.Fatalf("WriteMessages: %v", err)
				}
			}
			want := `
# HELP newsflow_enricher_kafka_writer_messages_total Messages written to Kafka.
# TYPE newsflow_enricher_kafka_writer_messages_total counter
newsflow_enricher_kafka_writer_messages_total{topic="news.dlq"} 0
newsflow_enricher_kafka_writer_messages_total{topic="news.enriched"} ` + s.wantTotal + "\n"
			if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "newsflow_enricher_kafka_writer_messages_total"); err != nil {
				t.Error(err)
			}
		})
	}
	if problems, err := testutil.GatherAndLint(reg); err != nil || len(problems) > 0 {
		t.Errorf("lint: %v %v", problems, err)
	}
}

func TestReaderCollector(t *testing.T) {
	t.Parallel()
	_, cfg := brokertest.Start(t, broker.Config{})
	brokertest.Write(t, cfg, kafkaio.TopicRaw, messages(8)...)
	r := kafkaio.NewReader(cfg, kafkaio.TopicRaw, "stats")
	defer r.Close()
	reg := prometheus.NewRegistry()
	reg.MustRegister(kafkaio.NewReaderCollector("enricher", r))
	ctx := brokertest.Context(t)
	for range 8 {
		if _, err := r.FetchMessage(ctx); err != nil {
			t.Fatalf("FetchMessage: %v", err)
		}
	}
	// The fetch loop counts a message when it takes it from the response, before it is
	// handed out, so after eight fetched of eight written the count is exactly eight.
	want := `
# HELP newsflow_enricher_kafka_reader_bytes_total Bytes of the messages fetched from Kafka.
# TYPE newsflow_enricher_kafka_reader_bytes_total counter
newsflow_enricher_kafka_reader_bytes_total{topic="news.raw"} 88
# HELP newsflow_enricher_kafka_reader_messages_total Messages fetched from Kafka.
# TYPE newsflow_enricher_kafka_reader_messages_total counter
newsflow_enricher_kafka_reader_messages_total{topic="news.raw"} 8
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want),
		"newsflow_enricher_kafka_reader_messages_total", "newsflow_enricher_kafka_reader_bytes_total"); err != nil {
		t.Error(err)
	}
	if problems, err := testutil.GatherAndLint(reg); err != nil || len(problems) > 0 {
		t.Errorf("lint: %v %v", problems, err)
	}
}
