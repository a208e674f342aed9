package elastic

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/esfake"
	"github.com/newsflow/newsflow/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./store/elastic -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs (run with -update after checking the diff):\n%s", path, got)
	}
}

// TestBulkRequestGolden pins the exact _bulk request for the golden articles.
func TestBulkRequestGolden(t *testing.T) {
	e := newEnv(t, true)
	var docs []store.Document
	for _, name := range []string{"enriched", "raw", "copy"} {
		d, err := store.FromArticle(goldenArticle(t, name))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	results, err := e.store.Write(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range results {
		if r.Outcome != store.OutcomeStored {
			t.Errorf("doc %d: %+v (the strict template refused a real document)", i, r)
		}
	}
	bulks := e.es.Bulks()
	reqs := e.es.Requests()
	last := reqs[len(reqs)-1]
	if last.Path != "/news/_bulk" || last.RawQuery != "require_alias=true" {
		t.Errorf("bulk sent to %s?%s", last.Path, last.RawQuery)
	}
	if len(bulks) != 1 {
		t.Fatalf("%d bulk requests", len(bulks))
	}
	golden(t, "bulk.golden.ndjson", last.Body)
}

func TestWriteOutcomes(t *testing.T) {
	ctx := context.Background()

	t.Run("revisions 2, 1, 2 of one id", func(t *testing.T) {
		e := newEnv(t, true)
		var got []store.Result
		for _, rev := range []int64{2, 1, 2} {
			res, err := e.store.Write(ctx, []store.Document{doc(t, "same", rev)})
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, res...)
		}
		if want := []store.Outcome{store.OutcomeStored, store.OutcomeStale, store.OutcomeStored}; !reflect.DeepEqual(outcomes(got), want) {
			t.Fatalf("outcomes %v, want %v (%+v)", outcomes(got), want, got)
		}
		if got[1].Status != 409 || !strings.HasPrefix(got[1].Reason, "version_conflict_engine_exception: ") {
			t.Errorf("stale result %+v", got[1])
		}
		d, found, err := e.store.Get(ctx, "same")
		if err != nil || !found || d.Revision != 2 {
			t.Fatalf("Get: %+v found=%v err=%v", d.Revision, found, err)
		}
		if stored, _ := e.es.Doc("news", "same"); stored.Version != 2 {
			t.Errorf("external version %d, want 2", stored.Version)
		}
		if n := len(e.es.Docs("news")); n != 1 {
			t.Errorf("%d documents, want 1", n)
		}
	})

	t.Run("per-item 429 then success", func(t *testing.T) {
		e := newEnv(t, true)
		e.es.ScriptBulk(esfake.BulkFault{Items: map[int]esfake.ItemFault{1: {Status: 429}}})
		docs := []store.Document{doc(t, "a", 1), doc(t, "b", 1), doc(t, "c", 1)}
		res, err := e.store.Write(ctx, docs)
		if err != nil {
			t.Fatal(err)
		}
		if want := []store.Outcome{store.OutcomeStored, store.OutcomeRetry, store.OutcomeStored}; !reflect.DeepEqual(outcomes(res), want) {
			t.Fatalf("outcomes %v, want %v", outcomes(res), want)
		}
		if res[1].Status != 429 || !strings.HasPrefix(res[1].Reason, "es_rejected_execution_exception") {
			t.Errorf("retry result %+v", res[1])
		}
		res, err = e.store.Write(ctx, docs[1:2])
		if err != nil || res[0].Outcome != store.OutcomeStored {
			t.Fatalf("retry: %+v, %v", res, err)
		}
		if n := len(e.es.Docs("news")); n != 3 {
			t.Errorf("%d documents, want 3", n)
		}
	})

	t.Run("request-level 503", func(t *testing.T) {
		e := newEnv(t, true)
		e.es.ScriptBulk(esfake.BulkFault{Status: 503})
		res, err := e.store.Write(ctx, []store.Document{doc(t, "a", 1)})
		var re *ResponseError
		if !errors.Is(err, store.ErrUnavailable) || !errors.As(err, &re) || re.Status != 503 || re.Type != "cluster_block_exception" {
			t.Fatalf("err = %v, want a 503 ResponseError wrapping ErrUnavailable", err)
		}
		if res != nil {
			t.Errorf("results %v with a request-level error", res)
		}
	})

	t.Run("store down then back", func(t *testing.T) {
		e := newEnv(t, true)
		e.es.Down()
		_, err := e.store.Write(ctx, []store.Document{doc(t, "a", 1)})
		if !errors.Is(err, store.ErrUnavailable) {
			t.Fatalf("err = %v while down, want ErrUnavailable", err)
		}
		e.es.Up()
		res, err := e.store.Write(ctx, []store.Document{doc(t, "a", 1)})
		if err != nil || res[0].Outcome != store.OutcomeStored {
			t.Fatalf("after Up: %+v, %v", res, err)
		}
	})

	t.Run("mapping errors mid-batch", func(t *testing.T) {
		e := newEnv(t, true)
		badGeo := doc(t, "bad-geo", 1)
		badGeo.Places = []store.Place{{Name: "Nowhere", Location: &store.GeoPoint{Lat: 200, Lon: 0}}}
		immense := doc(t, "immense", 1)
		immense.Persons = []string{strings.Repeat("n", 40000)}
		e.es.FailDocument("scripted", esfake.ItemFault{})
		docs := []store.Document{doc(t, "ok-1", 1), badGeo, doc(t, "scripted", 1), immense, doc(t, "ok-2", 1)}
		res, err := e.store.Write(ctx, docs)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.Outcome{store.OutcomeStored, store.OutcomeRejected, store.OutcomeRejected, store.OutcomeRejected, store.OutcomeStored}
		if !reflect.DeepEqual(outcomes(res), want) {
			t.Fatalf("outcomes %v, want %v (%+v)", outcomes(res), want, res)
		}
		for i, prefix := range map[int]string{1: "document_parsing_exception", 2: "document_parsing_exception", 3: "illegal_argument_exception"} {
			if res[i].Status != 400 || !strings.HasPrefix(res[i].Reason, prefix) {
				t.Errorf("item %d: %+v, want 400 %s", i, res[i], prefix)
			}
		}
		if !strings.Contains(res[1].Reason, "illegal latitude value") {
			t.Errorf("the cause is lost from the reason: %s", res[1].Reason)
		}
	})

	t.Run("unencodable document is rejected unsent", func(t *testing.T) {
		e := newEnv(t, true)
		bad := doc(t, "nan", 1)
		nan := math.NaN()
		bad.Tone = &nan
		res, err := e.store.Write(ctx, []store.Document{bad, doc(t, "fine", 1)})
		if err != nil {
			t.Fatal(err)
		}
		if res[0].Outcome != store.OutcomeRejected || !strings.HasPrefix(res[0].Reason, ReasonEncode) || res[1].Outcome != store.OutcomeStored {
			t.Fatalf("results %+v", res)
		}
		if items := e.es.Bulks()[0].Items; len(items) != 1 || items[0].ID != "fine" {
			t.Errorf("sent %+v", items)
		}
	})

	t.Run("short bulk response", func(t *testing.T) {
		e := newEnv(t, true)
		e.es.ScriptBulk(esfake.BulkFault{DropLast: 2})
		docs := []store.Document{doc(t, "a", 1), doc(t, "b", 1), doc(t, "c", 1)}
		res, err := e.store.Write(ctx, docs)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.Outcome{store.OutcomeStored, store.OutcomeRetry, store.OutcomeRetry}
		if !reflect.DeepEqual(outcomes(res), want) || res[2].Reason != ReasonMissingItem {
			t.Fatalf("results %+v", res)
		}
		// Every document has exactly one outcome: added == succeeded + failed.
		if len(res) != len(docs) {
			t.Errorf("%d results for %d documents", len(res), len(docs))
		}
		// Writing the missing ones again is idempotent (equal revision overwrites).
		res, err = e.store.Write(ctx, docs[1:])
		if err != nil || !reflect.DeepEqual(outcomes(res), []store.Outcome{store.OutcomeStored, store.OutcomeStored}) {
			t.Fatalf("retry: %+v, %v", res, err)
		}
	})

	t.Run("missing product header", func(t *testing.T) {
		e := newEnv(t, true) // the client already saw a genuine answer
		e.es.ScriptBulk(esfake.BulkFault{OmitProductHeader: true})
		_, err := e.store.Write(ctx, []store.Document{doc(t, "a", 1)})
		if !errors.Is(err, ErrNotElasticsearch) || !errors.Is(err, store.ErrUnavailable) {
			t.Fatalf("err = %v, want ErrNotElasticsearch wrapping ErrUnavailable", err)
		}
		fresh := newEnv(t, false)
		fresh.es.SetProductHeader(false)
		if err := fresh.store.Ping(ctx); !errors.Is(err, ErrNotElasticsearch) {
			t.Errorf("Ping on a fresh client: err = %v, want ErrNotElasticsearch", err)
		}
	})

	t.Run("alias gone", func(t *testing.T) {
		e := newEnv(t, true)
		req, _ := json.Marshal(map[string]any{"actions": []any{map[string]any{"remove": map[string]any{"index": "news-000001", "alias": "news"}}}})
		res, err := e.srv.Client().Post(e.srv.URL+"/_aliases", "application/json", strings.NewReader(string(req)))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		results, err := e.store.Write(ctx, []store.Document{doc(t, "a", 1)})
		if err != nil {
			t.Fatal(err)
		}
		if results[0].Outcome != store.OutcomeRetry || results[0].Status != 404 {
			t.Errorf("write without the alias: %+v, want a retry (never an unmapped auto-created index)", results[0])
		}
		if got := e.es.Indices(); !reflect.DeepEqual(got, []string{"news-000001"}) {
			t.Errorf("indices %v", got)
		}
	})

	t.Run("request-level 401", func(t *testing.T) {
		e := newEnv(t, true)
		e.es.ScriptBulk(esfake.BulkFault{Status: 401})
		_, err := e.store.Write(ctx, []store.Document{doc(t, "a", 1)})
		if !errors.Is(err, store.ErrRequestRejected) || errors.Is(err, store.ErrUnavailable) {
			t.Errorf("err = %v, want ErrRequestRejected", err)
		}
	})

	t.Run("empty batch sends nothing", func(t *testing.T) {
		e := newEnv(t, true)
		res, err := e.store.Write(ctx, nil)
		if err != nil || len(res) != 0 || len(e.es.Bulks()) != 0 {
			t.Errorf("res %v err %v bulks %d", res, err, len(e.es.Bulks()))
		}
	})
}

// TestCorrectionMovesPublishedAt: a correction months later is still one document.
func TestCorrectionMovesPublishedAt(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, true)
	a := goldenArticle(t, "enriched")
	first, err := store.FromArticle(a)
	if err != nil {
		t.Fatal(err)
	}
	moved := a.PublishedAt.AddDate(0, -5, 0)
	a.PublishedAt = &moved
	a.Revision += int64(time.Hour / time.Millisecond)
	corrected, err := store.FromArticle(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []store.Document{first, corrected} {
		res, err := e.store.Write(ctx, []store.Document{d})
		if err != nil || res[0].Outcome != store.OutcomeStored {
			t.Fatalf("%+v, %v", res, err)
		}
	}
	if err := e.store.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	n, err := e.store.Count(ctx)
	if err != nil || n != 1 {
		t.Fatalf("count %d, %v; want one hit through the alias", n, err)
	}
	docs, err := e.store.Documents(ctx)
	if err != nil || len(docs) != 1 || !docs[0].PublishedAt.Equal(moved.Truncate(time.Millisecond)) {
		t.Fatalf("documents %d, %v", len(docs), err)
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		item bulkItem
		want store.Outcome
	}{
		{"created", bulkItem{ID: "x", Status: 201}, store.OutcomeStored},
		{"updated", bulkItem{ID: "x", Status: 200}, store.OutcomeStored},
		{"version conflict", bulkItem{ID: "x", Status: 409, Error: &esError{Type: "version_conflict_engine_exception"}}, store.OutcomeStale},
		{"429", bulkItem{ID: "x", Status: 429, Error: &esError{Type: "es_rejected_execution_exception"}}, store.OutcomeRetry},
		{"rejected execution under another status", bulkItem{ID: "x", Status: 503, Error: &esError{Type: "es_rejected_execution_exception"}}, store.OutcomeRetry},
		{"500", bulkItem{ID: "x", Status: 500, Error: &esError{Type: "exception"}}, store.OutcomeRetry},
		{"read-only index", bulkItem{ID: "x", Status: 403, Error: &esError{Type: "cluster_block_exception"}}, store.OutcomeRetry},
		{"alias missing", bulkItem{ID: "x", Status: 404, Error: &esError{Type: "index_not_found_exception"}}, store.OutcomeRetry},
		{"mapping error", bulkItem{ID: "x", Status: 400, Error: &esError{Type: "mapper_parsing_exception"}}, store.OutcomeRejected},
		{"other 4xx", bulkItem{ID: "x", Status: 413, Error: &esError{Type: "illegal_argument_exception"}}, store.OutcomeRejected},
		{"result of another id", bulkItem{ID: "y", Status: 201}, store.OutcomeRetry},
		{"no status", bulkItem{ID: "x"}, store.OutcomeRetry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := classify(tt.item, "x")
			if got.Outcome != tt.want {
				t.Errorf("outcome %s, want %s (%+v)", got.Outcome, tt.want, got)
			}
			if got.Outcome != store.OutcomeStored && got.Reason == "" {
				t.Error("a failed item has no reason")
			}
		})
	}
}
