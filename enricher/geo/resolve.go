package geo

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsflow/newsflow/enricher/geo/internal/token"

	"github.com/newsflow/newsflow/internal/article"
)

// dwarf: a capital is preferred to a namesake unless the namesake has this many times its
// population (Hamilton, Bermuda, 900 people, against Hamilton, Ontario, 520,000).
const dwarf = 10

// weakRatio: a city in a country the text names gives way to a namesake elsewhere that has
// this many times its population (Athens, Georgia, 127,000, against Athens, 664,000, in a
// story that names the United States).
const weakRatio = 3

// nearKm: a city within this distance of another city the text names is "near" it: Kingston,
// Ontario, is 250 km from Toronto, Athens, Georgia, 950 km from Chicago.
const nearKm = 400

// maxNear bounds the cities each ambiguous name is compared with, keeping the work linear.
const maxNear = 32

// ctxCountry is a country of the text's context.
type ctxCountry struct {
	cc string
	n  int // mentions naming it: by name, demonym, code, or one of its cities
}

// resolve settles each mention on one place, in steps that each only use what the earlier
// ones settled:
//  0. (before resolve, qualifiedTowns) a town before its region, country or state
//     abbreviation that the lexicon's cities do not explain becomes that town ("Paris, Texas",
//     "TREVOSE, Pa.");
//  1. "City, Region" patterns ("London, Ontario", "Atlanta, Georgia", "Mobile, Alabama"),
//     "City, in [two lower-case words] Place" ("Tripoli, in northern Lebanon") and state
//     abbreviations ("Cambridge, Mass.") narrow the city to the region's country and confirm
//     it; a city followed by a region of a country none of its namesakes is in is dropped
//     (a namesake too small even for the towns); so does a demonym apposition
//     ("Newcastle, the Australian port") or "<Demonym> city of" ("the Lebanese city of
//     Tripoli"; "the Belgian province of Luxembourg" is the region);
//  2. mentions that needed such proof (common words, names mostly of people or clubs) and
//     got none are dropped; a coordination with a city may revive them after step 5 (see
//     coordinated);
//  3. a name that is both a country and another country's region (Georgia) is the region
//     only with evidence: a pattern, a city of that region or another region of its country
//     named in the text;
//  4. the context is the countries the text names (by name, demonym, code, an unambiguous
//     city, or a region: "British Columbia" names Canada), each with its number of mentions,
//     and its unambiguous cities;
//  5. each remaining city name is resolved (see choose), then once more with every city
//     chosen so far as context;
//  6. a city name that is also a subdivision of another country is dropped when the text
//     names that country more often than the city's (Norfolk in a British story) and, when
//     the generator flagged it (c), kept only with its country in the context;
//  7. a name that is also a common noun, at a sentence start before a word of four letters
//     or more that is only a noun ("Turkey farmers"), in a text that names another country,
//     stands only if another mention names the same place.
func (t *Tagger) resolve(text string, s *scratch) {
	ms := s.mentions
	for k := range ms {
		j := ms[k].j
		if j >= len(s.toks) || text[s.toks[j].Start:s.toks[j].End] != "," {
			continue
		}
		if k+1 < len(ms) && ms[k+1].i == j+1 {
			confirmPattern(s, &ms[k], &ms[k+1])
			dropOutside(s, &ms[k], &ms[k+1])
		} else if letters, initials := abbreviationAt(text, s.toks, j+1); letters != "" {
			t.confirmAbbreviation(s, &ms[k], letters, initials)
		}
	}
	for k := 0; k+1 < len(ms); k++ {
		if !ms[k].confirmed && locatedIn(text, s.toks, ms[k].j, ms[k+1].i) {
			confirmPattern(s, &ms[k], &ms[k+1])
			dropOutside(s, &ms[k], &ms[k+1])
		}
	}
	for k := 0; k+1 < len(ms); k++ {
		if !ms[k].confirmed && demonymApposition(text, s, &ms[k], &ms[k+1]) {
			confirmPattern(s, &ms[k], &ms[k+1])
		}
		if ok, sub := demonymKind(text, s, &ms[k], &ms[k+1]); ok && !ms[k+1].confirmed {
			if sub {
				regionOf(&ms[k+1], &ms[k])
			} else {
				confirmPattern(s, &ms[k+1], &ms[k])
			}
		}
	}
	s.unproven = s.unproven[:0]
	for k := range ms {
		m := &ms[k]
		if !m.drop && m.hi > m.lo && m.needProof && !m.confirmed {
			s.unproven = append(s.unproven, k) // a coordination may prove it, below
		}
		m.drop = m.drop || m.hi == m.lo || m.needProof && !m.confirmed
	}
	var admins map[admin]bool // the regions of the text's unambiguous cities, made on demand
	for k := range ms {
		if !ms[k].drop {
			t.settleRegion(text, s, k, &admins)
		}
	}
	for k := range ms {
		m := &ms[k]
		if cc := t.subdivisionCountry(text, s, m); cc != "" {
			s.ctx = addContext(s.ctx, cc) // "British Columbia" names Canada
		}
		if m.drop {
			continue
		}
		es := s.entries[m.lo:m.hi]
		if es[0].isCity() && (len(es) > 1 || !m.confirmed && needsContext(es)) {
			continue // settled below, with the context
		}
		m.place, m.form = es[0].place, es[0].form
		s.ctx = addContext(s.ctx, m.place.CountryCode)
		if m.place.Kind == article.PlaceCity && len(s.near) < maxNear && !slices.Contains(s.near, m.place) {
			s.near = append(s.near, m.place)
		}
	}
	// Namesakes are chosen with the context, then once more with each other's choices as
	// cities of the text ("Richmond, a suburb of Vancouver").
	pending := s.pending[:0]
	for k := range ms {
		if m := &ms[k]; !m.drop && m.place == nil {
			pending = append(pending, k)
		}
	}
	s.pending = pending
	t.chooseAll(text, s, pending)
	if len(pending) > 1 {
		for _, k := range pending {
			if p := ms[k].place; p != nil && p.Kind == article.PlaceCity && len(s.near) < maxNear && !slices.Contains(s.near, p) {
				s.near = append(s.near, p)
			}
		}
		t.chooseAll(text, s, pending)
	}
	t.proveCoordinated(text, s)
	for k := range ms {
		if m := &ms[k]; !m.drop && m.place != nil && !m.confirmed && foreignSubdivision(m, s.ctx) {
			m.drop = true
		}
	}
	dropLoneCompounds(ms, s.ctx)
}

