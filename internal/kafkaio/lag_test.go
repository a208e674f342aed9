package kafkaio_test

import (
	"fmt"
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
// them in one group, and checks the exported lag: 6 on that partition, 0 on the other five;
// a group that never committed lags by the whole partition.
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
	hot := kafkaio.Partition(key, kafkaio.DefaultPartitions)

	tests := []struct {
		name    string
		group   string
		wantHot int
	}{
		{"committed 4 of 10", "enricher", 6},
		{"never committed", "idle", 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := prometheus.NewRegistry()
			lag := kafkaio.NewLagCollector(kafkaio.LagConfig{Brokers: cfg.Brokers, GroupID: tt.group, Topic: kafkaio.TopicRaw, Stage: "enricher"})
			if err := reg.Register(lag); err != nil {
				t.Fatalf("Register: %v", err)
			}
			var want strings.Builder
			want.WriteString(`
# HELP newsflow_enricher_consumer_lag_messages Messages of the partition not yet committed by the consumer group (high watermark less committed offset), read at scrape time.
# TYPE newsflow_enricher_consumer_lag_messages gauge
`)
			for p := range kafkaio.DefaultPartitions {
				v := 0
				if p == hot {
					v = tt.wantHot
				}
				fmt.Fprintf(&want, "newsflow_enricher_consumer_lag_messages{partition=\"%d\",topic=\"news.raw\"} %d\n", p, v)
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
		})
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
