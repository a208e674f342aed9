// Package e2e runs the whole pipeline in one process: the embedded broker, the producer, the
// enricher and the sink against the Elasticsearch stand-in, and checks what arrives where.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"
	"go.uber.org/goleak"
	"golang.org/x/sync/errgroup"

	"github.com/newsflow/newsflow/enricher"
	"github.com/newsflow/newsflow/enricher/dedup"
	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/broker/brokertest"
	"github.com/newsflow/newsflow/internal/esfake"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/newsflow/newsflow/internal/synth"
	"github.com/newsflow/newsflow/internal/telemetry/telemetrytest"
	"github.com/newsflow/newsflow/producer"
	"github.com/newsflow/newsflow/sink"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/elastic"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var quiet = slog.New(slog.DiscardHandler)

// injected are bad messages written straight to news.raw, as another client (kcat) might,
// so that the enricher's dead-letter path is exercised too.
var injected = []struct {
	value  string
	reason article.Reason
}{
	{`{"title":"truncated json",`, article.ReasonInvalidJSON},
	{`{"body":"From the future.","schema_version":"7.0"}`, article.ReasonUnsupportedSchema},
	{`{"title":"no body","body":""}`, article.ReasonEmptyBody},
	{"{\"body\":\"caf\xe9\"}", article.ReasonInvalidUTF8},
}