// dropLoneCompounds drops the sentence-initial noun compounds ("Turkey farmers in Minnesota")
// whose place no other mention of the text names, in a text that names another country (by
// a place, a demonym, a city or a subdivision): alone, "China growth slowed" is the country.
func dropLoneCompounds(ms []mention, ctx []ctxCountry) {
	var named map[*Place]bool
	for k := range ms {
		if m := &ms[k]; m.nounStart && !m.drop && m.place != nil && otherCountry(ctx, m.place.CountryCode) {
			if named == nil {
				named = make(map[*Place]bool)
				for _, o := range ms {
					if !o.nounStart && !o.drop && o.place != nil {
						named[o.place] = true
					}
				}
			}
			m.drop = !named[m.place]
		}
	}
}

// chooseAll resolves each of mentions ks still standing among its candidates.
func (t *Tagger) chooseAll(text string, s *scratch, ks []int) {
	for _, k := range ks {
		m := &s.mentions[k]
		if m.drop {
			continue
		}
		es := candidates(s, m)
		if len(es) == 0 {
			m.drop = true
			continue
		}
		e := choose(es, s.ctx, s.near, text[s.toks[m.i].Start:s.toks[m.j-1].End])
		m.place, m.form = e.place, e.form
	}
}

// candidates returns the places city mention m may be: its remaining entries, only those in
// the text's countries when the generator flagged the spelling as needing them.
func candidates(s *scratch, m *mention) []entry {
	es := s.entries[m.lo:m.hi]
	if !m.confirmed && needsContext(es) {
		es = inContext(es, s.ctx)
	}
	return es
}

