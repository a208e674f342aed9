package quant_test

import (
	"context"
	"fmt"
	"time"

	"github.com/newsflow/newsflow/enricher/quant"
	"github.com/newsflow/newsflow/internal/article"
)

func ExampleTagger_Tag() {
	published := time.Date(2024, 3, 14, 9, 0, 0, 0, time.UTC)
	a := &article.Article{
		Body: "The group agreed on Monday to buy the mine for US$1.2bn, 5% more than offered " +
			"on 12 February; output is 3 million tonnes a year.",
		PublishedAt: &published,
	}
	if err := quant.New(quant.Config{}).Tag(context.Background(), a); err != nil {
		panic(err)
	}
	for _, m := range a.Amounts {
		fmt.Printf("%d-%d %q %s %g %s%s\n", m.Start, m.End, m.Text, m.Kind, m.Value, m.Currency, m.Unit)
	}
	for _, d := range a.Dates {
		fmt.Printf("%d-%d %q %s relative=%v\n", d.Start, d.End, d.Text, d.Value, d.Relative)
	}
	// Output:
	// 47-55 "US$1.2bn" money 1.2e+09 USD
	// 57-59 "5%" quantity 5 percent
	// 104-120 "3 million tonnes" quantity 3e+06 tonne
	// 20-26 "Monday" 2024-03-11 relative=true
	// 81-92 "12 February" 2024-02-12 relative=true
}
