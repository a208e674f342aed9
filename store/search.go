package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

// Query is one search over the stored documents. Both search stores (store/elastic and
// store/embedded) accept it and agree on its meaning. The zero Query matches every document
// (by relevance, which without text leaves the date, newest first), ten hits a page.
type Query struct {
	// Text is the full-text query in the syntax ParseText reads: words, "quoted phrases",
	// AND/OR/NOT (and -word), parentheses, and the field prefixes title:, body:, source:,
	// entity:, topic:, country:. Words side by side must all match. Empty matches everything.
	// At most MaxTextBytes bytes.
	Text string
	// Filters narrow the documents without affecting relevance.
	Filters Filters
	// Sort is SortRelevance (the default; "" means it) or SortDate (newest first).
	Sort string
	// From and Size page through the hits (after collapsing): From is the number of hits to
	// skip, Size the number to return. Size 0 means DefaultSize; at most MaxSize; From+Size
	// at most MaxDepth.
	From, Size int
	// Highlight asks for Hit.Snippets.
	Highlight bool
	// Facets names the facets to count (Facet* constants). Facet counts are numbers of
	// documents matching Text and Filters, before collapsing (as Elasticsearch aggregations
	// count). FacetDates fills SearchResult.Dates instead of SearchResult.Facets.
	Facets []string
	// NoCollapse turns off the collapsing of near-duplicates: by default the documents of one
	// story (same story_id: an original and its syndicated copies) give one hit, the best
	// one, with Hit.Duplicates counting the others.
	NoCollapse bool
}

// Filters restrict a Query to documents that match every set filter. Within one list a
// document must match any value (Topics: ["a", "b"] is a OR b), except Entities, where it must
// match every filter (clicking two people finds articles naming both).
type Filters struct {
	// Entities: each must be in the document. See EntityFilter.
	Entities []EntityFilter
	// Topics are IPTC Media Topic codes ("medtop:04000000"), matched exactly.
	Topics []string
	// Countries are ISO 3166-1 alpha-2 codes (any case): of the document's places or of
	// entities linked to iso3166:.
	Countries []string
	// Sources are publisher names, matched exactly.
	Sources []string
	// Languages are ISO 639-1 codes, matched exactly.
	Languages []string
	// From and To bound the document date (published_at, else fetched_at): From <= date < To.
	From, To *time.Time
	// Box keeps documents with at least one place inside it.
	Box *GeoBox
}

// EntityFilter names one entity by type and canonical name (exact, case-sensitive).
type EntityFilter struct {
	// Type is PERSON, ORGANIZATION, LOCATION or MISC; empty matches a name of any type.
	// LOCATION matches LOCATION entities and resolved places (Document.Places) by name, as the
	// FacetLocations facet counts both.
	Type string
	Name string
}

// GeoBox is a bounding box in WGS84 degrees. West > East crosses the antimeridian.
type GeoBox struct {
	North, West, South, East float64
}

// Sort orders.
const (
	// SortRelevance orders by score; ties in a stable order the backend chooses (the same on
	// every page). Without text every score is equal, and the order is SortDate's.
	SortRelevance = "relevance"
	// SortDate orders by date, newest first, then id.
	SortDate = "date"
)

// Facet names, for Query.Facets and the keys of SearchResult.Facets.
const (
	// FacetPersons: PERSON entity names (Document.Persons).
	FacetPersons = "persons"
	// FacetOrganizations: ORGANIZATION entity names.
	FacetOrganizations = "organizations"
	// FacetLocations: LOCATION entity names together with resolved place names: a document
	// naming a place both ways counts once.
	FacetLocations = "locations"
	// FacetTopics: topic codes (Document.TopicCodes).
	FacetTopics = "topics"
	// FacetSources: publisher names.
	FacetSources = "sources"
	// FacetCountries: ISO country codes (Document.Countries).
	FacetCountries = "countries"
	// FacetLanguages: language codes.
	FacetLanguages = "languages"
	// FacetDates: a histogram of the document date in SearchResult.Dates.
	FacetDates = "dates"
)

// FacetNames lists every facet a Query may ask for.
var FacetNames = []string{
	FacetPersons, FacetOrganizations, FacetLocations, FacetTopics,
	FacetSources, FacetCountries, FacetLanguages, FacetDates,
}

// Limits of a Query.
const (
	// MaxTextBytes bounds Query.Text.
	MaxTextBytes = 1000
	// DefaultSize is the page size when Query.Size is 0.
	DefaultSize = 10
	// MaxSize bounds Query.Size.
	MaxSize = 100
	// MaxDepth bounds Query.From+Query.Size.
	MaxDepth = 10000
	// FacetSize is how many values each terms facet returns, most frequent first.
	FacetSize = 10
	// MaxDateBuckets bounds SearchResult.Dates: the histogram's interval (hour, day, week, month,
	// year) is the smallest that needs no more buckets than this.
	MaxDateBuckets = 100
	// maxFilterValues bounds each filter list.
	maxFilterValues = 100
)

// SearchResult is the answer to a Query. (Result is taken by the writer's per-document
// outcome.)
type SearchResult struct {
	// Total is the number of documents matching (before collapsing).
	Total int64
	Hits  []Hit
	// Facets maps each asked terms facet to its values, most frequent first (ties by value).
	Facets map[string][]FacetValue
	// Dates is the date histogram, oldest bucket first, when FacetDates was asked.
	Dates []DateBucket
}

