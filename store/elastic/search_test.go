package elastic

import (
	"encoding/json"
	"slices"
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

// esReply is a search answer in the shape Elasticsearch 8 gives: sorted by date (so _score
// is null), collapsed with inner hits, highlights, terms and date_histogram aggregations.
const esReply = `{
  "took": 3, "timed_out": false,
  "hits": {
    "total": {"value": 4, "relation": "eq"}, "max_score": null,
    "hits": [
      {"_index": "news-000001", "_id": "r2", "_score": null,
       "_source": {"id": "r2", "url": "https://msn.example/rates", "source": "MSN", "title": "Rates rose",
         "language": "en", "published_at": "2024-03-01T11:00:00Z", "countries": ["DE"],
         "topics": [{"code": "medtop:04000000", "label": "economy", "score": 0.9}]},
       "highlight": {"title": ["<mark>Rates</mark> rose"], "body": ["Interest <mark>rates</mark> rose &amp; fell"]},
       "fields": {"story_id": ["r0"]}, "sort": [1709290800000, "r2"],
       "inner_hits": {"story": {"hits": {"total": {"value": 3, "relation": "eq"}, "max_score": null, "hits": []}}}},
      {"_index": "news-000001", "_id": "s", "_score": null,
       "_source": {"id": "s", "title": "Savers"},
       "highlight": {"title": ["<mark>Savers</mark>"], "body": ["The opening without a match"]},
       "fields": {"story_id": ["s"]}, "sort": [1709370000000, "s"],
       "inner_hits": {"story": {"hits": {"total": {"value": 1, "relation": "eq"}, "max_score": null, "hits": []}}}}
    ]
  },
  "aggregations": {
    "locations": {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
      "buckets": [{"key": "Havana", "doc_count": 2}, {"key": "Frankfurt", "doc_count": 1}]},
    "locations_places": {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
      "buckets": [{"key": "Frankfurt", "doc_count": 3}, {"key": "Berlin", "doc_count": 2}]},
    "sources": {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
      "buckets": [{"key": "MSN", "doc_count": 1}, {"key": "AP", "doc_count": 1}]},
    "dates": {"buckets": [
      {"key_as_string": "2024-03-01T00:00:00.000Z", "key": 1709251200000, "doc_count": 3},
      {"key_as_string": "2024-03-02T00:00:00.000Z", "key": 1709337600000, "doc_count": 1}]}
  }
}`

// TestSearchReplyMapping maps an Elasticsearch answer to a SearchResult.
func TestSearchReplyMapping(t *testing.T) {
	var r searchReply
	if err := json.Unmarshal([]byte(esReply), &r); err != nil {
		t.Fatal(err)
	}
	q := store.Query{Highlight: true, Facets: []string{store.FacetLocations, store.FacetSources, store.FacetDates}}
	res, err := r.result(&q, newHistogram(*utc(2024, 3, 1, 0), *utc(2024, 3, 3, 0)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 4 || len(res.Hits) != 2 {
		t.Fatalf("total %d, %d hits", res.Total, len(res.Hits))
	}
	h := res.Hits[0]
	if h.ID != "r2" || h.Source != "MSN" || h.URL != "https://msn.example/rates" || h.Language != "en" ||
		h.PublishedAt == nil || !h.PublishedAt.Equal(*utc(2024, 3, 1, 11)) || h.Duplicates != 2 || h.Score != 0 ||
		len(h.Topics) != 1 || h.Topics[0].Code != "medtop:04000000" || len(h.Countries) != 1 {
		t.Errorf("first hit %+v", h)
	}
	if want := []string{"Interest <mark>rates</mark> rose &amp; fell"}; !slices.Equal(h.Snippets, want) {
		t.Errorf("snippets %q, want the marked body %q", h.Snippets, want)
	}
	if h := res.Hits[1]; h.Duplicates != 0 || !slices.Equal(h.Snippets, []string{"<mark>Savers</mark>"}) {
		t.Errorf("second hit %+v, want no duplicates and the marked title", h)
	}
	wantLoc := []store.FacetValue{{Value: "Frankfurt", Count: 3}, {Value: "Berlin", Count: 2}, {Value: "Havana", Count: 2}}
	if got := res.Facets[store.FacetLocations]; !slices.Equal(got, wantLoc) {
		t.Errorf("locations %v, want %v", got, wantLoc)
	}
	wantSrc := []store.FacetValue{{Value: "AP", Count: 1}, {Value: "MSN", Count: 1}}
	if got := res.Facets[store.FacetSources]; !slices.Equal(got, wantSrc) {
		t.Errorf("sources %v, want %v", got, wantSrc)
	}
	wantDates := []store.DateBucket{{Start: *utc(2024, 3, 1, 0), Count: 3}, {Start: *utc(2024, 3, 2, 0), Count: 1}}
	if len(res.Dates) != 2 || !res.Dates[0].Start.Equal(wantDates[0].Start) || res.Dates[0].Count != 3 ||
		!res.Dates[1].Start.Equal(wantDates[1].Start) || res.Dates[1].Count != 1 {
		t.Errorf("dates %v, want %v", res.Dates, wantDates)
	}
}
