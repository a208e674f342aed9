package enricher

import (
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
)

func TestEncodeWithinTruncatesMentions(t *testing.T) {
	a := &article.Article{ID: "x", Body: strings.Repeat("Paris ", 500)}
	var ms []article.Mention
	for i := range 500 {
		ms = append(ms, article.Mention{Start: i * 6, End: i*6 + 5, Text: "Paris"})
	}
	a.Places = []article.Place{{Name: "Paris", Kind: article.PlaceCity, CountryCode: "FR", Mentions: ms, Count: 500}}
	full, _ := article.Encode(a)
	value, truncated, err := EncodeWithin(a, len(full)-100)
	if err != nil || !truncated {
		t.Fatalf("EncodeWithin = truncated %v, %v", truncated, err)
	}
	back, err := article.Decode(value)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Truncated || back.Places[0].Count != 500 || len(back.Places[0].Mentions) > 16 {
		t.Errorf("truncated=%v count=%d mentions=%d", back.Truncated, back.Places[0].Count, len(back.Places[0].Mentions))
	}
	if _, _, err := EncodeWithin(a, 100); article.ReasonOf(err) != article.ReasonTooLarge {
		t.Errorf("tiny budget: %v, want too_large", err)
	}
}

func TestEncodeWithinCutsAmountsAndDates(t *testing.T) {
	a := &article.Article{ID: "x", Body: strings.Repeat("$5 ", 1000)}
	for i := range 1000 {
		a.Amounts = append(a.Amounts, article.Amount{Kind: "money", Text: "$5", Start: i * 3, End: i*3 + 2, Value: 5, Currency: "USD"})
		a.Dates = append(a.Dates, article.Date{Text: "$5", Start: i * 3, End: i*3 + 2, Value: "2026-01-01"})
	}
	full, _ := article.Encode(a)
	value, truncated, err := EncodeWithin(a, len(full)/4)
	if err != nil || !truncated {
		t.Fatalf("EncodeWithin = truncated %v, %v", truncated, err)
	}
	back, err := article.Decode(value)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(back.Amounts); n == 0 || n > mentionCaps[0]*amountsPerMention || back.Amounts[0].Start != 0 {
		t.Errorf("amounts kept: %d, first at %d", n, back.Amounts[0].Start)
	}
	if n := len(back.Dates); n == 0 || n > mentionCaps[0]*amountsPerMention {
		t.Errorf("dates kept: %d", n)
	}
}