// Hit is one search hit: a document, or the best document of a collapsed story.
type Hit struct {
	ID, Title, URL, Source, Language string
	PublishedAt                      *time.Time
	Score                            float64
	// Snippets are fragments of the body (or title) with the matched words between
	// <mark> and </mark>, HTML-escaped otherwise, cut on UTF-8 character boundaries.
	Snippets []string
	// Duplicates is how many other documents of the same story matched and were collapsed
	// into this hit.
	Duplicates int
	Topics     []Topic
	Countries  []string
}

// FacetValue is one value of a terms facet.
type FacetValue struct {
	Value string
	Count int64
}

// DateBucket is one bucket of the date histogram: documents with Start <= date < the next
// bucket's Start.
type DateBucket struct {
	Start time.Time
	Count int64
}

// Stats describes what a store holds.
type Stats struct {
	Documents      int64
	Oldest, Newest *time.Time // document dates; nil when empty
	Sources        int64      // distinct sources
}

// Searcher is what the search API needs; both backends implement it. Methods are safe for
// concurrent use and block until the store answered or ctx is done.
type Searcher interface {
	// Search runs q. An invalid q gives an error wrapping ErrBadQuery.
	Search(ctx context.Context, q Query) (SearchResult, error)
	// Article returns the enriched article with this id as it was written; found is false
	// when there is none.
	Article(ctx context.Context, id string) (*article.Article, bool, error)
	// Stats describes the store's contents.
	Stats(ctx context.Context) (Stats, error)
}

// ErrBadQuery is wrapped, with the reason, by every error about a malformed query; the search
// API answers 400 with it.
var ErrBadQuery = errors.New("bad query")

func badQuery(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadQuery, fmt.Sprintf(format, args...))
}

// Validate checks q's limits and names; it fills no defaults (see Normalized). Errors wrap
// ErrBadQuery. It also parses Text, so a query that validates parses.
func (q *Query) Validate() error {
	if len(q.Text) > MaxTextBytes {
		return badQuery("text is %d bytes, more than %d", len(q.Text), MaxTextBytes)
	}
	if _, err := ParseText(q.Text); err != nil {
		return err
	}
	switch q.Sort {
	case "", SortRelevance, SortDate:
	default:
		return badQuery("unknown sort %q (want %q or %q)", q.Sort, SortRelevance, SortDate)
	}
	switch {
	case q.From < 0:
		return badQuery("from must not be negative, got %d", q.From)
	case q.Size < 0:
		return badQuery("size must not be negative, got %d", q.Size)
	case q.Size > MaxSize:
		return badQuery("size %d is more than %d", q.Size, MaxSize)
	case q.From+q.size() > MaxDepth:
		return badQuery("from+size %d is deeper than %d", q.From+q.size(), MaxDepth)
	}
	for i, f := range q.Facets {
		if !slices.Contains(FacetNames, f) {
			return badQuery("unknown facet %q", f)
		}
		if slices.Contains(q.Facets[:i], f) {
			return badQuery("facet %q asked twice", f)
		}
	}
	return q.Filters.validate()
}

func (f *Filters) validate() error {
	lists := []struct {
		name   string
		values []string
	}{
		{"topics", f.Topics}, {"countries", f.Countries}, {"sources", f.Sources}, {"languages", f.Languages},
	}
	for _, l := range lists {
		if len(l.values) > maxFilterValues {
			return badQuery("filter %s has %d values, more than %d", l.name, len(l.values), maxFilterValues)
		}
		for _, v := range l.values {
			if v == "" {
				return badQuery("filter %s has an empty value", l.name)
			}
		}
	}
	if len(f.Entities) > maxFilterValues {
		return badQuery("filter entities has %d values, more than %d", len(f.Entities), maxFilterValues)
	}
	for _, e := range f.Entities {
		switch e.Type {
		case "", article.TypePerson, article.TypeOrganization, article.TypeLocation, article.TypeMisc:
		default:
			return badQuery("entity filter: unknown type %q", e.Type)
		}
		if e.Name == "" {
			return badQuery("entity filter: empty name")
		}
	}
	if f.From != nil && f.To != nil && !f.From.Before(*f.To) {
		return badQuery("date range: from %s is not before to %s", f.From.Format(time.RFC3339), f.To.Format(time.RFC3339))
	}
	if b := f.Box; b != nil {
		for _, v := range []float64{b.North, b.South, b.West, b.East} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return badQuery("geo box: coordinates must be finite numbers")
			}
		}
		switch {
		case b.North > 90 || b.South < -90:
			return badQuery("geo box: latitudes must be within [-90, 90]")
		case b.South > b.North:
			return badQuery("geo box: south %v is north of north %v", b.South, b.North)
		case b.West < -180 || b.West > 180 || b.East < -180 || b.East > 180:
			return badQuery("geo box: longitudes must be within [-180, 180]")
		}
	}
	return nil
}

func (q *Query) size() int {
	if q.Size == 0 {
		return DefaultSize
	}
	return q.Size
}

// Normalized returns q with defaults filled in: Size, Sort. Call it after Validate.
func (q Query) Normalized() Query {
	q.Size = q.size()
	if q.Sort == "" {
		q.Sort = SortRelevance
	}
	return q
}

// Wants reports whether q asks for the facet.
func (q *Query) Wants(facet string) bool { return slices.Contains(q.Facets, facet) }
