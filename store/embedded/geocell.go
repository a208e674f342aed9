package embedded

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsflow/newsflow/store"
)

// The geo box filter does not use bleve's geo bounding-box query: that one computes a cover
// of the box in geohash-like cells and looks every cell up in the field's dictionary, which
// for a 10°x10° box cost more CPU than every other search together (docs/benchmarks.md).
// Instead each place location is indexed as keywords in fGeoCells: the cell that holds it at
// every level of a fixed grid (cellSizes), and the exact point, filed under its finest cell.
// A box becomes a disjunction of terms: the largest cells wholly inside it, and for the
// finest cells it only partly covers, the exact points inside it, found in a list of every
// indexed point read from the dictionary once per index state. The result is exact (a point
// is inside when South <= lat <= North and West <= lon <= East, or, across the
// antimeridian, lon >= West or lon <= East), and the disjunction only names cells that hold
// at least one point.

// fGeoCells is the keyword field of the grid cells and exact points.
const fGeoCells = "geo_cells"

// cellSizes are the grid levels in degrees, coarsest first; each divides the one before it,
// and 180.
var cellSizes = []float64{30, 6, 1}

// pointPrefix starts the exact point terms: "p/<i>/<j>/<lat>/<lon>" with i, j the finest cell.
const pointPrefix = "p/"

// cell is a grid cell: its level (index into cellSizes) and row and column.
type cell struct{ level, i, j int }

func cellOf(level int, lat, lon float64) cell {
	size := cellSizes[level]
	i := min(max(int(math.Floor((lat+90)/size)), 0), int(180/size)-1)
	j := min(max(int(math.Floor((lon+180)/size)), 0), int(360/size)-1)
	return cell{level, i, j}
}

// bounds returns the cell's south, north, west and east edges.
func (c cell) bounds() (s, n, w, e float64) {
	size := cellSizes[c.level]
	s, w = float64(c.i)*size-90, float64(c.j)*size-180
	return s, s + size, w, w + size
}

func (c cell) term() string { return fmt.Sprintf("c%d/%d/%d", c.level, c.i, c.j) }

func pointTerm(lat, lon float64) string {
	c := cellOf(len(cellSizes)-1, lat, lon)
	return fmt.Sprintf("%s%d/%d/%s/%s", pointPrefix, c.i, c.j,
		strconv.FormatFloat(lat, 'g', -1, 64), strconv.FormatFloat(lon, 'g', -1, 64))
}

// addGeoCellMapping maps fGeoCells.
func addGeoCellMapping(doc *mapping.DocumentMapping, keywordAnalyzer string) {
	doc.AddFieldMappingsAt(fGeoCells, &mapping.FieldMapping{Type: "text", Analyzer: keywordAnalyzer, Index: true})
}

// addGeoCellValues adds the cells and points of d's locations to its indexed value m.
func addGeoCellValues(m map[string]any, d *store.Document) {
	var terms []string
	for _, p := range d.LocationsGeo {
		for level := range cellSizes {
			terms = append(terms, cellOf(level, p.Lat, p.Lon).term())
		}
		terms = append(terms, pointTerm(p.Lat, p.Lon))
	}
	if len(terms) > 0 {
		m[fGeoCells] = distinctStrings(terms)
	}
}

// geoPoint is an indexed point with its term.
type geoPoint struct {
	lat, lon float64
	term     string
}

// pointIndex is every indexed point by finest cell, and the non-empty cells of every level.
type pointIndex struct {
	byCell map[cell][]geoPoint
	cells  map[cell]bool
}

// pointCache keeps the pointIndex of one index state.
type pointCache struct {
	mu    sync.Mutex
	state indexState
	index *pointIndex
}

// points returns the pointIndex of the index's current state; the caller holds s.life.
func (s *Store) points() (*pointIndex, error) {
	st, cacheable := s.state()
	c := &s.edges.points
	c.mu.Lock()
	defer c.mu.Unlock()
	if cacheable && c.index != nil && c.state == st {
		return c.index, nil
	}
	pi, err := s.readPoints()
	if err != nil {
		return nil, err
	}
	if cacheable {
		c.state, c.index = st, pi
	}
	return pi, nil
}

