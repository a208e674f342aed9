package embedded

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

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

// facetSpec is what one search counts: terms facets (names and index fields, in the
// query's order) and the date histogram's bucket bounds (starts, plus the end of the last;
// nil without a histogram).
type facetSpec struct {
	names, fields []string
	buckets       []time.Time
	dates         bool // the histogram was asked for (buckets may still be nil: no dates)
}

// facetSpecOf builds q's facetSpec; nil when q asks for no facet.
func (s *Store) facetSpecOf(q *store.Query) (*facetSpec, error) {
	if len(q.Facets) == 0 {
		return nil, nil
	}
	spec := &facetSpec{}
	for _, name := range q.Facets {
		if name != store.FacetDates {
			spec.names = append(spec.names, name)
			spec.fields = append(spec.fields, facetFields[name])
			continue
		}
		spec.dates = true
		lo, hi, ok, err := s.dateSpan(&q.Filters)
		if err != nil {
			return nil, err
		}
		if ok {
			spec.buckets = histogram(lo, hi)
		}
	}
	return spec, nil
}

// key identifies the spec among those of one index state (for the facet cache).
func (f *facetSpec) key() string {
	var b strings.Builder
	b.WriteString(strings.Join(f.names, ","))
	if f.dates {
		b.WriteString("|dates")
		for _, t := range f.buckets {
			b.WriteString(" " + strconv.FormatInt(t.UnixNano(), 36))
		}
	}
	return b.String()
}

// facetCounts are the counts of one search.
type facetCounts struct {
	terms map[string][]store.FacetValue
	dates []store.DateBucket
}

// clone returns a copy the caller may change.
func (c *facetCounts) clone() facetCounts {
	out := facetCounts{dates: slices.Clone(c.dates)}
	if c.terms != nil {
		out.terms = make(map[string][]store.FacetValue, len(c.terms))
		for k, v := range c.terms {
			out.terms[k] = slices.Clone(v)
		}
	}
	return out
}

// countFacets counts spec's facets over the documents matching full, without scoring them,
// from the facet columns (facetcols.go). The caller holds s.life.
func (s *Store) countFacets(ctx context.Context, full query.Query, spec *facetSpec) (facetCounts, error) {
	adv, err := s.idx.Advanced()
	if err != nil {
		return facetCounts{}, searchError(err)
	}
	reader, err := adv.Reader()
	if err != nil {
		return facetCounts{}, searchError(err)
	}
	defer reader.Close()
	snap, ok := reader.(*scorch.IndexSnapshot)
	if !ok {
		return facetCounts{}, searchError(fmt.Errorf("index reader %T is not scorch's", reader))
	}
	segs, offsets, err := s.edges.columns.snapshotColumns(snap)
	if err != nil {
		return facetCounts{}, searchError(err)
	}
	searcher, err := full.Searcher(ctx, reader, s.idx.Mapping(), search.SearcherOptions{Score: "none"})
	if err != nil {
		return facetCounts{}, searchError(err)
	}
	defer searcher.Close()

	var want []int
	for _, f := range spec.fields {
		want = append(want, columnIndex(f))
	}
	if len(spec.buckets) > 0 {
		want = append(want, columnIndex(fDateHour))
	}
	cc := newColumnCounter(segs, offsets, want)
	sctx := &search.SearchContext{
		DocumentMatchPool: search.NewDocumentMatchPool(searcher.DocumentMatchPoolSize()+1, 0),
		IndexReader:       reader,
	}
	for n := 0; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return facetCounts{}, searchError(err)
			}
		}
		m, err := searcher.Next(sctx)
		if err != nil {
			return facetCounts{}, searchError(err)
		}
		if m == nil {
			break
		}
		cc.add(m.IndexInternalID)
		sctx.DocumentMatchPool.Put(m)
	}

	var out facetCounts
	for k, name := range spec.names {
		totals := make(map[string]int64)
		cc.each(k, func(term string, n int64) { totals[term] += n })
		values := make([]store.FacetValue, 0, len(totals))
		for v, n := range totals {
			values = append(values, store.FacetValue{Value: v, Count: n})
		}
		slices.SortFunc(values, func(a, b store.FacetValue) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
		})
		if out.terms == nil {
			out.terms = make(map[string][]store.FacetValue)
		}
		size := min(len(values), store.FacetSize)
		out.terms[name] = values[:size:size]
	}
	if len(spec.buckets) > 0 {
		out.dates = make([]store.DateBucket, len(spec.buckets)-1)
		for i := range out.dates {
			out.dates[i].Start = spec.buckets[i]
		}
		bounds := make([]int64, len(spec.buckets)) // in hours: every bucket starts on an hour
		for i, t := range spec.buckets {
			bounds[i] = hourOf(t)
		}
		cc.each(len(want)-1, func(term string, n int64) {
			h, ok := parseHour([]byte(term))
			if !ok || h < bounds[0] || h >= bounds[len(bounds)-1] {
				return
			}
			i, found := slices.BinarySearch(bounds, h)
			if !found {
				i-- // bounds[i-1] < h < bounds[i]
			}
			out.dates[i].Count += n
		})
	}
	return out, nil
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
