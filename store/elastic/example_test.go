package elastic_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/esfake"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/elastic"
)

func Example() {
	es := httptest.NewServer(esfake.New(esfake.Options{}))
	defer es.Close()

	s, err := elastic.New(elastic.Config{URLs: []string{es.URL}})
	if err != nil {
		panic(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.EnsureTemplate(ctx); err != nil {
		panic(err)
	}

	a := &article.Article{ID: "a1", Body: "Rates rose.", FetchedAt: time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)}
	var results []store.Result
	for _, rev := range []int64{2, 1} {
		a.Revision = rev
		d, err := store.FromArticle(a)
		if err != nil {
			panic(err)
		}
		res, err := s.Write(ctx, []store.Document{d})
		if err != nil {
			panic(err) // request-level: retry the whole batch later
		}
		results = append(results, res...)
	}
	for _, r := range results {
		fmt.Println(r.Outcome, r.Status)
	}
	d, found, _ := s.Get(ctx, "a1")
	fmt.Println(found, d.Revision)
	// Output:
	// stored 201
	// stale 409
	// true 2
}
