package tone_test

import (
	"context"
	"fmt"

	"github.com/newsflow/newsflow/enricher/tone"
	"github.com/newsflow/newsflow/internal/article"
)

func ExampleTagger_Tag() {
	tg, err := tone.New(tone.Config{})
	if err != nil {
		panic(err)
	}
	a := &article.Article{
		Title: "Unemployment falls to record low",
		Body:  "Unemployment fell for the sixth month in a row, and wages rose strongly.",
	}
	if err := tg.Tag(context.Background(), a); err != nil {
		panic(err)
	}
	fmt.Println(*a.Tone > 0)
	// Output: true
}
