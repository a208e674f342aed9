package embedded_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/embedded"
	"github.com/newsflow/newsflow/store/storetest"
)

func Example() {
	dir, err := os.MkdirTemp("", "newsflow-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	s, err := embedded.Open(dir, embedded.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	ctx := context.Background()
	var docs []store.Document
	for _, a := range storetest.NewCorpus().All() {
		d, err := store.FromArticle(a)
		if err != nil {
			log.Fatal(err)
		}
		docs = append(docs, d)
	}
	results, err := s.Write(ctx, docs) // durable when it returns
	if err != nil {
		log.Fatal(err) // wraps store.ErrUnavailable: write them all again later
	}
	fmt.Println(len(results), results[0].Outcome)

	res, err := s.Search(ctx, store.Query{
		Text:      `"interest rates"`,
		Highlight: true,
		Facets:    []string{store.FacetSources},
	})
	if err != nil {
		log.Fatal(err)
	}
	hit := res.Hits[0]
	fmt.Println(res.Total, len(res.Hits), hit.Duplicates, len(res.Facets[store.FacetSources]))
	fmt.Println(hit.Snippets[0][:60])
	// Output:
	// 31 stored
	// 3 1 2 3
	// <mark>Interest</mark> <mark>rates</mark> rose again on Tuesd
}
