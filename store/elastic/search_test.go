package elastic

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
)

func utc(y int, m time.Month, d, h int) *time.Time {
	t := time.Date(y, m, d, h, 0, 0, 0, time.UTC)
	return &t
}

// TestSearchBodyGolden pins the _search body of each query (testdata/search/NAME.json).
func TestSearchBodyGolden(t *testing.T) {
	tests := []struct {
		name string
		q    store.Query
	}{
		{"empty", store.Query{}},
		{"words", store.Query{Text: "interest rates"}},
		{"phrase", store.Query{Text: `"interest rates"`, Highlight: true}},
		{"split word", store.Query{Text: "Díaz-Canel"}},
		{"operators", store.Query{Text: "(savers OR lagarde) london -bank NOT \"central bank\""}},
		{"not alone", store.Query{Text: "NOT savers"}},
		{"fields", store.Query{Text: `title:savers body:"interest rates" source:reuters entity:"Joe Biden" topic:politics country:cu`}},
		{"punctuation only", store.Query{Text: "--- savers"}},
		{"filters", store.Query{Filters: store.Filters{
			Entities:  []store.EntityFilter{{Type: article.TypePerson, Name: "Christine Lagarde"}, {Type: article.TypeLocation, Name: "London"}, {Name: "ECB"}},
			Topics:    []string{"medtop:04000000"},
			Countries: []string{"gb", "DE"}, Sources: []string{"AP"}, Languages: []string{"en"},
			From: utc(2024, 3, 1, 0), To: utc(2024, 3, 2, 0),
			Box: &store.GeoBox{North: 55, West: -5, South: 45, East: 10},
		}}},
		{"facets", store.Query{Text: "interest", Facets: store.FacetNames,
			Filters: store.Filters{From: utc(2024, 3, 1, 0), To: utc(2024, 3, 11, 0)}}},
		{"by date page 3 no collapse", store.Query{Text: "filler", Sort: store.SortDate, From: 20, Size: 10, NoCollapse: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.q.Validate(); err != nil {
				t.Fatal(err)
			}
			q := tt.q.Normalized()
			node, err := store.ParseText(q.Text)
			if err != nil {
				t.Fatal(err)
			}
			text, err := textQuery(node)
			if err != nil {
				t.Fatal(err)
			}
			var hist *histogram
			if q.Wants(store.FacetDates) {
				hist = newHistogram(*q.Filters.From, *q.Filters.To)
			}
			got, err := json.MarshalIndent(searchBody(&q, text, hist), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "search/"+strings.ReplaceAll(tt.name, " ", "_")+".json", append(got, '\n'))
		})
	}
}

// TestNewHistogram: the smallest calendar interval with at most store.MaxDateBuckets buckets.
func TestNewHistogram(t *testing.T) {
	tests := []struct {
		name   string
		lo, hi *time.Time
		want   string
	}{
		{"ten days by day", utc(2024, 3, 1, 0), utc(2024, 3, 11, 0), "day"},
		{"a day by hour", utc(2024, 3, 1, 0), utc(2024, 3, 2, 0), "hour"},
		{"100 hours by hour", utc(2024, 3, 1, 0), utc(2024, 3, 5, 4), "hour"},
		{"101 hours by day", utc(2024, 3, 1, 0), utc(2024, 3, 5, 5), "day"},
		{"a year by week", utc(2024, 1, 1, 0), utc(2025, 1, 1, 0), "week"},
		{"five years by month", utc(2020, 1, 1, 0), utc(2025, 1, 1, 0), "month"},
		{"two centuries by year", utc(1900, 1, 1, 0), utc(2100, 1, 1, 0), "year"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := newHistogram(*tt.lo, *tt.hi).interval; got != tt.want {
				t.Errorf("interval %s, want %s", got, tt.want)
			}
		})
	}
}
