package enricher

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/segmentio/kafka-go"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/kafkaio/kafkatest"
	"github.com/newsflow/newsflow/internal/telemetry/telemetrytest"
)

// entityTagger adds persons, organisations and one entity of a type outside the closed
// label set to every article, whatever its text. versionedTagger is the same, model-backed.
type entityTagger struct {
	persons, orgs int
}

func (entityTagger) Name() string { return "fake_entities" }

func (e entityTagger) Tag(_ context.Context, a *article.Article) error {
	for i := range e.persons {
		a.Entities = append(a.Entities, article.Entity{Type: article.TypePerson, Name: fmt.Sprint("p", i)})
	}
	for i := range e.orgs {
		a.Entities = append(a.Entities, article.Entity{Type: article.TypeOrganization, Name: fmt.Sprint("o", i)})
	}
	a.Entities = append(a.Entities, article.Entity{Type: "EVENT", Name: "not a counted type"})
	return nil
}

type versionedTagger struct{ entityTagger }

func (versionedTagger) Name() string    { return "fake_model" }
func (versionedTagger) Version() string { return "fake-1.2" }

// histogram returns the sample count and sum of the histogram series name{label=value}, and
// fails the test when there is none.
func histogram(t *testing.T, g prometheus.Gatherer, name, label, value string) (uint64, float64) {
	t.Helper()
	mfs, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			if hasLabel(m, label, value) {
				h := m.GetHistogram()
				return h.GetSampleCount(), h.GetSampleSum()
			}
		}
	}
	t.Fatalf("no histogram series %s{%s=%q}", name, label, value)
	return 0, 0
}

func hasLabel(m *dto.Metric, name, value string) bool {
	for _, l := range m.GetLabel() {
		if l.GetName() == name && l.GetValue() == value {
			return true
		}
	}
	return false
}

func TestMetricsZeroInitialised(t *testing.T) {
	reg := prometheus.NewRegistry()
	newMetrics(reg, []Tagger{entityTagger{}, versionedTagger{}})
	for _, typ := range entityTypes {
		if n, sum := histogram(t, reg, "newsflow_enricher_entities_per_article", "type", typ); n != 0 || sum != 0 {
			t.Errorf("entities{type=%s}: count %d sum %v before any article", typ, n, sum)
		}
	}
	for _, tagger := range []string{"fake_entities", "fake_model"} {
		if n, _ := histogram(t, reg, "newsflow_enricher_tagger_seconds", "tagger", tagger); n != 0 {
			t.Errorf("tagger_seconds{tagger=%s}: count %d before any article", tagger, n)
		}
	}
	if got := telemetrytest.Value(t, reg, "newsflow_enricher_model_info", "tagger", "fake_model", "version", "fake-1.2"); got != 1 {
		t.Errorf("model_info{fake_model} = %v, want 1", got)
	}
	// Only model-backed taggers have a model_info series.
	if got := telemetrytest.Sum(t, reg, "newsflow_enricher_model_info"); got != 1 {
		t.Errorf("model_info series sum to %v, want 1 (one versioned tagger)", got)
	}
}

func TestServiceObservesEntitiesAndTaggers(t *testing.T) {
	const good = 5
	var msgs []kafka.Message
	for i := range good + 1 {
		body := fmt.Sprintf("The minister spoke on Monday, story %d.", i)
		if i == good {
			body = " " // dead-lettered: no entities observed
		}
		msgs = append(msgs, kafka.Message{Topic: "news.raw", Offset: int64(i), Time: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
			Value: fmt.Appendf(nil, `{"url":"https://example.com/%d","title":"t","body":%q}`, i, body)})
	}
	r := kafkatest.NewReader(msgs)
	reg := prometheus.NewRegistry()
	runService(t, Config{
		Reader: r, Output: &kafkatest.Writer{}, DLQ: &kafkatest.Writer{}, DeadLetter: testDeadLetter,
		Taggers:    []Tagger{versionedTagger{entityTagger{persons: 3, orgs: 1}}},
		Registerer: reg, Backoff: fastBackoff,
	}, r)

	wantSum := map[string]float64{article.TypePerson: 3 * good, article.TypeOrganization: good}
	for _, typ := range entityTypes {
		n, sum := histogram(t, reg, "newsflow_enricher_entities_per_article", "type", typ)
		if n != good || sum != wantSum[typ] {
			t.Errorf("entities{type=%s}: count %d sum %v, want %d and %v", typ, n, sum, good, wantSum[typ])
		}
	}
	if n, _ := histogram(t, reg, "newsflow_enricher_tagger_seconds", "tagger", "fake_model"); n != good {
		t.Errorf("tagger_seconds{fake_model}: count %d, want %d", n, good)
	}
	if got := telemetrytest.Value(t, reg, "newsflow_enricher_model_info", "tagger", "fake_model", "version", "fake-1.2"); got != 1 {
		t.Errorf("model_info = %v, want 1", got)
	}
}

// TestMetricsDocumented: every series the enricher registers is listed in docs/metrics.md.
func TestMetricsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/metrics.md")
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	newMetrics(reg, []Tagger{versionedTagger{}})
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	if len(mfs) < 11 {
		t.Fatalf("gathered %d metric families, want every one newMetrics registers", len(mfs))
	}
	for _, mf := range mfs {
		if !strings.Contains(string(doc), "`"+mf.GetName()+"`") {
			t.Errorf("%s is not listed in docs/metrics.md", mf.GetName())
		}
	}
}
