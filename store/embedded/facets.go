package embedded

import (
	"cmp"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/newsflow/newsflow/store"
)

// facetFields maps the terms facets to their index fields.
var facetFields = map[string]string{
	store.FacetPersons:       fPersons,
	store.FacetOrganizations: fOrganizations,
	store.FacetLocations:     fLocationNames,
	store.FacetTopics:        fTopicCodes,
	store.FacetSources:       fSource,
	store.FacetCountries:     fCountries,
	store.FacetLanguages:     fLanguage,
}

// facetRequests builds the bleve facets of q, and the date histogram's buckets (their
// starts, plus the end of the last) when it asks for one.
func (s *Store) facetRequests(q *store.Query) (bleve.FacetsRequest, []time.Time, error) {
	if len(q.Facets) == 0 {
		return nil, nil, nil
	}
	req := bleve.FacetsRequest{}
	var buckets []time.Time
	for _, name := range q.Facets {
		if name != store.FacetDates {
			req[name] = bleve.NewFacetRequest(facetFields[name], store.FacetSize)
			continue
		}
		lo, hi, ok, err := s.dateSpan(&q.Filters)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			continue
		}
		buckets = histogram(lo, hi)
		fr := bleve.NewFacetRequest(fDate, len(buckets)-1)
		for i := 0; i+1 < len(buckets); i++ {
			fr.AddDateTimeRange(strconv.Itoa(i), buckets[i], buckets[i+1])
		}
		req[store.FacetDates] = fr
	}
	return req, buckets, nil
}

// facetResults converts bleve's facets: terms facets most frequent first (ties by value),
// and the date histogram with empty buckets included.
func facetResults(r search.FacetResults, buckets []time.Time) (map[string][]store.FacetValue, []store.DateBucket) {
	var facets map[string][]store.FacetValue
	var dates []store.DateBucket
	for name, f := range r {
		if name == store.FacetDates {
			counts := make(map[string]int64, len(f.DateRanges))
			for _, d := range f.DateRanges {
				counts[d.Name] = int64(d.Count)
			}
			dates = make([]store.DateBucket, len(buckets)-1)
			for i := range dates {
				dates[i] = store.DateBucket{Start: buckets[i], Count: counts[strconv.Itoa(i)]}
			}
			continue
		}
		values := []store.FacetValue{}
		if f.Terms != nil {
			for _, t := range f.Terms.Terms() {
				values = append(values, store.FacetValue{Value: t.Term, Count: int64(t.Count)})
			}
		}
		slices.SortFunc(values, func(a, b store.FacetValue) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
		})
		if facets == nil {
			facets = make(map[string][]store.FacetValue)
		}
		facets[name] = values
	}
	return facets, dates
}

// dateSpan is the histogram's range: the filter's dates where set, else the dates the store
// holds. ok is false when there is nothing to draw.
func (s *Store) dateSpan(f *store.Filters) (lo, hi time.Time, ok bool, err error) {
	oldest, newest, ok, err := s.edges.get(s)
	if err != nil || !ok {
		return time.Time{}, time.Time{}, false, err
	}
	lo, hi = oldest, newest.Add(time.Millisecond) // hi is exclusive
	if f.From != nil {
		lo = f.From.UTC()
	}
	if f.To != nil {
		hi = f.To.UTC()
	}
	return lo, hi, lo.Before(hi), nil
}

// histogram returns bucket bounds covering [lo, hi) at the smallest calendar interval that
// needs at most store.MaxDateBuckets buckets: len(result)-1 buckets.
func histogram(lo, hi time.Time) []time.Time {
	steps := []func(time.Time) (time.Time, time.Time){
		func(t time.Time) (time.Time, time.Time) {
			s := t.Truncate(time.Hour)
			return s, s.Add(time.Hour)
		},
		func(t time.Time) (time.Time, time.Time) {
			s := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			return s, s.AddDate(0, 0, 1)
		},
		func(t time.Time) (time.Time, time.Time) {
			s := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			s = s.AddDate(0, 0, -((int(s.Weekday()) + 6) % 7)) // back to Monday
			return s, s.AddDate(0, 0, 7)
		},
		func(t time.Time) (time.Time, time.Time) {
			s := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
			return s, s.AddDate(0, 1, 0)
		},
		func(t time.Time) (time.Time, time.Time) {
			s := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
			return s, s.AddDate(1, 0, 0)
		},
	}
	lo, hi = lo.UTC(), hi.UTC()
	var bounds []time.Time
	for i, step := range steps {
		bounds = bounds[:0]
		start, next := step(lo)
		bounds = append(bounds, start)
		for next.Before(hi) && len(bounds) <= store.MaxDateBuckets {
			bounds = append(bounds, next)
			_, next = step(next)
		}
		bounds = append(bounds, next)
		if len(bounds)-1 <= store.MaxDateBuckets || i == len(steps)-1 {
			break
		}
	}
	return bounds
}

// edgeCache remembers the oldest and newest document dates for the histogram, so that a
// search does not sort the whole index to find them. Writes widen it; it is never narrowed
// (a correction that moves an article's date leaves it wider than the data).
type edgeCache struct {
	mu             sync.Mutex
	known          bool
	oldest, newest time.Time
}

// get returns the edges, reading them from the index the first time (the caller holds
// s.life).
func (c *edgeCache) get(s *Store) (oldest, newest time.Time, ok bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.known {
		o, err := s.edgeDate(false)
		if err != nil {
			return time.Time{}, time.Time{}, false, err
		}
		n, err := s.edgeDate(true)
		if err != nil {
			return time.Time{}, time.Time{}, false, err
		}
		if o == nil || n == nil {
			return time.Time{}, time.Time{}, false, nil
		}
		c.oldest, c.newest, c.known = *o, *n, true
	}
	return c.oldest, c.newest, true, nil
}

// reset forgets the edges (they are read again when needed).
func (c *edgeCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.known = false
}

// widen takes written dates into account.
func (c *edgeCache) widen(dates []time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.known {
		return // read from the index when first needed
	}
	for _, d := range dates {
		if d.Before(c.oldest) {
			c.oldest = d
		}
		if d.After(c.newest) {
			c.newest = d
		}
	}
}