func TestPipelineEndToEnd(t *testing.T) {
	const records = 1200
	_, kcfg := brokertest.Start(t, broker.Config{})
	es := esfake.New(esfake.Options{})
	srv := httptest.NewServer(es)
	defer srv.Close()

	// Input: synthetic articles with URL variants, near-copies and bad records.
	var input bytes.Buffer
	truth, err := synth.Generate(&input, synth.Config{Articles: records, Seed: 42, DupRate: 0.15, BadRate: 0.03})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "articles.jsonl")
	if err := os.WriteFile(path, input.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// Not brokertest.Context: its 30 s deadline is for single broker round trips, and this
	// test may take longer than that under the race detector on a busy machine.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// Produce.
	raw, dlq := kafkaio.NewWriter(kcfg, kafkaio.TopicRaw), kafkaio.NewWriter(kcfg, kafkaio.TopicDLQ)
	defer raw.Close()
	defer dlq.Close()
	pregs := prometheus.NewRegistry()
	p, err := producer.New(producer.Config{Writer: raw, DLQ: dlq, MaxMessageBytes: kcfg.MaxMessageBytes, Registerer: pregs, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := p.Run(ctx, producer.NewJSONLinesFile(path))
	if err != nil {
		t.Fatal(err)
	}
	var inj []kafka.Message
	for _, m := range injected {
		inj = append(inj, kafka.Message{Value: []byte(m.value)})
	}
	brokertest.Write(t, kcfg, kafkaio.TopicRaw, inj...)

	// Run the enricher and the sink until everything produced has an outcome.
	ereg, sreg := prometheus.NewRegistry(), prometheus.NewRegistry()
	stageCtx, stop := context.WithCancel(ctx)
	g, gctx := errgroup.WithContext(stageCtx)
	startStages(t, g, gctx, kcfg, srv.URL, ereg, sreg)
	wantEnricherInputs := float64(rep.Produced) + float64(len(injected))
	waitFor(t, "the enricher to finish", func() bool {
		return stageFailed(t, g, gctx) || sum(t, ereg, "newsflow_enricher_articles_total") == wantEnricherInputs
	})
	enriched := value(t, ereg, "newsflow_enricher_articles_total", "result", "enriched")
	waitFor(t, "the sink to finish", func() bool {
		return stageFailed(t, g, gctx) || sum(t, sreg, "newsflow_sink_articles_total") == enriched
	})
	stop()
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}

	// The stored ids are the distinct good ids of the input.
	wantIDs := map[string]bool{}
	for _, l := range truth.Lines {
		if l.Good() {
			wantIDs[l.ID] = true
		}
	}
	docs := es.Docs(elastic.DefaultAlias)
	gotIDs := map[string]bool{}
	for _, d := range docs {
		if gotIDs[d.ID] {
			t.Errorf("id %s stored twice behind the alias", d.ID)
		}
		gotIDs[d.ID] = true
	}
	if !reflect.DeepEqual(gotIDs, wantIDs) {
		t.Fatalf("stored %d ids, want the %d distinct good ids (missing %v, extra %v)",
			len(gotIDs), len(wantIDs), diff(wantIDs, gotIDs), diff(gotIDs, wantIDs))
	}

	// Each stored document equals `newsflow tag`'s output for its article (the highest
	// revision produced under its id), apart from enriched_at.
	latest := map[string]kafka.Message{}
	for _, m := range brokertest.Read(t, kcfg, kafkaio.TopicRaw, "e2e-check", int(rep.Produced)+len(injected), 0) {
		a, err := article.Decode(m.Value)
		if err != nil {
			continue // an injected bad message
		}
		if prev, ok := latest[a.ID]; ok {
			if pa, _ := article.Decode(prev.Value); pa.Revision >= a.Revision {
				continue
			}
		}
		latest[a.ID] = m
	}
	taggers, err := enricher.DefaultTaggers()
	if err != nil {
		t.Fatal(err)
	}
	pipeline := enricher.NewPipeline(enricher.PipelineConfig{}, taggers...)
	wants := make(map[string]*article.Article, len(docs))
	var items []dedup.Item
	for _, d := range docs {
		m := latest[d.ID]
		want, err := pipeline.Process(ctx, m.Value, m.Time, enricher.ProcessOptions{MaxMessageBytes: kcfg.MaxMessageBytes})
		if err != nil {
			t.Fatalf("tag %s: %v", d.ID, err)
		}
		wants[d.ID] = want.Article
		items = append(items, dedup.Item{ID: d.ID, Date: dedup.DateOf(want.Article), Sig: dedup.SignArticle(want.Article)})
	}
	// Near-duplicates are linked across the whole stored set, as `newsflow tag` links them
	// within its input: the sink must agree whatever the order the copies arrived in.
	roots := dedup.Resolve(items)
	copies := 0
	for _, l := range truth.Lines {
		if l.Kind == synth.NearCopy {
			copies++
		}
	}
	if len(roots) != copies {
		t.Errorf("%d articles linked to an earlier copy, want the %d planted near-copies", len(roots), copies)
	}
	for _, d := range docs {
		want := wants[d.ID]
		want.DuplicateOf = roots[d.ID]
		var doc store.Document
		if err := json.Unmarshal(d.Source, &doc); err != nil {
			t.Fatalf("stored document %s: %v", d.ID, err)
		}
		got, err := store.ToArticle(doc)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := withoutEnrichedAt(t, got), withoutEnrichedAt(t, want); !reflect.DeepEqual(a, b) {
			t.Fatalf("stored article %s differs from tag output:\nstored %v\ntagged %v", d.ID, a, b)
		}
	}

	// The distinct origins in news.dlq are the bad records, each with its reason.
	wantDLQ := map[string]article.Reason{}
	for line, reason := range truth.BadLines() {
		wantDLQ[fmt.Sprintf("%s:%d", path, line)] = reason
	}
	dead := brokertest.Read(t, kcfg, kafkaio.TopicDLQ, "e2e-check", len(wantDLQ)+len(injected), 0)
	gotDLQ := map[string]article.Reason{}
	var injectedReasons []string
	for _, m := range dead {
		info, err := kafkaio.ParseDeadLetter(m)
		if err != nil {
			t.Fatal(err)
		}
		switch info.Stage {
		case producer.Stage:
			gotDLQ[info.Origin] = info.Reason
		case enricher.Stage:
			injectedReasons = append(injectedReasons, string(info.Reason))
		default:
			t.Errorf("unexpected dead letter from stage %s: %s", info.Stage, info.Error)
		}
	}
	if !reflect.DeepEqual(gotDLQ, wantDLQ) {
		t.Errorf("producer dead letters %v, want %v", gotDLQ, wantDLQ)
	}
	var wantInjected []string
	for _, m := range injected {
		wantInjected = append(wantInjected, string(m.reason))
	}
	sort.Strings(wantInjected)
	sort.Strings(injectedReasons)
	if !reflect.DeepEqual(injectedReasons, wantInjected) {
		t.Errorf("enricher dead letters %v, want %v", injectedReasons, wantInjected)
	}

	// The metrics say the same, exactly.
	if got := value(t, sreg, "newsflow_sink_articles_total", "result", "stored"); got != float64(len(wantIDs)) {
		t.Errorf("sink stored = %v, want %d", got, len(wantIDs))
	}
	for reason, n := range truth.Reasons() {
		if got := value(t, pregs, "newsflow_producer_rejected_total", "reason", string(reason)); got != float64(n) {
			t.Errorf("producer rejected{reason=%s} = %v, want %d", reason, got, n)
		}
	}
	for _, m := range injected {
		if got := value(t, ereg, "newsflow_enricher_dlq_total", "reason", string(m.reason)); got != 1 {
			t.Errorf("enricher dlq{reason=%s} = %v, want 1", m.reason, got)
		}
	}
	t.Logf("%d records: %d produced, %d duplicates dropped, %d rejected by the producer, %d stored",
		records, rep.Produced, rep.Duplicates, rep.RejectedTotal(), len(docs))
}

func startStages(t *testing.T, g *errgroup.Group, ctx context.Context, kcfg kafkaio.Config, esURL string, ereg, sreg prometheus.Registerer) {
	t.Helper()
	taggers, err := enricher.DefaultTaggers()
	if err != nil {
		t.Fatal(err)
	}
	er := kafkaio.NewReader(kcfg, kafkaio.TopicRaw, "newsflow-enricher")
	eo := kafkaio.NewWriter(kcfg, kafkaio.TopicEnriched)
	ed := kafkaio.NewWriter(kcfg, kafkaio.TopicDLQ)
	esvc, err := enricher.New(enricher.Config{Reader: er, Output: eo, DLQ: ed, DeadLetter: kafkaio.DeadLetter,
		Taggers: taggers, MaxMessageBytes: kcfg.MaxMessageBytes, Registerer: ereg, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	st, err := elastic.New(elastic.Config{URLs: []string{esURL}})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.EnsureTemplate(ctx); err != nil {
		t.Fatal(err)
	}
	sr := kafkaio.NewReader(kcfg, kafkaio.TopicEnriched, "newsflow-sink")
	sd := kafkaio.NewWriter(kcfg, kafkaio.TopicDLQ)
	ssvc, err := sink.New(sink.Config{Reader: sr, Store: st, DLQ: sd, DeadLetter: kafkaio.DeadLetter,
		BatchAge: 50 * time.Millisecond, Registerer: sreg, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	g.Go(func() error {
		err := esvc.Run(ctx)
		return firstErr(err, eo.Close(), ed.Close(), er.Close())
	})
	g.Go(func() error {
		err := ssvc.Run(ctx)
		return firstErr(err, sd.Close(), sr.Close(), st.Close())
	})
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// stageFailed fails the test at once when a stage stopped before the test stopped it.
func stageFailed(t *testing.T, g *errgroup.Group, gctx context.Context) bool {
	t.Helper()
	if gctx.Err() == nil {
		return false
	}
	t.Fatalf("a stage stopped early: %v", g.Wait())
	return true
}

// waitFor polls cond until it holds; the test's own deadline bounds the wait.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(5 * time.Minute)
	for !cond() {
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func sum(t *testing.T, reg prometheus.Registerer, name string) float64 {
	t.Helper()
	return telemetrytest.Sum(t, reg.(prometheus.Gatherer), name)
}

func value(t *testing.T, reg prometheus.Registerer, name, label, want string) float64 {
	t.Helper()
	return telemetrytest.Value(t, reg.(prometheus.Gatherer), name, label, want)
}

func withoutEnrichedAt(t *testing.T, a *article.Article) map[string]any {
	t.Helper()
	b, err := article.Encode(a)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "enriched_at")
	return m
}

func diff(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] && len(out) < 5 {
			out = append(out, k)
		}
	}
	return out
}