// subdivisionCountry returns the country of a mention that names only subdivisions, all of
// one country, and is not a frequent lower-case word ("Ohio", "British Columbia"); else "".
func (t *Tagger) subdivisionCountry(text string, s *scratch, m *mention) string {
	if m.hi != m.lo || len(m.n.subs) == 0 {
		return ""
	}
	cc := m.n.subs[0].cc
	for _, sb := range m.n.subs[1:] {
		if sb.cc != cc {
			return ""
		}
	}
	if m.j-m.i == 1 && t.lex.frequent[strings.ToLower(text[s.toks[m.i].Start:s.toks[m.i].End])] {
		return ""
	}
	return cc
}

// maxLocativeGap is the most lower-case words between "in" and a place that locates the city
// before it ("Tripoli, in northern Lebanon").
const maxLocativeGap = 2

// locatedIn reports whether tokens [from, to) between two mentions read ", in" or "in",
// then at most maxLocativeGap lower-case words: the second mention locates the first.
func locatedIn(text string, toks []token.Token, from, to int) bool {
	if from < len(toks) && from < to && text[toks[from].Start:toks[from].End] == "," {
		from++
	}
	if from >= to || text[toks[from].Start:toks[from].End] != "in" {
		return false
	}
	if to-from-1 > maxLocativeGap {
		return false
	}
	for k := from + 1; k < to; k++ {
		if !toks[k].Is(token.Word|token.Lower) || toks[k].Is(token.Upper) {
			return false
		}
	}
	return true
}

// dropOutside drops city mention m when n, the region or country after it ("Paris, Texas"),
// names only subdivisions and none of m's places lies in their countries: the city is a
// smaller namesake the lexicon does not hold.
func dropOutside(s *scratch, m, n *mention) {
	if m.confirmed || n.hi != n.lo || len(n.n.subs) == 0 {
		return
	}
	for _, e := range s.entries[m.lo:m.hi] {
		if !e.isCity() {
			return
		}
		for _, sb := range n.n.subs {
			if sb.cc == e.place.CountryCode {
				return
			}
		}
	}
	m.drop = true
}

// foreignSubdivision reports whether city mention m also names a subdivision of another
// country that the text names more often than the city's (capitals exempt): "Norfolk" in a
// British story is the county, not the Virginian city.
func foreignSubdivision(m *mention, ctx []ctxCountry) bool {
	p := m.place
	if p.Kind != article.PlaceCity || p.Capital {
		return false
	}
	own := ctxCount(ctx, p.CountryCode)
	for _, sb := range m.n.subs {
		if sb.cc != p.CountryCode && ctxCount(ctx, sb.cc) > own {
			return true
		}
	}
	return false
}

func ctxCount(ctx []ctxCountry, cc string) int {
	if i := inCtx(ctx, cc); i >= 0 {
		return ctx[i].n
	}
	return 0
}

// confirmPattern narrows city mention m, followed by ", " and mention n, to the cities in
// n's country or subdivision, and confirms both when any match.
func confirmPattern(s *scratch, m, n *mention) {
	es := s.entries[m.lo:m.hi]
	keep := es[:0:0]
	sameAdmin := false
	for _, e := range es {
		if !e.isCity() {
			continue
		}
		for _, ne := range n.n.entries {
			if ne.place.Kind == article.PlaceCountry && ne.place.CountryCode == e.place.CountryCode {
				keep = append(keep, e)
				break
			}
		}
		for _, sb := range n.n.subs {
			if sb.cc == e.place.CountryCode {
				if sb.code == e.place.Admin1 && !sameAdmin {
					sameAdmin, keep = true, keep[:0]
				}
				if !sameAdmin || sb.code == e.place.Admin1 {
					keep = append(keep, e)
				}
				break
			}
		}
	}
	if len(keep) == 0 {
		return
	}
	// keep is a fresh slice: copy it back over m's entries.
	m.hi = m.lo + copy(s.entries[m.lo:m.hi], keep)
	m.confirmed = true
	for _, e := range keep {
		for _, ne := range n.n.entries {
			if ne.place.Kind == article.PlaceRegion && ne.place.CountryCode == e.place.CountryCode &&
				ne.place.Admin1 == e.place.Admin1 {
				n.regionOK = true
			}
		}
	}
}

// otherCountry reports whether the context holds a country other than cc.
func otherCountry(ctx []ctxCountry, cc string) bool {
	for _, c := range ctx {
		if c.cc != cc {
			return true
		}
	}
	return false
}

