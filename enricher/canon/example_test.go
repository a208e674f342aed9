package canon_test

import (
	"fmt"

	"github.com/newsflow/newsflow/enricher/canon"
	"github.com/newsflow/newsflow/internal/article"
)

func ExampleMerge() {
	body := "President Vladimir Putin met IMF officials. The International Monetary Fund (IMF) " +
		"said Britain and the UK agree. Mr Putin left."
	span := func(text string, from int, typ string) canon.Span {
		for i := from; i+len(text) <= len(body); i++ {
			if body[i:i+len(text)] == text {
				return canon.Span{Start: i, End: i + len(text), Type: typ, Confidence: 0.9}
			}
		}
		panic(text)
	}
	spans := []canon.Span{
		span("President Vladimir Putin", 0, article.TypePerson),
		span("IMF", 0, article.TypeOrganization),
		span("International Monetary Fund", 0, article.TypeOrganization),
		span("IMF", 60, article.TypeOrganization),
		span("Britain", 0, article.TypeLocation),
		span("UK", 0, article.TypeLocation),
		span("Mr Putin", 0, article.TypePerson),
	}
	// What the places tagger found: one country, two mentions.
	gb := article.Place{Name: "United Kingdom", Kind: article.PlaceCountry, CountryCode: "GB"}
	for _, s := range spans[4:6] {
		gb.Mentions = append(gb.Mentions, article.Mention{Start: s.Start, End: s.End, Text: body[s.Start:s.End]})
	}
	for _, e := range canon.Merge(body, spans, []article.Place{gb}) {
		fmt.Printf("%s %q %s", e.Type, e.Name, e.Link)
		for _, m := range e.Mentions {
			fmt.Printf(" %q@%d", m.Text, m.Start)
		}
		fmt.Println()
	}
	// Output:
	// PERSON "Vladimir Putin"  "Vladimir Putin"@10 "Putin"@116
	// ORGANIZATION "International Monetary Fund"  "IMF"@29 "International Monetary Fund"@48 "IMF"@77
	// LOCATION "United Kingdom" iso3166:GB "Britain"@87 "UK"@103
}
