package geo

import (
	"slices"

	"github.com/newsflow/newsflow/internal/article"
)

// dwarf: a capital is preferred to a namesake unless the namesake has this many times its
// population (Hamilton, Bermuda, 900 people, against Hamilton, Ontario, 520,000).
const dwarf = 10

// resolve settles each mention on one place, in steps that each only use what the earlier
// ones settled:
//  1. "City, Region" patterns ("London, Ontario", "Atlanta, Georgia", "Mobile, Alabama")
//     narrow the city to the region's country and confirm it;
//  2. mentions that needed such proof and got none are dropped;
//  3. a name that is both a country and another country's region (Georgia) is the region
//     only with evidence: a pattern, or a city of that region named in the text;
//  4. the countries named in the text (by name, demonym, code, or an unambiguous city) are
//     the context;
//  5. each city name is resolved: to a candidate in a context country, else the capital
//     (unless dwarfed), else the most populous. A city name that is also a subdivision of a
//     country without such a city (Norfolk, the English county) is kept only when the
//     context or a pattern points to one of its cities.
func (t *Tagger) resolve(text string, s *scratch) {
	ms := s.mentions
	for k := range ms {
		if k+1 < len(ms) && ms[k+1].i == ms[k].j+1 && text[s.toks[ms[k].j].Start:s.toks[ms[k].j].End] == "," {
			confirmPattern(s, &ms[k], &ms[k+1])
		}
	}
	for k := range ms {
		m := &ms[k]
		if m.needProof && !m.confirmed || m.hi == m.lo {
			m.drop = true
		}
	}
	var admins map[admin]bool // the regions of the text's unambiguous cities, made on demand
	for k := range ms {
		if !ms[k].drop {
			t.settleRegion(s, k, &admins)
		}
	}
	for k := range ms {
		m := &ms[k]
		if m.drop {
			continue
		}
		es := s.entries[m.lo:m.hi]
		if es[0].isCity() && (len(es) > 1 || !m.confirmed && needsContext(es)) {
			continue // settled below, with the context
		}
		m.place, m.form = es[0].place, es[0].form
		s.ctx = appendCountry(s.ctx, m.place.CountryCode)
	}
	for k := range ms {
		m := &ms[k]
		if m.drop || m.place != nil {
			continue
		}
		es := s.entries[m.lo:m.hi]
		if !m.confirmed && needsContext(es) {
			es = inContext(es, s.ctx)
			if len(es) == 0 {
				m.drop = true
				continue
			}
		}
		e := choose(es, s.ctx)
		m.place, m.form = e.place, e.form
	}
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

// admin is a first-level subdivision: a country code and the subdivision's code.
type admin struct{ cc, code string }

// settleRegion decides mention k between a country and a region of the same name.
func (t *Tagger) settleRegion(s *scratch, k int, admins *map[admin]bool) {
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
		for _, o := range s.mentions {
			if !o.drop && o.hi-o.lo == 1 {
				if c := s.entries[o.lo].place; c.Kind == article.PlaceCity {
					(*admins)[admin{c.CountryCode, c.Admin1}] = true
				}
			}
		}
	}
	evidence := m.regionOK
	for _, e := range es {
		if e.place.Kind == article.PlaceRegion && (*admins)[admin{e.place.CountryCode, e.place.Admin1}] {
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

func inContext(es []entry, ctx []string) []entry {
	var out []entry
	for _, e := range es {
		if slices.Contains(ctx, e.place.CountryCode) {
			out = append(out, e)
		}
	}
	return out
}

// choose picks a city among namesakes: the most populous in a context country, else the
// capital unless a namesake has dwarf times its population, else the most populous.
func choose(es []entry, ctx []string) entry {
	best, capital, biggest := -1, -1, 0
	for i, e := range es {
		p := e.place
		if slices.Contains(ctx, p.CountryCode) && (best < 0 || p.Population > es[best].place.Population) {
			best = i
		}
		if p.Capital && (capital < 0 || p.Population > es[capital].place.Population) {
			capital = i
		}
		if p.Population > es[biggest].place.Population {
			biggest = i
		}
	}
	switch {
	case best >= 0:
		return es[best]
	case capital >= 0 && es[capital].place.Population*dwarf >= es[biggest].place.Population:
		return es[capital]
	}
	return es[biggest]
}

func appendCountry(ctx []string, cc string) []string {
	if slices.Contains(ctx, cc) {
		return ctx
	}
	return append(ctx, cc)
}