// regionOf confirms the region reading of mention m when the demonym mention d names its
// country ("the Belgian province of Luxembourg").
func regionOf(m, d *mention) {
	for _, e := range m.n.entries {
		if e.place.Kind != article.PlaceRegion {
			continue
		}
		for _, de := range d.n.entries {
			if de.form == FormDemonym && de.place.CountryCode == e.place.CountryCode {
				m.regionOK = true
			}
		}
	}
}

// admin is a first-level subdivision: a country code and the subdivision's code.
type admin struct{ cc, code string }

// settleRegion decides mention k between a country and a region of the same name.
func (t *Tagger) settleRegion(text string, s *scratch, k int, admins *map[admin]bool) {
	m := &s.mentions[k]
	es := s.entries[m.lo:m.hi]
	hasRegion := false
	for _, e := range es {
		hasRegion = hasRegion || e.place.Kind == article.PlaceRegion
	}
	if !hasRegion {
		if m.regionOK { // the pattern revives a region the filters dropped
			t.keepRegions(s, m, nil)
		}
		return
	}
	if *admins == nil {
		*admins = make(map[admin]bool)
		for i := range s.mentions {
			o := &s.mentions[i]
			if !o.drop && o.hi-o.lo == 1 {
				if c := s.entries[o.lo].place; c.Kind == article.PlaceCity {
					(*admins)[admin{c.CountryCode, c.Admin1}] = true
				}
			}
		}
	}
	evidence := m.regionOK
	for _, e := range es {
		if e.place.Kind == article.PlaceRegion && ((*admins)[admin{e.place.CountryCode, e.place.Admin1}] ||
			t.regionNearby(text, s, k, e.place.CountryCode)) {
			evidence = true
		}
	}
	if evidence {
		t.keepRegions(s, m, es)
		return
	}
	n := m.lo
	for _, e := range es {
		if e.place.Kind != article.PlaceRegion {
			s.entries[n] = e
			n++
		}
	}
	m.hi = n
	m.drop = m.hi == m.lo
}

// regionGap is the most tokens between a name and another region of the same country that
// makes it that country's region ("Georgia and Alabama").
const regionGap = 12

// regionNearby reports whether a mention within regionGap tokens of mention k, in the same
// paragraph, names only regions of country cc.
func (t *Tagger) regionNearby(text string, s *scratch, k int, cc string) bool {
	m := &s.mentions[k]
	for d := -1; d <= 1; d += 2 {
		for o := k + d; o >= 0 && o < len(s.mentions); o += d {
			n := &s.mentions[o]
			if n.i > m.i+regionGap || n.j < m.i-regionGap {
				break
			}
			if t.subdivisionCountry(text, s, n) == cc && !paraBetween(s.toks, min(m.i, n.i), max(m.j, n.j)) {
				return true
			}
		}
	}
	return false
}

func paraBetween(toks []token.Token, i, j int) bool {
	for k := i + 1; k < j; k++ {
		if toks[k].Is(token.Para) {
			return true
		}
	}
	return false
}

// keepRegions narrows m to its region entries (taken from the trie when es is nil).
func (t *Tagger) keepRegions(s *scratch, m *mention, es []entry) {
	if es == nil {
		es = m.n.entries
	}
	var regions []entry
	for _, e := range es {
		if e.place.Kind == article.PlaceRegion {
			regions = append(regions, e)
		}
	}
	if len(regions) == 0 {
		return
	}
	m.lo = len(s.entries)
	s.entries = append(s.entries, regions...)
	m.hi, m.drop = len(s.entries), false
}

// needsContext reports whether a city spelling also names a subdivision of a country
// prominent in the news (the generator's judgement, flag c).
func needsContext(es []entry) bool {
	for _, e := range es {
		if e.flags&flagContext != 0 {
			return true
		}
	}
	return false
}

func inContext(es []entry, ctx []ctxCountry) []entry {
	var out []entry
	for _, e := range es {
		if inCtx(ctx, e.place.CountryCode) >= 0 {
			out = append(out, e)
		}
	}
	return out
}

