package producer

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/broker/brokertest"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/newsflow/newsflow/internal/synth"
)

// TestRunOnBroker produces generated articles through real kafka-go writers to the embedded
// broker and reads both topics back. A small size setting keeps the oversized records small.
func TestRunOnBroker(t *testing.T) {
	const maxMessage, maxBody = 64 << 10, 32 << 10
	_, kcfg := brokertest.Start(t, broker.Config{Partitions: 3, MaxMessageBytes: maxMessage})
	var in bytes.Buffer
	st, err := synth.Generate(&in, synth.Config{Articles: 60, Seed: 5, DupRate: 0.2, BadRate: 0.15,
		MaxMessageBytes: maxMessage, MaxBodyBytes: maxBody})
	if err != nil {
		t.Fatal(err)
	}
	raw, dlq := kafkaio.NewWriter(kcfg, kafkaio.TopicRaw), kafkaio.NewWriter(kcfg, kafkaio.TopicDLQ)
	defer raw.Close()
	defer dlq.Close()
	p, err := New(Config{Writer: raw, DLQ: dlq, Registerer: prometheus.NewRegistry(), BatchSize: 16,
		MaxMessageBytes: maxMessage, Limits: article.Limits{MaxBodyBytes: maxBody}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := p.Run(brokertest.Context(t), NewJSONLinesReader("gen.jsonl", &in))
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	ids := st.IDs()
	if rep.Produced != int64(len(ids)) {
		t.Fatalf("produced %d, want %d distinct good ids", rep.Produced, len(ids))
	}
	var keys []string
	for _, m := range brokertest.Read(t, kcfg, kafkaio.TopicRaw, "test-raw", len(ids), -1) {
		keys = append(keys, string(m.Key))
	}
	sort.Strings(keys)
	sort.Strings(ids)
	if strings.Join(keys, ",") != strings.Join(ids, ",") {
		t.Errorf("news.raw keys differ from the generator's distinct good ids")
	}
	bad := st.BadLines()
	for _, m := range brokertest.Read(t, kcfg, kafkaio.TopicDLQ, "test-dlq", len(bad), -1) {
		org, _ := kafkaio.Header(m, kafkaio.HeaderOrigin)
		reason, _ := kafkaio.Header(m, kafkaio.HeaderReason)
		line, _ := strconv.Atoi(strings.TrimPrefix(org, "gen.jsonl:"))
		if string(bad[line]) != reason {
			t.Errorf("dead letter %s has reason %s, the generator says %q", org, reason, bad[line])
		}
		delete(bad, line)
	}
	if len(bad) != 0 {
		t.Errorf("bad lines without a dead letter: %v", bad)
	}
}
