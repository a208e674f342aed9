//go:build integration

package elastic

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"reflect"
	"sync"
	"testing"

	"github.com/elastic/go-elasticsearch/v8/esapi"

	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/storetest"
)

// realCluster returns the Elasticsearch URL of NEWSFLOW_ES_URL, or skips the test.
func realCluster(t *testing.T) string {
	t.Helper()
	url := os.Getenv("NEWSFLOW_ES_URL")
	if url == "" {
		t.Skip("skipped: set NEWSFLOW_ES_URL to run against a real Elasticsearch 8 cluster")
	}
	return url
}

// newAlias returns an alias no other run uses, and deletes its indices and template when
// the test ends.
func newAlias(t *testing.T, url string) string {
	t.Helper()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	alias := "newsflow-it-" + hex.EncodeToString(b)
	t.Cleanup(func() {
		s := realStore(t, url, alias)
		ctx := context.Background()
		_ = s.do(ctx, "delete index", esapi.IndicesDeleteRequest{Index: []string{alias + "-*"}}, nil, 200, 404)
		_ = s.do(ctx, "delete template", esapi.IndicesDeleteIndexTemplateRequest{Name: alias}, nil, 200, 404)
		_ = s.Close()
	})
	return alias
}

// realStore is a Store on the cluster at url behind alias, with the credentials of
// NEWSFLOW_ES_USERNAME and NEWSFLOW_ES_PASSWORD or NEWSFLOW_ES_API_KEY.
func realStore(t *testing.T, url, alias string) *Store {
	t.Helper()
	s, err := New(Config{
		URLs: []string{url}, Alias: alias,
		Username: os.Getenv("NEWSFLOW_ES_USERNAME"), Password: os.Getenv("NEWSFLOW_ES_PASSWORD"),
		APIKey: os.Getenv("NEWSFLOW_ES_API_KEY"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRealClusterContract runs the whole store contract (store/storetest: revisions and
// stale, restart, round trip, phrase search, highlights, snippets, query syntax, filters,
// facets, date histogram, collapse, paging, bad queries, stats) against the Elasticsearch at
// NEWSFLOW_ES_URL, each case on an alias of its own; a reopen is a new Store on the same
// alias.
func TestRealClusterContract(t *testing.T) {
	url := realCluster(t)
	var aliases sync.Map // *testing.T -> alias
	storetest.Run(t, func(t *testing.T) storetest.Backend {
		t.Helper()
		alias, ok := aliases.Load(t)
		if !ok {
			alias = newAlias(t, url)
			aliases.Store(t, alias)
		}
		s := realStore(t, url, alias.(string))
		if err := s.EnsureTemplate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestRealCluster runs the writer's own checks against the Elasticsearch at NEWSFLOW_ES_URL,
// on an alias of its own that it deletes afterwards: idempotent template installation,
// per-item outcomes (stored, rejected, stale) and reading back.
func TestRealCluster(t *testing.T) {
	url := realCluster(t)
	s := realStore(t, url, newAlias(t, url))
	ctx := context.Background()
	t.Cleanup(func() { _ = s.Close() })
	if err := s.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := s.EnsureTemplate(ctx); err != nil {
			t.Fatal(err)
		}
	}
	enriched, err := store.FromArticle(goldenArticle(t, "enriched"))
	if err != nil {
		t.Fatal(err)
	}
	bad := doc(t, "bad-geo", 1)
	bad.LocationsGeo = []store.GeoPoint{{Lat: 200}}
	var got []store.Outcome
	for _, batch := range [][]store.Document{{enriched, doc(t, "same", 2), bad}, {doc(t, "same", 1)}, {doc(t, "same", 2)}} {
		res, err := s.Write(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, outcomes(res)...)
	}
	want := []store.Outcome{store.OutcomeStored, store.OutcomeStored, store.OutcomeRejected, store.OutcomeStale, store.OutcomeStored}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("outcomes %v, want %v", got, want)
	}
	if err := s.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Count(ctx); err != nil || n != 2 {
		t.Errorf("count %d, %v; want 2", n, err)
	}
	d, found, err := s.Get(ctx, enriched.ID)
	if err != nil || !found {
		t.Fatalf("get: %v %v", found, err)
	}
	if _, err := store.ToArticle(d); err != nil {
		t.Error(err)
	}
}
