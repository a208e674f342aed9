package keywords_test

import (
	"context"
	"fmt"

	"github.com/newsflow/newsflow/enricher/keywords"
	"github.com/newsflow/newsflow/internal/article"
)

func ExampleTagger_Tag() {
	tg, err := keywords.New(keywords.Config{Max: 3})
	if err != nil {
		panic(err)
	}
	a := &article.Article{
		Title: "Ferry service restored",
		Body: "The ferry service across the estuary resumed on Sunday. " +
			"Low water levels had stopped the ferry service for three weeks.",
	}
	if err := tg.Tag(context.Background(), a); err != nil {
		panic(err)
	}
	fmt.Println(a.Keywords)
	// Output: [ferry service estuary low water levels]
}
