//go:build integration

package elastic

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"reflect"
	"testing"

	"github.com/elastic/go-elasticsearch/v8/esapi"

	"github.com/newsflow/newsflow/store"
)

// TestRealCluster runs the writer contract against the Elasticsearch at NEWSFLOW_ES_URL, on
// an alias of its own that it deletes afterwards.
func TestRealCluster(t *testing.T) {
	url := os.Getenv("NEWSFLOW_ES_URL")
	if url == "" {
		t.Skip("skipped: set NEWSFLOW_ES_URL to run against a real Elasticsearch 8 cluster")
	}
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	alias := "newsflow-it-" + hex.EncodeToString(b)
	s, err := New(Config{
		URLs: []string{url}, Alias: alias,
		Username: os.Getenv("NEWSFLOW_ES_USERNAME"), Password: os.Getenv("NEWSFLOW_ES_PASSWORD"),
		APIKey: os.Getenv("NEWSFLOW_ES_API_KEY"),
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	t.Cleanup(func() {
		_ = s.do(ctx, "delete index", esapi.IndicesDeleteRequest{Index: []string{alias + "-*"}}, nil, 200, 404)
		_ = s.do(ctx, "delete template", esapi.IndicesDeleteIndexTemplateRequest{Name: alias}, nil, 200, 404)
		_ = s.Close()
	})
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
