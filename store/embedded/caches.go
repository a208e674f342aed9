package embedded

import (
	"sync"
	"time"
)

// edgeCache remembers the oldest and newest document dates for the histogram, so that a
// search does not sort the whole index to find them. Writes widen it; it is never narrowed
// (a correction that moves an article's date leaves it wider than the data).
//
// It is also where the other search caches live (Store has one field for them, edges):
// points (geocell.go) and facets (facetcache.go), both kept per index state, and the facet
// columns of each segment (facetcols.go).
type edgeCache struct {
	mu             sync.Mutex
	known          bool
	oldest, newest time.Time

	points  pointCache
	facets  facetCache
	columns columnCache
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
