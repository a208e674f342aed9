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

// TestLagCollector produces 10 messages with one key (so one partition), commits 4 of
// them, and checks the exported lag: 6 on that partition, 0 on the other five.
func TestLagCollector(t *testing.T) {
	t.Parallel()
	_, cfg := brokertest.Start(t, broker.Config{})
	key := []byte("same-article")
	msgs := make([]kafka.Message, 10)
	for i := range msgs {
		msgs[i] = kafka.Message{Key: key, Value: []byte{byte('0' + i)}}
	}
	brokertest.Write(t, cfg, kafkaio.TopicRaw, msgs...)
	brokertest.Read(t, cfg, kafkaio.TopicRaw, "enricher", 4, 4)

	reg := prometheus.NewRegistry()
	lag := kafkaio.NewLagCollector(kafkaio.LagConfig{Brokers: cfg.Brokers, GroupID: "enricher", Topic: kafkaio.TopicRaw, Stage: "enricher"})
	if err := reg.Register(lag); err != nil {
		t.Fatalf("Register: %v", err)
	}
	hot := kafkaio.Partition(key, 6)
	var want strings.Builder
	want.WriteString(`
# HELP newsflow_enricher_consumer_lag_messages Messages of the partition not yet committed by the consumer group (high watermark less committed offset), read at scrape time.
# TYPE newsflow_enricher_consumer_lag_messages gauge
`)
	for p := range 6 {
		v := "0"
		if p == hot {
			v = "6"
		}
		want.WriteString(`newsflow_enricher_consumer_lag_messages{partition="` + string(rune('0'+p)) + `",topic="news.raw"} ` + v + "\n")
	}
	want.WriteString(`# HELP newsflow_enricher_consumer_lag_scrape_errors_total Scrapes whose consumer lag could not be read from the brokers.
# TYPE newsflow_enricher_consumer_lag_scrape_errors_total counter
newsflow_enricher_consumer_lag_scrape_errors_total{topic="news.raw"} 0
`)
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want.String())); err != nil {
		t.Error(err)
	}
	if problems, err := testutil.GatherAndLint(reg); err != nil || len(problems) > 0 {
		t.Errorf("lint: %v %v", problems, err)
	}
}

// TestLagCollectorUnreachable checks that a scrape without a broker exports no lag and
// counts the failure, and that the scrape itself succeeds.
func TestLagCollectorUnreachable(t *testing.T) {
	// Port 1 on loopback: nothing listens there, the dial is refused at once.
	lag := kafkaio.NewLagCollector(kafkaio.LagConfig{Brokers: []string{"127.0.0.1:1"}, GroupID: "g", Topic: kafkaio.TopicEnriched, Stage: "sink"})
	reg := prometheus.NewRegistry()
	reg.MustRegister(lag)
	for scrape := 1; scrape <= 2; scrape++ {
		want := `
# HELP newsflow_sink_consumer_lag_scrape_errors_total Scrapes whose consumer lag could not be read from the brokers.
# TYPE newsflow_sink_consumer_lag_scrape_errors_total counter
newsflow_sink_consumer_lag_scrape_errors_total{topic="news.enriched"} ` + string(rune('0'+scrape)) + "\n"
		if err := testutil.GatherAndCompare(reg, strings.NewReader(want)); err != nil {
			t.Errorf("scrape %d: %v", scrape, err)
		}
	}
}

func TestCollectorsRejectBadStage(t *testing.T) {
	w := kafkaio.NewWriter(kafkaio.Config{Brokers: []string{"127.0.0.1:1"}}, "t")
	defer w.Close()
	for _, stage := range []string{"no-dashes", "", "Upper", "9lives"} {
		collectors := map[string]prometheus.Collector{
			"lag":    kafkaio.NewLagCollector(kafkaio.LagConfig{Brokers: []string{"127.0.0.1:1"}, GroupID: "g", Topic: "t", Stage: stage}),
			"writer": kafkaio.NewWriterCollector(stage, w),
		}
		for name, c := range collectors {
			t.Run(name+"/"+stage, func(t *testing.T) {
				if err := prometheus.NewRegistry().Register(c); err == nil {
					t.Errorf("Register accepted stage %q", stage)
				}
			})
		}
	}
}
