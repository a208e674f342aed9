package topics_test

import (
	"context"
	"fmt"

	"github.com/newsflow/newsflow/enricher/topics"
	"github.com/newsflow/newsflow/internal/article"
)

func ExampleTagger_Tag() {
	tg, err := topics.Default()
	if err != nil {
		panic(err)
	}
	a := &article.Article{
		Title:    "Snowstorm closes roads",
		Body:     "A snowstorm closed roads across the north, and forecasters warned of freezing temperatures and strong winds overnight.",
		Language: "en",
	}
	if err := tg.Tag(context.Background(), a); err != nil {
		panic(err)
	}
	fmt.Println(a.Topics[0].Code, a.Topics[0].Label)
	// Output: medtop:17000000 weather
}
