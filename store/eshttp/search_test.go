package eshttp

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
)

// TestSearchRefusesOtherQueries: a query the server does not answer gets a 400 naming what
// it answers, never an empty or wrong result.
func TestSearchRefusesOtherQueries(t *testing.T) {
	s := serve(t, t.TempDir())
	for _, tc := range []struct{ name, path, body string }{
		{"match_all", "/news/_search", `{"query":{"match_all":{}}}`},
		{"two terms fields", "/news/_search", `{"query":{"terms":{"dup_bands":["a"],"story_id":["b"]}}}`},
		{"other field", "/news/_search", `{"query":{"terms":{"source":["x"]}}}`},
		{"size too large", "/news/_search", `{"size":20000,"query":{"ids":{"values":["a"]}}}`},
		{"not json", "/news/_search", `{`},
		{"other index", "/other/_search", `{"query":{"ids":{"values":["a"]}}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.Post(s.srv.URL+tc.path, "application/json", strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusNotFound {
				t.Errorf("status %d, want 400 (or 404 for another index)", resp.StatusCode)
			}
			if resp.Header.Get(HeaderProduct) != "Elasticsearch" {
				t.Errorf("missing %s header", HeaderProduct)
			}
		})
	}
}

// TestSearchAnswersUnreadableCandidates: a document the store cannot read as a near-duplicate
// candidate is answered with its id alone, which store/elastic reads as unreadable, beside the
// readable ones; before, the store's error failed the whole search (a 500 the sink retried
// forever) or the hit went out as a document with no story.
func TestSearchAnswersUnreadableCandidates(t *testing.T) {
	ctx := context.Background()
	s := serve(t, t.TempDir())
	c := client(t, s.srv.URL, DefaultAlias)
	if err := c.EnsureTemplate(ctx); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	var docs []store.Document
	for _, id := range []string{"good", "nostory"} {
		d, err := store.FromArticle(&article.Article{ID: id, Body: "Body of " + id, PublishedAt: &day,
			FetchedAt: day, Revision: 7, SchemaVersion: article.SchemaVersion})
		if err != nil {
			t.Fatal(err)
		}
		d.DupBands, d.MinHash = []string{"band"}, "sig"
		docs = append(docs, d)
	}
	docs[1].StoryID = ""
	if _, err := s.store.Write(ctx, docs); err != nil {
		t.Fatal(err)
	}
	got, err := c.Candidates(ctx, []string{"band"}, 10)
	if err != nil || len(got) != 2 {
		t.Fatalf("Candidates: %+v, %v; want two", got, err)
	}
	for _, cand := range got {
		if (cand.Err == nil) != (cand.ID == "good") || (cand.Err == nil && cand.StoryID != "good") {
			t.Errorf("%s: %+v; want good readable, nostory unreadable", cand.ID, cand)
		}
	}
}
