package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/embedded"
)

// backends are the real stores the API is checked over: each opens an empty store, writes
// the documents, and returns it. (store/elastic over esfake joins once it has a Searcher.)
var backends = []struct {
	name string
	open func(t *testing.T, docs []store.Document) store.Searcher
}{
	{"embedded", func(t *testing.T, docs []store.Document) store.Searcher {
		st, err := embedded.Open(t.TempDir(), embedded.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = st.Close() })
		results, err := st.Write(context.Background(), docs)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range results {
			if r.Outcome != store.OutcomeStored {
				t.Fatalf("document %d: %+v", i, r)
			}
		}
		return st
	}},
}

// TestOverStores runs the API over the real stores holding the test articles: the fake's
// answers are only as good as its author's reading of the contract, so the paths the page
// depends on are checked against real backends too.
func TestOverStores(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { testOverStore(t, b.open) })
	}
}

func testOverStore(t *testing.T, open func(*testing.T, []store.Document) store.Searcher) {
	arts := testArticles()
	var docs []store.Document
	for _, a := range arts {
		d, err := store.FromArticle(a)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	s, err := New(Config{Searcher: open(t, docs)})
	if err != nil {
		t.Fatal(err)
	}

	search := func(t *testing.T, query string) SearchResponse {
		t.Helper()
		rec := do(t, s, http.MethodGet, "/api/search?"+query, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		var res SearchResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		return res
	}
	ids := func(res SearchResponse) []string {
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.ID[len(h.ID)-2:])
		}
		return out
	}

	t.Run("text with snippets and facets", func(t *testing.T) {
		res := search(t, "q=havana&facets=persons,sources,topics,dates")
		if res.Total != 2 || len(res.Hits) != 2 {
			t.Fatalf("total %d, hits %v", res.Total, ids(res))
		}
		for _, h := range res.Hits {
			if len(h.Snippets) == 0 || !strings.Contains(strings.Join(h.Snippets, " "), "<mark>Havana</mark>") {
				t.Errorf("hit %s snippets %q", h.ID, h.Snippets)
			}
		}
		persons := res.Facets["persons"]
		if len(persons) == 0 || !containsValue(persons, "Miguel Díaz-Canel") {
			t.Errorf("persons facet %+v", persons)
		}
		if len(res.Dates) == 0 {
			t.Error("no date histogram")
		}
	})
	t.Run("entity filter with a non-ASCII name", func(t *testing.T) {
		res := search(t, "q=havana&entity=PERSON:Miguel+D%C3%ADaz-Canel")
		if got := ids(res); len(got) != 1 || got[0] != "a1" {
			t.Errorf("hits %v, want [a1]", got)
		}
	})
	t.Run("country and source filters", func(t *testing.T) {
		res := search(t, "country=br&source=reuters&sort=date")
		if got := ids(res); strings.Join(got, ",") != "a1,a4" {
			t.Errorf("hits %v, want [a1 a4] newest first", got)
		}
	})
	t.Run("markup in a snippet is escaped", func(t *testing.T) {
		res := search(t, "q=square")
		if len(res.Hits) != 1 || len(res.Hits[0].Snippets) == 0 {
			t.Fatalf("hits %+v", res.Hits)
		}
		snip := strings.Join(res.Hits[0].Snippets, " ")
		if strings.Contains(snip, "<b>") || !strings.Contains(snip, "&lt;b&gt;") {
			t.Errorf("snippet %q: markup from the body must arrive escaped", snip)
		}
	})
	t.Run("a query the store's parser refuses", func(t *testing.T) {
		wantError(t, do(t, s, http.MethodGet, "/api/search?q=(havana", nil), http.StatusBadRequest, "q")
	})
	t.Run("article round trip", func(t *testing.T) {
		rec := do(t, s, http.MethodGet, "/api/articles/"+arts[0].ID, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		a, err := article.Decode(rec.Body.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if a.Body != arts[0].Body || len(a.Entities) != len(arts[0].Entities) {
			t.Fatalf("article changed on the way: %d entities", len(a.Entities))
		}
		for _, e := range a.Entities {
			for _, m := range e.Mentions {
				if a.Body[m.Start:m.End] != m.Text {
					t.Errorf("mention %+v does not cover its text", m)
				}
			}
		}
		decodeError(t, do(t, s, http.MethodGet, "/api/articles/"+strings.Repeat("f", 32), nil), http.StatusNotFound)
	})
	t.Run("stats", func(t *testing.T) {
		var got StatsResponse
		rec := do(t, s, http.MethodGet, "/api/stats", nil)
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || got.Documents != int64(len(arts)) || got.Sources != 4 {
			t.Errorf("stats %+v, %v: %s", got, err, rec.Body)
		}
	})
}

func containsValue(values []FacetJSON, v string) bool {
	for _, fv := range values {
		if fv.Value == v {
			return true
		}
	}
	return false
}