// readPoints reads every point term of the dictionary (terms of deleted documents too,
// until a merge drops them: they match nothing).
func (s *Store) readPoints() (*pointIndex, error) {
	dict, err := s.idx.FieldDictPrefix(fGeoCells, []byte(pointPrefix))
	if err != nil {
		return nil, fmt.Errorf("embedded: read geo points: %w", err)
	}
	defer dict.Close()
	pi := newPointIndex()
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("embedded: read geo points: %w", err)
		}
		if e == nil {
			return pi, nil
		}
		pi.add(e.Term)
	}
}

func newPointIndex() *pointIndex {
	return &pointIndex{byCell: make(map[cell][]geoPoint), cells: make(map[cell]bool)}
}

// add files a point term (others are ignored).
func (pi *pointIndex) add(term string) {
	p, ok := parsePointTerm(term)
	if !ok {
		return
	}
	fine := cellOf(len(cellSizes)-1, p.lat, p.lon)
	pi.byCell[fine] = append(pi.byCell[fine], p)
	for level := range cellSizes {
		pi.cells[cellOf(level, p.lat, p.lon)] = true
	}
}

func parsePointTerm(t string) (geoPoint, bool) {
	parts := strings.Split(strings.TrimPrefix(t, pointPrefix), "/")
	if len(parts) != 4 {
		return geoPoint{}, false
	}
	lat, err1 := strconv.ParseFloat(parts[2], 64)
	lon, err2 := strconv.ParseFloat(parts[3], 64)
	if err1 != nil || err2 != nil {
		return geoPoint{}, false
	}
	return geoPoint{lat: lat, lon: lon, term: t}, true
}

// span is a longitude range, West <= East.
type span struct{ w, e float64 }

// boxTerms returns the fGeoCells terms whose documents are exactly those with a point in b.
func (pi *pointIndex) boxTerms(b *store.GeoBox) []string {
	spans := []span{{b.West, b.East}}
	if b.West > b.East {
		spans = []span{{b.West, 180}, {-180, b.East}}
	}
	var terms []string
	for _, sp := range spans {
		lo, hi := cellOf(0, b.South, sp.w), cellOf(0, b.North, sp.e)
		for i := lo.i; i <= hi.i; i++ {
			for j := lo.j; j <= hi.j; j++ {
				terms = pi.cover(cell{0, i, j}, b.South, b.North, sp, terms)
			}
		}
	}
	return terms
}

// cover appends the terms for the part of c inside the box [south, north] x sp.
func (pi *pointIndex) cover(c cell, south, north float64, sp span, terms []string) []string {
	if !pi.cells[c] {
		return terms
	}
	s, n, w, e := c.bounds()
	if s > north || n < south || w > sp.e || e < sp.w {
		return terms
	}
	if south <= s && n <= north && sp.w <= w && e <= sp.e {
		return append(terms, c.term())
	}
	if c.level == len(cellSizes)-1 {
		for _, p := range pi.byCell[c] {
			if south <= p.lat && p.lat <= north && sp.w <= p.lon && p.lon <= sp.e {
				terms = append(terms, p.term)
			}
		}
		return terms
	}
	r := int(cellSizes[c.level] / cellSizes[c.level+1])
	for i := c.i * r; i < (c.i+1)*r; i++ {
		for j := c.j * r; j < (c.j+1)*r; j++ {
			terms = pi.cover(cell{c.level + 1, i, j}, south, north, sp, terms)
		}
	}
	return terms
}

// boxQuery is the filter for documents with a point in b.
func (s *Store) boxQuery(b *store.GeoBox) (query.Query, error) {
	pi, err := s.points()
	if err != nil {
		return nil, err
	}
	terms := pi.boxTerms(b)
	if len(terms) == 0 {
		return bleve.NewMatchNoneQuery(), nil
	}
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		qs[i] = termQuery(fGeoCells, t)
	}
	return oneOf(qs), nil
}
