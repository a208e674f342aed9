package sink

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"
	"go.uber.org/goleak"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/kafkaio/kafkatest"
	"github.com/newsflow/newsflow/internal/retry"
	"github.com/newsflow/newsflow/internal/telemetry/telemetrytest"
	"github.com/newsflow/newsflow/store"
)

// TestMain checks for leaked goroutines, apart from bleve's analysis workers, which the
// embedded store's package starts once per process and never stops.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.IgnoreAnyFunction("github.com/blevesearch/bleve_index_api.AnalysisWorker"))
}

var fastBackoff = retry.Backoff{Initial: time.Millisecond, Max: 2 * time.Millisecond}

var quiet = slog.New(slog.DiscardHandler)

// scriptedStore keeps the highest revision per id and answers from a script of per-call
// behaviours; after the script it behaves like a healthy store.
type scriptedStore struct {
	mu     sync.Mutex
	docs   map[string]int64
	script []func(docs []store.Document) ([]store.Result, error)
	calls  int
}

func (s *scriptedStore) Write(_ context.Context, docs []store.Document) ([]store.Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if len(s.script) > 0 {
		step := s.script[0]
		s.script = s.script[1:]
		if step != nil {
			return step(docs)
		}
	}
	res := make([]store.Result, len(docs))
	for i, d := range docs {
		res[i] = s.apply(d)
	}
	return res, nil
}

// apply is the healthy store's rule: keep the highest revision. Callers hold mu.
func (s *scriptedStore) apply(d store.Document) store.Result {
	if rev, ok := s.docs[d.ID]; ok && rev > d.Revision {
		return store.Result{Outcome: store.OutcomeStale, Status: 409}
	}
	s.docs[d.ID] = d.Revision
	return store.Result{Outcome: store.OutcomeStored, Status: 201}
}

func deadLetter(orig kafka.Message, stage string, reason article.Reason, err error) kafka.Message {
	return kafka.Message{Key: orig.Key, Value: orig.Value, Headers: []kafka.Header{
		{Key: "reason", Value: []byte(reason)}, {Key: "stage", Value: []byte(stage)}, {Key: "error", Value: []byte(err.Error())}}}
}

