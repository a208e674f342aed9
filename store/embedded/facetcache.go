package embedded

import (
	"context"
	"sync"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsflow/newsflow/store"
)

// maxCachedFacets bounds the facet cache's entries (one per facet set asked for).
const maxCachedFacets = 16

// facetCache keeps the facets of the empty query (no text, no filter: the search page's first
// view, which counts every document) for one index state, keyed by facetSpec.key.
type facetCache struct {
	mu      sync.Mutex
	state   indexState
	entries map[string]facetCounts
}

// unfiltered reports whether q matches every document.
func unfiltered(q *store.Query) bool {
	f := &q.Filters
	return q.Text == "" && len(f.Entities) == 0 && len(f.Topics) == 0 && len(f.Countries) == 0 &&
		len(f.Sources) == 0 && len(f.Languages) == 0 && f.From == nil && f.To == nil && f.Box == nil
}

// facets counts spec's facets over the documents matching full (q's query), from the cache
// when q is the empty query and the index has not changed since they were counted. The
// caller holds s.life.
func (s *Store) facets(ctx context.Context, q *store.Query, full query.Query, spec *facetSpec) (facetCounts, error) {
	if spec == nil || (len(spec.fields) == 0 && len(spec.buckets) == 0) {
		return facetCounts{}, nil // nothing to count (a histogram over an empty store)
	}
	if !unfiltered(q) {
		return s.countFacets(ctx, full, spec)
	}
	st, cacheable := s.state()
	if !cacheable {
		return s.countFacets(ctx, full, spec)
	}
	c := &s.edges.facets
	key := spec.key()
	c.mu.Lock()
	hit, ok := c.entries[key]
	ok = ok && c.state == st
	c.mu.Unlock()
	if ok {
		return hit.clone(), nil
	}
	counts, err := s.countFacets(ctx, full, spec)
	if err != nil {
		return facetCounts{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state != st || c.entries == nil {
		c.state, c.entries = st, make(map[string]facetCounts)
	}
	if len(c.entries) < maxCachedFacets {
		c.entries[key] = counts
	}
	return counts.clone(), nil
}
