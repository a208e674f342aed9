package store

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestQueryValidate(t *testing.T) {
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	later := day.Add(24 * time.Hour)
	good := []struct {
		name string
		q    Query
	}{
		{"zero", Query{}},
		{"full", Query{
			Text: `"interest rates" OR inflation`, Sort: SortDate, From: 9900, Size: 100, Highlight: true,
			Facets: FacetNames,
			Filters: Filters{
				Entities: []EntityFilter{{Type: "PERSON", Name: "Joe Biden"}, {Name: "Paris"}},
				Topics:   []string{"medtop:04000000"}, Countries: []string{"fr"}, Sources: []string{"Reuters"},
				Languages: []string{"en"}, From: &day, To: &later,
				Box: &GeoBox{North: 50, West: 170, South: 40, East: -170},
			},
		}},
		{"text at the limit", Query{Text: strings.Repeat("a", MaxTextBytes)}},
	}
	for _, tt := range good {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.q.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
		})
	}
	bad := []struct {
		name   string
		q      Query
		reason string
	}{
		{"text too long", Query{Text: strings.Repeat("a", MaxTextBytes+1)}, "more than 1000"},
		{"bad text", Query{Text: `"open`}, "unbalanced quote"},
		{"unknown sort", Query{Sort: "oldest"}, `unknown sort "oldest"`},
		{"negative from", Query{From: -1}, "from must not be negative"},
		{"negative size", Query{Size: -5}, "size must not be negative"},
		{"size too big", Query{Size: MaxSize + 1}, "size 101 is more than 100"},
		{"too deep", Query{From: 9995, Size: 10}, "deeper than 10000"},
		{"too deep with default size", Query{From: 9991}, "deeper than 10000"},
		{"unknown facet", Query{Facets: []string{"people"}}, `unknown facet "people"`},
		{"facet twice", Query{Facets: []string{"topics", "topics"}}, `facet "topics" asked twice`},
		{"entity type", Query{Filters: Filters{Entities: []EntityFilter{{Type: "PLACE", Name: "x"}}}}, `unknown type "PLACE"`},
		{"entity name", Query{Filters: Filters{Entities: []EntityFilter{{Type: "PERSON"}}}}, "empty name"},
		{"empty topic", Query{Filters: Filters{Topics: []string{""}}}, "topics has an empty value"},
		{"too many sources", Query{Filters: Filters{Sources: make([]string, 101)}}, "more than 100"},
		{"dates reversed", Query{Filters: Filters{From: &later, To: &day}}, "is not before"},
		{"box south of north", Query{Filters: Filters{Box: &GeoBox{North: 10, South: 20}}}, "is north of north"},
		{"box latitude", Query{Filters: Filters{Box: &GeoBox{North: 91}}}, "latitudes"},
		{"box longitude", Query{Filters: Filters{Box: &GeoBox{North: 1, East: 181}}}, "longitudes"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.q.Validate()
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("Validate = %v, want ErrBadQuery", err)
			}
			if !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("Validate error %q does not say %q", err, tt.reason)
			}
		})
	}
}

func TestQueryNormalized(t *testing.T) {
	q := Query{}.Normalized()
	if q.Size != DefaultSize || q.Sort != SortRelevance {
		t.Errorf("Normalized() = size %d sort %q, want %d %q", q.Size, q.Sort, DefaultSize, SortRelevance)
	}
	q = Query{Size: 3, Sort: SortDate}.Normalized()
	if q.Size != 3 || q.Sort != SortDate {
		t.Errorf("Normalized() changed set values: size %d sort %q", q.Size, q.Sort)
	}
}