func enriched(t *testing.T, id string, rev int64) []byte {
	t.Helper()
	a := &article.Article{ID: id, Body: "Body of " + id, Revision: rev, SchemaVersion: article.SchemaVersion,
		FetchedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	b, err := article.Encode(a)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func run(t *testing.T, cfg Config, r *kafkatest.Reader) {
	t.Helper()
	svc, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	kafkatest.RunUntilCommitted(t, r, svc.Run)
}

// counter reads one labelled series of reg.
func counter(t *testing.T, reg *prometheus.Registry, name, label, value string) float64 {
	t.Helper()
	return telemetrytest.Value(t, reg, name, label, value)
}

func TestSinkOutcomes(t *testing.T) {
	msgs := []kafka.Message{
		{Partition: 0, Offset: 0, Value: enriched(t, "a", 2)},
		{Partition: 0, Offset: 1, Value: enriched(t, "a", 1)}, // stale
		{Partition: 0, Offset: 2, Value: enriched(t, "a", 2)},
		{Partition: 1, Offset: 0, Value: []byte(`{"id":"broken"`)},
		{Partition: 1, Offset: 1, Value: enriched(t, "b", 5)}, // rejected by the store
		{Partition: 1, Offset: 2, Value: enriched(t, "c", 5)}, // 429 once
	}
	st := &scriptedStore{docs: map[string]int64{}}
	st.script = append(st.script,
		func([]store.Document) ([]store.Result, error) {
			return nil, fmt.Errorf("%w: 503 Service Unavailable", store.ErrUnavailable)
		},
		func(docs []store.Document) ([]store.Result, error) {
			res := make([]store.Result, len(docs))
			for i, d := range docs {
				switch d.ID {
				case "b":
					res[i] = store.Result{Outcome: store.OutcomeRejected, Status: 400, Reason: "mapper_parsing_exception: failed to parse field [published_at]"}
				case "c":
					res[i] = store.Result{Outcome: store.OutcomeRetry, Status: 429, Reason: "es_rejected_execution_exception"}
				default:
					res[i] = st.apply(d)
				}
			}
			return res, nil
		})
	r := kafkatest.NewReader(msgs)
	dlq := &kafkatest.Writer{}
	reg := prometheus.NewRegistry()
	results := map[string]int{}
	run(t, Config{Reader: r, Store: st, DLQ: dlq, DeadLetter: deadLetter, BatchSize: 6,
		BatchAge: time.Hour, Backoff: fastBackoff, Registerer: reg, Logger: quiet,
		OnResult: func(id, result string) { results[id+"/"+result]++ }}, r)
	wantResults := map[string]int{"a/stored": 2, "a/stale": 1, "/dead_lettered": 1, "b/dead_lettered": 1, "c/stored": 1}
	if !reflect.DeepEqual(results, wantResults) {
		t.Errorf("OnResult saw %v, want %v", results, wantResults)
	}

	if st.docs["a"] != 2 || st.docs["c"] != 5 {
		t.Errorf("store holds %v", st.docs)
	}
	if _, ok := st.docs["b"]; ok {
		t.Error("rejected document was stored")
	}
	if len(dlq.Messages()) != 2 {
		t.Fatalf("dead letters: %d, want 2", len(dlq.Messages()))
	}
	for name, want := range map[string]float64{resultStored: 3, resultStale: 1, resultDeadLettered: 2} {
		if got := counter(t, reg, "newsflow_sink_articles_total", "result", name); got != want {
			t.Errorf("articles{result=%s} = %v, want %v", name, got, want)
		}
	}
	if got := counter(t, reg, "newsflow_sink_retries_total", "kind", retryRequest); got != 1 {
		t.Errorf("request retries = %v, want 1", got)
	}
	if got := counter(t, reg, "newsflow_sink_retries_total", "kind", retryItem); got != 1 {
		t.Errorf("item retries = %v, want 1", got)
	}
	if got := counter(t, reg, "newsflow_sink_dlq_total", "reason", string(article.ReasonStoreRejected)); got != 1 {
		t.Errorf("dlq{store_rejected} = %v, want 1", got)
	}
	if got := counter(t, reg, "newsflow_sink_dlq_total", "reason", string(article.ReasonInvalidJSON)); got != 1 {
		t.Errorf("dlq{invalid_json} = %v, want 1", got)
	}
	if telemetrytest.Value(t, reg, "newsflow_sink_store_up") != 1 {
		t.Error("store_up should be 1 after a successful write")
	}
}

func TestSinkStoreDownPausesAndLosesNothing(t *testing.T) {
	var msgs []kafka.Message
	for i := range 50 {
		msgs = append(msgs, kafka.Message{Partition: i % 2, Offset: int64(i / 2), Value: enriched(t, fmt.Sprint("id-", i), 1)})
	}
	st := &scriptedStore{docs: map[string]int64{}}
	for range 5 {
		st.script = append(st.script, func([]store.Document) ([]store.Result, error) {
			return nil, errors.New("dial tcp 127.0.0.1:9200: connect: connection refused")
		})
	}
	r := kafkatest.NewReader(msgs)
	run(t, Config{Reader: r, Store: st, DLQ: &kafkatest.Writer{}, DeadLetter: deadLetter, BatchSize: 10,
		BatchAge: time.Millisecond, Backoff: fastBackoff, Logger: quiet}, r)
	if len(st.docs) != 50 {
		t.Fatalf("stored %d documents, want 50", len(st.docs))
	}
}

func TestSinkShortResultsAreRetried(t *testing.T) {
	msgs := []kafka.Message{{Offset: 0, Value: enriched(t, "x", 1)}, {Offset: 1, Value: enriched(t, "y", 1)}}
	st := &scriptedStore{docs: map[string]int64{}}
	st.script = append(st.script, func(docs []store.Document) ([]store.Result, error) {
		return []store.Result{{Outcome: store.OutcomeStored}}, nil // one result for two documents
	})
	r := kafkatest.NewReader(msgs)
	run(t, Config{Reader: r, Store: st, DLQ: &kafkatest.Writer{}, DeadLetter: deadLetter, BatchSize: 2,
		BatchAge: time.Hour, Backoff: fastBackoff, Logger: quiet}, r)
	if len(st.docs) != 2 {
		t.Fatalf("stored %v, want x and y", st.docs)
	}
}
