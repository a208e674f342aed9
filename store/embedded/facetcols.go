package embedded

import (
	"fmt"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/newsflow/newsflow/store"
)

// Facet columns. Counting facets from doc values costs, for every matching document, the
// decompression of its chunk of every facet field and a walk through its values: for common
// words that is most of a search's time. Scorch segments never change once written, so the
// store reads each segment's facet doc values once into columns (per document, the ordinals
// of its values in a per-segment list of distinct values) and a search then counts ordinals
// in slices, turning them into values at the end. A new segment (a batch, or a merge of
// others) is read on first use; columns of segments no longer in the index are dropped.

// columnFields are the fields kept in columns: every terms facet's field and fDateHour.
var columnFields = func() []string {
	var out []string
	for _, name := range store.FacetNames {
		if name != store.FacetDates {
			out = append(out, facetFields[name])
		}
	}
	return append(out, fDateHour)
}()

// column is one field of one segment: document d's values are terms[vals[starts[d]:starts[d+1]]].
type column struct {
	starts []uint32
	vals   []uint32
	terms  []string
}

// segColumns are the columns of one segment, in columnFields order, read once.
type segColumns struct {
	once sync.Once
	cols []column
	err  error
}

// columnIndex is the index of field in columnFields, or -1.
func columnIndex(field string) int {
	for i, f := range columnFields {
		if f == field {
			return i
		}
	}
	return -1
}

// columnCache holds the columns of the segments in use.
type columnCache struct {
	mu   sync.Mutex
	segs map[segment.Segment]*segColumns
}

// snapshotColumns returns the columns of every segment of snap, in order, with the global
// document number at which each segment starts (as scorch numbers documents: segment by
// segment, deleted documents included).
func (c *columnCache) snapshotColumns(snap *scorch.IndexSnapshot) ([]*segColumns, []uint64, error) {
	segs := snap.Segments()
	offsets := make([]uint64, len(segs)+1)
	out := make([]*segColumns, len(segs))
	c.mu.Lock()
	if c.segs == nil {
		c.segs = make(map[segment.Segment]*segColumns)
	}
	current := make(map[segment.Segment]bool, len(segs))
	for i, ss := range segs {
		seg := ss.Segment()
		offsets[i+1] = offsets[i] + seg.Count()
		current[seg] = true
		sc, ok := c.segs[seg]
		if !ok {
			sc = &segColumns{}
			c.segs[seg] = sc
		}
		out[i] = sc
	}
	if len(c.segs) > 2*len(segs)+8 {
		for seg := range c.segs {
			if !current[seg] {
				delete(c.segs, seg) // a search still holding it reads it again if needed
			}
		}
	}
	c.mu.Unlock()
	for i, ss := range segs {
		sc := out[i]
		sc.once.Do(func() { sc.cols, sc.err = readColumns(ss.Segment()) })
		if sc.err != nil {
			return nil, nil, sc.err
		}
	}
	return out, offsets, nil
}

// readColumns reads the columns of one segment from its doc values.
func readColumns(seg segment.Segment) ([]column, error) {
	v, ok := seg.(segment.DocValueVisitable)
	if !ok {
		return nil, fmt.Errorf("segment %T has no doc values", seg)
	}
	n := seg.Count()
	cols := make([]column, len(columnFields))
	ords := make([]map[string]uint32, len(columnFields))
	for i := range cols {
		cols[i].starts = make([]uint32, 0, n+1)
		ords[i] = make(map[string]uint32)
	}
	visit := func(field string, term []byte) {
		for i, f := range columnFields {
			if f != field {
				continue
			}
			c := &cols[i]
			o, ok := ords[i][string(term)]
			if !ok {
				o = uint32(len(c.terms))
				c.terms = append(c.terms, string(term))
				ords[i][c.terms[o]] = o
			}
			c.vals = append(c.vals, o)
			return
		}
	}
	var dvs segment.DocVisitState
	var err error
	for d := range n {
		for i := range cols {
			cols[i].starts = append(cols[i].starts, uint32(len(cols[i].vals)))
		}
		if dvs, err = v.VisitDocValues(d, columnFields, visit, dvs); err != nil {
			return nil, fmt.Errorf("read facet columns: %w", err)
		}
	}
	for i := range cols {
		cols[i].starts = append(cols[i].starts, uint32(len(cols[i].vals)))
	}
	return cols, nil
}

// columnCounter counts the column values of matching documents, by ordinal per segment.
type columnCounter struct {
	segs    []*segColumns
	offsets []uint64
	want    []int       // indexes into columnFields of the fields to count
	counts  [][][]int64 // [segment][want index][ordinal]
	seg     int         // segment of the last document
}

func newColumnCounter(segs []*segColumns, offsets []uint64, want []int) *columnCounter {
	return &columnCounter{segs: segs, offsets: offsets, want: want, counts: make([][][]int64, len(segs))}
}

// add counts the document with this internal id.
func (cc *columnCounter) add(id index.IndexInternalID) {
	g := id.Value()
	if g < cc.offsets[cc.seg] || g >= cc.offsets[cc.seg+1] {
		// Searchers return documents in order, so this is rare: find the segment.
		cc.seg = sort.Search(len(cc.segs), func(i int) bool { return cc.offsets[i+1] > g })
		if cc.seg >= len(cc.segs) {
			cc.seg = 0
			return
		}
	}
	local := g - cc.offsets[cc.seg]
	cols := cc.segs[cc.seg].cols
	counts := cc.counts[cc.seg]
	if counts == nil {
		counts = make([][]int64, len(cc.want))
		for k, f := range cc.want {
			counts[k] = make([]int64, len(cols[f].terms))
		}
		cc.counts[cc.seg] = counts
	}
	for k, f := range cc.want {
		c := &cols[f]
		if local+1 >= uint64(len(c.starts)) {
			continue
		}
		cnt := counts[k]
		for _, o := range c.vals[c.starts[local]:c.starts[local+1]] {
			cnt[o]++
		}
	}
}

// each calls fn with every counted value of want[k] and its count (a value may come once
// per segment).
func (cc *columnCounter) each(k int, fn func(term string, n int64)) {
	f := cc.want[k]
	for s, counts := range cc.counts {
		if counts == nil {
			continue
		}
		terms := cc.segs[s].cols[f].terms
		for o, n := range counts[k] {
			if n > 0 {
				fn(terms[o], n)
			}
		}
	}
}
