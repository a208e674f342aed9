package sink

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/esfake"
	"github.com/newsflow/newsflow/internal/kafkaio/kafkatest"
	"github.com/newsflow/newsflow/store/elastic"
)

// These tests run the sink against the real Elasticsearch writer and the esfake server,
// with scripted failures, and check what the store holds and what was dead-lettered.

func article2(t *testing.T, id string, rev int64, published time.Time) []byte {
	t.Helper()
	a := &article.Article{ID: id, Title: "Title " + id, Body: "Body of " + id, Revision: rev,
		PublishedAt: &published, FetchedAt: published, SchemaVersion: article.SchemaVersion}
	b, err := article.Encode(a)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var jan = time.Date(2024, 1, 15, 9, 0, 0, 0, time.UTC)

func msgsOf(values ...[]byte) []kafka.Message {
	out := make([]kafka.Message, len(values))
	for i, v := range values {
		out[i] = kafka.Message{Topic: "news.enriched", Partition: 0, Offset: int64(i), Value: v}
	}
	return out
}

type esCase struct {
	name   string
	msgs   func(t *testing.T) []kafka.Message
	script func(es *esfake.Server)
	// during runs while the sink runs, before the test waits for every commit.
	during func(t *testing.T, es *esfake.Server, reg *prometheus.Registry, r *kafkatest.Reader)
	check  func(t *testing.T, es *esfake.Server, dlq *kafkatest.Writer, reg *prometheus.Registry)
}

func TestSinkAgainstElasticsearch(t *testing.T) {
	five := func(t *testing.T) []kafka.Message {
		var v [][]byte
		for _, id := range []string{"m0", "m1", "m2", "m3", "m4"} {
			v = append(v, article2(t, id, 1, jan))
		}
		return msgsOf(v...)
	}
	allStored := func(n int) func(t *testing.T, es *esfake.Server, dlq *kafkatest.Writer, reg *prometheus.Registry) {
		return func(t *testing.T, es *esfake.Server, dlq *kafkatest.Writer, reg *prometheus.Registry) {
			if got := len(es.Docs("news")); got != n {
				t.Errorf("%d documents behind the alias, want %d", got, n)
			}
			if len(dlq.Messages()) != 0 {
				t.Errorf("%d dead letters, want none", len(dlq.Messages()))
			}
			if got := counter(t, reg, "newsflow_sink_articles_total", "result", resultStored); got != float64(n) {
				t.Errorf("stored = %v, want %d", got, n)
			}
		}
	}
	cases := []esCase{
		{
			name: "per-item 429 then success",
			msgs: five,
			script: func(es *esfake.Server) {
				es.ScriptBulk(esfake.BulkFault{Items: map[int]esfake.ItemFault{1: {Status: 429}, 3: {Status: 503}}})
			},
			check: func(t *testing.T, es *esfake.Server, dlq *kafkatest.Writer, reg *prometheus.Registry) {
				allStored(5)(t, es, dlq, reg)
				if got := counter(t, reg, "newsflow_sink_retries_total", "kind", retryItem); got != 2 {
					t.Errorf("item retries = %v, want 2", got)
				}
				if got := counter(t, reg, "newsflow_sink_bulk_items_total", "outcome", "retry"); got != 2 {
					t.Errorf("bulk items retry = %v, want 2", got)
				}
			},
		},
		{
			name:   "request-level 503",
			msgs:   five,
			script: func(es *esfake.Server) { es.ScriptBulk(esfake.BulkFault{Status: 503}, esfake.BulkFault{Status: 429}) },
			check: func(t *testing.T, es *esfake.Server, dlq *kafkatest.Writer, reg *prometheus.Registry) {
				allStored(5)(t, es, dlq, reg)
				if got := counter(t, reg, "newsflow_sink_retries_total", "kind", retryRequest); got != 2 {
					t.Errorf("request retries = %v, want 2", got)
				}
			},
		},
		{
			name:   "store down then back",
			msgs:   five,
			script: func(es *esfake.Server) { es.Down() },
			during: func(t *testing.T, es *esfake.Server, reg *prometheus.Registry, r *kafkatest.Reader) {
				waitUntil(t, func() bool { return counter(t, reg, "newsflow_sink_retries_total", "kind", retryRequest) >= 2 })
				committed := r.Committed()
				if committed != 0 {
					t.Errorf("%d messages committed while the store was down", committed)
				}
				es.Up()
			},
			check: allStored(5),
		},
		{
			name:   "missing product header",
			msgs:   five,
			script: func(es *esfake.Server) { es.SetProductHeader(false) },
			during: func(t *testing.T, es *esfake.Server, reg *prometheus.Registry, r *kafkatest.Reader) {
				waitUntil(t, func() bool { return counter(t, reg, "newsflow_sink_retries_total", "kind", retryRequest) >= 2 })
				committed := r.Committed()
				// The fake applies the writes; the client refuses the answers, so the sink
				// cannot know they were stored and must commit nothing.
				if committed != 0 {
					t.Errorf("%d messages committed although the server did not prove to be Elasticsearch", committed)
				}
				es.SetProductHeader(true)
			},
			check: allStored(5),
		},
		{
			name:   "mapping error mid-batch",
			msgs:   five,
			script: func(es *esfake.Server) { es.FailDocument("m2", esfake.ItemFault{Status: 400}) },
			check: func(t *testing.T, es *esfake.Server, dlq *kafkatest.Writer, reg *prometheus.Registry) {
				if got := len(es.Docs("news")); got != 4 {
					t.Errorf("%d documents, want 4", got)
				}
				if len(dlq.Messages()) != 1 || string(dlq.Messages()[0].Key) != "" && string(dlq.Messages()[0].Key) != "m2" {
					t.Fatalf("dead letters %d, want only m2", len(dlq.Messages()))
				}
				var a article.Article
				if err := json.Unmarshal(dlq.Messages()[0].Value, &a); err != nil || a.ID != "m2" {
					t.Errorf("dead letter is not m2: %v %v", a.ID, err)
				}
				if got := counter(t, reg, "newsflow_sink_dlq_total", "reason", string(article.ReasonStoreRejected)); got != 1 {
					t.Errorf("dlq{store_rejected} = %v, want 1", got)
				}
			},
		},
		{
			name: "revisions 2, 1, 2 of one id",
			msgs: func(t *testing.T) []kafka.Message {
				return msgsOf(article2(t, "r", 2, jan), article2(t, "r", 1, jan), article2(t, "r", 2, jan))
			},
			check: func(t *testing.T, es *esfake.Server, dlq *kafkatest.Writer, reg *prometheus.Registry) {
				docs := es.Docs("news")
				if len(docs) != 1 || docs[0].Version != 2 {
					t.Fatalf("documents %+v, want one at version 2", docs)
				}
				if got := counter(t, reg, "newsflow_sink_articles_total", "result", resultStale); got != 1 {
					t.Errorf("stale = %v, want 1", got)
				}
				if len(dlq.Messages()) != 0 {
					t.Error("a stale revision must not be dead-lettered")
				}
			},
		},
		{
			name: "correction moves published_at by months",
			msgs: func(t *testing.T) []kafka.Message {
				return msgsOf(article2(t, "c", 1, jan), article2(t, "c", 2, jan.AddDate(0, 5, 0)))
			},
			check: func(t *testing.T, es *esfake.Server, dlq *kafkatest.Writer, reg *prometheus.Registry) {
				docs := es.Docs("news")
				if len(docs) != 1 {
					t.Fatalf("%d documents behind the alias, want 1", len(docs))
				}
				var src struct {
					PublishedAt time.Time `json:"published_at"`
				}
				if err := json.Unmarshal(docs[0].Source, &src); err != nil || !src.PublishedAt.Equal(jan.AddDate(0, 5, 0)) {
					t.Errorf("published_at = %v (%v), want the corrected date", src.PublishedAt, err)
				}
			},
		},
		{
			name:   "short bulk response",
			msgs:   five,
			script: func(es *esfake.Server) { es.ScriptBulk(esfake.BulkFault{DropLast: 2}) },
			check: func(t *testing.T, es *esfake.Server, dlq *kafkatest.Writer, reg *prometheus.Registry) {
				allStored(5)(t, es, dlq, reg)
				// Two items had no result; they were written again (the store took the same
				// revision again), and each article counts once.
				if got := counter(t, reg, "newsflow_sink_retries_total", "kind", retryItem); got != 2 {
					t.Errorf("item retries = %v, want 2", got)
				}
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			es := esfake.New(esfake.Options{})
			srv := httptest.NewServer(es)
			defer srv.Close()
			st, err := elastic.New(elastic.Config{URLs: []string{srv.URL}})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if err := st.EnsureTemplate(context.Background()); err != nil {
				t.Fatal(err)
			}
			if c.script != nil {
				c.script(es)
			}
			r := kafkatest.NewReader(c.msgs(t))
			dlq := &kafkatest.Writer{}
			reg := prometheus.NewRegistry()
			svc, err := New(Config{Reader: r, Store: st, DLQ: dlq, DeadLetter: deadLetter, BatchSize: 10,
				BatchAge: time.Millisecond, Backoff: fastBackoff, Registerer: reg, Logger: quiet})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- svc.Run(ctx) }()
			if c.during != nil {
				c.during(t, es, reg, r)
			}
			select {
			case <-r.All():
			case err := <-done:
				t.Fatalf("Run returned early: %v", err)
			}
			cancel()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			c.check(t, es, dlq, reg)
		})
	}
}

// waitUntil polls cond; the test binary's timeout bounds it.
func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for !cond() {
		<-tick.C
	}
}
