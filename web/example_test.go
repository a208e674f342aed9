package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/web"
	"github.com/prometheus/client_golang/prometheus"
)

// oneHit is a store.Searcher that finds one article whatever the query.
type oneHit struct{}

func (oneHit) Search(context.Context, store.Query) (store.SearchResult, error) {
	return store.SearchResult{Total: 1, Hits: []store.Hit{{ID: "a1", Title: "Rates held", Snippets: []string{"central bank held <mark>rates</mark>"}}}}, nil
}

func (oneHit) Article(context.Context, string) (*article.Article, bool, error) {
	return nil, false, nil
}

func (oneHit) Stats(context.Context) (store.Stats, error) { return store.Stats{Documents: 1}, nil }

func ExampleNew() {
	srv, err := web.New(web.Config{Searcher: oneHit{}, Registerer: prometheus.NewRegistry()})
	if err != nil {
		panic(err)
	}
	// srv is an http.Handler: give it to an http.Server, or call it directly.
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?q=rates&size=1", nil))
	var res web.SearchResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		panic(err)
	}
	fmt.Println(rec.Code, res.Total, res.Hits[0].Title, res.Hits[0].Snippets[0])

	rec = httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?sort=popular", nil))
	fmt.Println(rec.Code, rec.Body.String())
	// Output:
	// 200 1 Rates held central bank held <mark>rates</mark>
	// 400 {"error":"sort: want relevance or date, got \"popular\"","field":"sort"}
}
