package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
)

// cannedSearcher answers every search with the same full page: what the web layer costs on
// top of the store, whatever the store's size.
type cannedSearcher struct{ res store.SearchResult }

func (c cannedSearcher) Search(context.Context, store.Query) (store.SearchResult, error) {
	return c.res, nil
}

func (cannedSearcher) Article(context.Context, string) (*article.Article, bool, error) {
	return nil, false, nil
}

func (cannedSearcher) Stats(context.Context) (store.Stats, error) { return store.Stats{}, nil }

// fullPage is a page of 10 hits with two snippets each, 7 facets of 10 values and 100 date
// buckets: the largest answer the search page asks for.
func fullPage() store.SearchResult {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	res := store.SearchResult{Total: 100_000, Facets: map[string][]store.FacetValue{}}
	for i := range 10 {
		res.Hits = append(res.Hits, store.Hit{
			ID: fmt.Sprintf("%032x", i), Title: "Central bank holds interest rates as inflation eases", URL: "https://example.com/a",
			Source: "reuters", Language: "en", PublishedAt: &t0, Score: 7.5,
			Snippets: []string{
				"… the <mark>central bank</mark> held <mark>interest rates</mark> at 4% &amp; said inflation …",
				"… Lagarde told reporters in Frankfurt that the <mark>bank</mark> would stay cautious …",
			},
			Topics:    []store.Topic{{Code: "medtop:04000000", Label: "economy, business and finance", Score: 0.9}},
			Countries: []string{"DE", "FR"},
		})
	}
	for _, name := range []string{"persons", "organizations", "locations", "countries", "topics", "sources", "languages"} {
		for i := range 10 {
			res.Facets[name] = append(res.Facets[name], store.FacetValue{Value: fmt.Sprintf("%s value %d", name, i), Count: int64(1000 - i)})
		}
	}
	for i := range 100 {
		res.Dates = append(res.Dates, store.DateBucket{Start: t0.AddDate(0, 0, i), Count: int64(i * 10)})
	}
	return res
}

// BenchmarkSearchHandler measures one /api/search request of the search page (filters,
// every facet) through the handler, store excluded.
func BenchmarkSearchHandler(b *testing.B) {
	s, err := New(Config{Searcher: cannedSearcher{fullPage()}})
	if err != nil {
		b.Fatal(err)
	}
	target := "/api/search?q=interest+rates&entity=PERSON:Christine+Lagarde&country=de&from=2026-01-01&to=2026-03-31" +
		"&facets=persons,organizations,locations,countries,topics,sources,languages,dates&page=3"
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}
