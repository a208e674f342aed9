package embedded

import (
	"math/rand/v2"
	"testing"

	"github.com/newsflow/newsflow/store"
)

// inBox is the geo box's meaning, point by point.
func inBox(b *store.GeoBox, lat, lon float64) bool {
	if lat < b.South || lat > b.North {
		return false
	}
	if b.West <= b.East {
		return b.West <= lon && lon <= b.East
	}
	return lon >= b.West || lon <= b.East
}

// TestBoxTerms checks that the terms of a box select exactly the points inside it: a point
// is selected when its own term or the term of one of its cells is among them.
func TestBoxTerms(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	// Points on cell edges, the poles and the antimeridian, and random ones.
	points := [][2]float64{{0, 0}, {30, 60}, {90, 180}, {-90, -180}, {-90, 180}, {12, -180},
		{23.1136, -82.3666}, {48.8566, 2.3522}, {6, 6}, {5.999999, 5.999999}, {-30, -6}, {1, 1}}
	for range 1000 {
		points = append(points, [2]float64{r.Float64()*180 - 90, r.Float64()*360 - 180})
	}
	pi := newPointIndex()
	own := make([][]string, len(points)) // each point's term and cell terms
	for k, p := range points {
		pi.add(pointTerm(p[0], p[1]))
		own[k] = append(own[k], pointTerm(p[0], p[1]))
		for level := range cellSizes {
			own[k] = append(own[k], cellOf(level, p[0], p[1]).term())
		}
	}
	boxes := []struct {
		name string
		box  store.GeoBox
	}{
		{"world", store.GeoBox{North: 90, South: -90, West: -180, East: 180}},
		{"cuba", store.GeoBox{North: 25, West: -85, South: 20, East: -75}},
		{"edges on cell edges", store.GeoBox{North: 60, West: 0, South: 30, East: 60}},
		{"a point", store.GeoBox{North: 6, West: 6, South: 6, East: 6}},
		{"across the antimeridian", store.GeoBox{North: 60, West: 170, South: 0, East: 10}},
		{"antimeridian only", store.GeoBox{North: 90, West: 180, South: -90, East: -180}},
		{"almost the world, across", store.GeoBox{North: 80, West: 12, South: -80, East: 10}},
		{"tiny", store.GeoBox{North: 48.86, West: 2.35, South: 48.85, East: 2.36}},
	}
	for i := range 100 {
		s := r.Float64()*180 - 90
		w := r.Float64()*360 - 180
		size := []float64{0.5, 3, 10, 45}[i%4]
		boxes = append(boxes, struct {
			name string
			box  store.GeoBox
		}{"random", store.GeoBox{South: s, North: min(s+size, 90), West: w, East: w + size - 360*float64(int((w+size+180)/360))}})
	}
	for _, tc := range boxes {
		t.Run(tc.name, func(t *testing.T) {
			terms := make(map[string]bool)
			for _, term := range pi.boxTerms(&tc.box) {
				terms[term] = true
			}
			for k, p := range points {
				selected := false
				for _, term := range own[k] {
					selected = selected || terms[term]
				}
				if want := inBox(&tc.box, p[0], p[1]); selected != want {
					t.Fatalf("box %+v, point %v: selected %v, want %v", tc.box, p, selected, want)
				}
			}
		})
	}
}