// choose picks a city among namesakes:
//  1. the most populous near (nearKm) another city of the text, unless a namesake elsewhere
//     has dwarf times its population ("Kingston" with "Toronto" is Ontario's; "London" with
//     "Toronto" is still England's);
//  2. else the one whose country the text names most often, unless a namesake elsewhere has
//     weakRatio times its population;
//  3. else the capital, unless a namesake has dwarf times its population;
//  4. else the most populous.
//
// In steps 3 and 4, when no namesake is in a country of the text, namesakes spelt as the
// text writes them go before those whose name only folds to it ("San Jose", not "San José").
func choose(es []entry, ctx []ctxCountry, near []*Place, surface string) entry {
	pop := func(i int) int64 { return es[i].place.Population }
	// outweighed reports whether a namesake outside pick has ratio times pick's population.
	outweighed := func(pick int, ratio int64, inside func(int) bool) bool {
		for i := range es {
			if !inside(i) && pop(i) >= ratio*pop(pick) {
				return true
			}
		}
		return false
	}
	isNear := func(i int) bool {
		for _, c := range near {
			if c != es[i].place && distanceKm(c.Location, es[i].place.Location) <= nearKm {
				return true
			}
		}
		return false
	}
	pick := -1
	for i := range es {
		if isNear(i) && (pick < 0 || pop(i) > pop(pick)) {
			pick = i
		}
	}
	if pick >= 0 && !outweighed(pick, dwarf, isNear) {
		return es[pick]
	}
	pick, most := -1, 0
	for i, e := range es {
		if c := inCtx(ctx, e.place.CountryCode); c >= 0 && (ctx[c].n > most || ctx[c].n == most && pop(i) > pop(pick)) {
			pick, most = i, ctx[c].n
		}
	}
	if pick >= 0 && !outweighed(pick, weakRatio, func(i int) bool { return es[i].place.CountryCode == es[pick].place.CountryCode }) {
		return es[pick]
	}
	// Without context, a namesake spelt as written ("San Jose") goes before one whose name
	// only folds to it ("San José").
	exact := func(i int) bool { return !accentFolded(surface, es[i].place.Name) }
	if pick >= 0 || !slices.ContainsFunc(es, func(e entry) bool { return accentFolded(surface, e.place.Name) }) ||
		!slices.ContainsFunc(es, func(e entry) bool { return !accentFolded(surface, e.place.Name) }) {
		exact = func(int) bool { return true }
	}
	capital, biggest := -1, -1
	for i, e := range es {
		if !exact(i) {
			continue
		}
		if biggest < 0 {
			biggest = i
		}
		if e.place.Capital && (capital < 0 || pop(i) > pop(capital)) {
			capital = i
		}
		if pop(i) > pop(biggest) {
			biggest = i
		}
	}
	if capital >= 0 && pop(capital)*dwarf >= pop(biggest) {
		return es[capital]
	}
	return es[biggest]
}

// accentFolded reports whether name differs from surface only in having letters with
// accents where surface has plain ones ("San José" for "San Jose").
func accentFolded(surface, name string) bool {
	if surface == name || utf8.RuneCountInString(surface) != utf8.RuneCountInString(name) {
		return false
	}
	for _, r := range name {
		c, size := utf8.DecodeRuneInString(surface)
		surface = surface[size:]
		if c != r && (r < utf8.RuneSelf || c >= utf8.RuneSelf || !unicode.IsLetter(r)) {
			return false
		}
	}
	return true
}

// distanceKm is the great-circle distance between two points (haversine), or +Inf when one
// is unknown.
func distanceKm(a, b *article.GeoPoint) float64 {
	if a == nil || b == nil {
		return math.Inf(1)
	}
	const r = 6371.0
	rad := math.Pi / 180
	dLat, dLon := (b.Lat-a.Lat)*rad, (b.Lon-a.Lon)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// inCtx returns the index of cc in ctx, or -1. The context holds at most one entry per
// country, so it stays short.
func inCtx(ctx []ctxCountry, cc string) int {
	for i, c := range ctx {
		if c.cc == cc {
			return i
		}
	}
	return -1
}

func addContext(ctx []ctxCountry, cc string) []ctxCountry {
	if i := inCtx(ctx, cc); i >= 0 {
		ctx[i].n++
		return ctx
	}
	return append(ctx, ctxCountry{cc, 1})
}
