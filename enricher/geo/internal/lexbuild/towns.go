package lexbuild

import (
	"sort"
	"strconv"
	"strings"
)

// town is a GeoNames place below the lexicon's city threshold, written to the lexicon's town
// section under each of its spellings. The tagger reads a town only where the text names its
// region or country right after it ("Paris, Texas", "TREVOSE, Pa.", "Kumasi, Ghana"), never
// alone: there are too many of them, and most of their names mean something else.
type town struct {
	key string // the spelling's tokens joined by single spaces, in lower case (accents kept)
	c   *city
}

// towns returns the town records: every GeoNames place that is not a lexicon city, under its
// name and the spellings a newspaper may use for it, sorted by key, then most people first,
// then id.
func (b *builder) towns() []town {
	var out []town
	for _, c := range b.cities {
		if _, ok := b.cityPlace[c.id]; ok {
			continue
		}
		seen := make(map[string]bool)
		for _, n := range append([]string{c.name}, cityForms(c.name)...) {
			for _, sp := range spellings(n) {
				k := strings.ToLower(key(sp))
				if seen[k] || !latin(sp) || !startsUpper(sp) {
					continue
				}
				seen[k] = true
				out = append(out, town{key: k, c: c})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.key != b.key {
			return a.key < b.key
		}
		if a.c.pop != b.c.pop {
			return a.c.pop > b.c.pop
		}
		return a.c.id < b.c.id
	})
	return out
}

// fields renders a town record after its tag: key cc admin1 geonames_id population lat lon
// name.
func (t town) fields() []string {
	c := t.c
	return []string{t.key, c.cc, c.admin1, strconv.FormatInt(c.id, 10), strconv.FormatInt(c.pop, 10),
		strconv.FormatFloat(c.lat, 'f', 5, 64), strconv.FormatFloat(c.lon, 'f', 5, 64), c.name}
}
