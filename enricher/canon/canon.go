// Package canon merges the entity mentions a tagger found in an article into canonical
// entities: one record per real-world entity, whatever the spelling of each mention.
//
// Before merging, names cut at particles are mended ("Ursula" + "von der" + "Leyen"), titles
// and honorifics are removed from mentions ("President", "Prime Minister", "Mr", "Dr"), and
// the untagged mentions of a tagged person's surname are added ("Erdogan" after "Recep
// Tayyip Erdoğan"). Mentions are then merged when they
//   - resolve to the same place: a location mention inside a place the places tagger
//     resolved (article.Place) takes that place, so that "Britain", "UK" and "United Kingdom"
//     are one entity named and linked after the gazetteer;
//   - are a short form of a person's fuller name: "Putin" after "Vladimir Putin", "Mr Kuleba",
//     "Jannik" for "Jannik Sinner" (the nearest fuller name before the mention, else after);
//     a one-word organisation name that starts or ends exactly one longer one ("Atletico"
//     for "Atlético Madrid");
//   - fold to the same key: case, accents, hyphens, dots and spaces do not count ("Diaz
//     Canel", "Diaz-Canel", "Díaz-Canel"; "U.S." and "US"); across types only when the
//     tagger was unsure of one of them (a city and the team named after it stay apart);
//   - are an acronym the article defines, "International Monetary Fund (IMF)", or the
//     initials of exactly one longer name in the article ("ECB" for "European Central Bank").
//
// The canonical name is the fullest spelling (with accents if any spelling has them) or the
// resolved place's name; the type is the confidence-weighted majority of the mentions'. No
// rule names a person, organisation or place: aliases of places come from the places tagger
// and so from the gazetteer. Work is linear in the text and the number of mentions.
package canon

import (
	"sort"
	"strconv"
	"strings"

	"github.com/newsflow/newsflow/internal/article"
)

// Version names the merging rules, for enricher_version. Bump it when what Merge returns
// for the same spans and places changes.
const Version = "1"

// Span is one entity mention found by a tagger: body[Start:End] is its text.
type Span struct {
	Start, End int
	// Type is article.TypePerson, TypeOrganization, TypeLocation or TypeMisc.
	Type string
	// Confidence in [0, 1] of the span's type.
	Confidence float64
}

// mention is a span prepared for merging.
type mention struct {
	start, end int
	typ        string
	conf       float64
	text       string
	words      []string // folded words
	key        string   // folded words joined
	place      int      // index into the article's places, -1 when not a resolved place
	onPlace    bool     // inside a place mention, whatever its type ("Chicago" the team)
	honorific  bool     // "Mr", "Dr", ... was removed: the name is a person's
	short      bool     // attached to a fuller name as a short form
}

// Merge returns one entity per real-world entity of spans, in order of first mention, each
// with its mentions in text order. spans must be in text order and not overlap; spans whose
// offsets fall outside body are ignored. places are the article's resolved places (may be
// nil). Confidence is the sum of the votes for the entity's type over its number of mentions
// (the mean confidence when the tagger typed every mention alike; see vote). Salience is half
// the first mention's position (earlier is higher) and half the entity's share of all
// mentions.
func Merge(body string, spans []Span, places []article.Place) []article.Entity {
	ms := propagate(body, prepare(body, splitPlaceTail(body, addDefinedAcronyms(body, repairSpans(body, spans)), places), places))
	if len(ms) == 0 {
		return nil
	}
	g := newGroups(ms)
	g.byPlace()
	g.shortForms()
	g.byKey()
	g.acronyms(body)
	return g.entities(len(body), places)
}

// prepare strips titles, folds names and resolves location mentions to places.
func prepare(body string, spans []Span, places []article.Place) []mention {
	type placeMention struct{ start, end, place int }
	var pms []placeMention
	for i, p := range places {
		for _, m := range p.Mentions {
			pms = append(pms, placeMention{m.Start, m.End, i})
		}
	}
	sort.Slice(pms, func(i, j int) bool { return pms[i].start < pms[j].start })
	ms := make([]mention, 0, len(spans))
	prev := 0
	for _, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > len(body) {
			continue
		}
		prev = s.End
		text := body[s.Start:s.End]
		skip, hon := stripTitle(text, s.Type == article.TypePerson)
		m := mention{
			start: s.Start + skip, end: s.End, typ: s.Type, conf: s.Confidence,
			text: text[skip:], honorific: hon, place: -1,
		}
		m.words = foldWords(m.text)
		m.key = strings.Join(m.words, "")
		// the last place mention starting at or before m, if it covers m
		k := sort.Search(len(pms), func(i int) bool { return pms[i].start > m.start }) - 1
		if k >= 0 && pms[k].end >= m.end {
			m.onPlace = true
			if m.typ == article.TypeLocation {
				m.place = pms[k].place
			}
		}
		ms = append(ms, m)
	}
	return ms
}

// placeLink names a place in a knowledge base: "geonames:<id>" for a place with a GeoNames
// id, "iso3166:<CC>" for a country, "" otherwise.
func placeLink(p article.Place) string {
	switch {
	case p.GeonamesID != 0:
		return "geonames:" + strconv.FormatInt(p.GeonamesID, 10)
	case p.Kind == article.PlaceCountry && p.CountryCode != "":
		return "iso3166:" + p.CountryCode
	}
	return ""
}

// entities turns the groups into article entities.
func (g *groups) entities(bodyLen int, places []article.Place) []article.Entity {
	members := map[int][]int{}
	var roots []int
	for i := range g.ms {
		r := g.find(i)
		if _, ok := members[r]; !ok {
			roots = append(roots, r)
		}
		members[r] = append(members[r], i)
	}
	// Roots are the lowest index of their group (see union), so roots are already in order of
	// first mention, and so are the members of each group.
	out := make([]article.Entity, 0, len(roots))
	for _, r := range roots {
		idx := members[r]
		e := article.Entity{Count: len(idx), Mentions: make([]article.Mention, len(idx))}
		group := make([]*mention, len(idx))
		for k, i := range idx {
			m := &g.ms[i]
			group[k] = m
			e.Mentions[k] = article.Mention{Start: m.start, End: m.end, Text: m.text}
		}
		e.Type = vote(group)
		if p := g.place[r]; p >= 0 {
			e.Type = article.TypeLocation
			e.Name = places[p].Name
			e.Link = placeLink(places[p])
		} else {
			e.Name = chooseName(group)
		}
		e.Confidence = clamp01(votesFor(group, e.Type) / float64(len(group)))
		first := 1 - float64(group[0].start)/float64(bodyLen)
		e.Salience = clamp01(0.5*first + 0.5*float64(len(group))/float64(len(g.ms)))
		out = append(out, e)
	}
	return out
}

// ballot is a mention's vote: its type with its confidence as weight; an honorific ("Mr",
// "Dr") votes for a person with weight 1 + confidence.
func ballot(m *mention) (string, float64) {
	if m.honorific {
		return article.TypePerson, 1 + m.conf
	}
	return m.typ, m.conf
}

// votesFor sums the votes of a group for typ.
func votesFor(group []*mention, typ string) float64 {
	var v float64
	for _, m := range group {
		if t, w := ballot(m); t == typ {
			v += w
		}
	}
	return v
}

// vote returns the type with the most votes in a group; ties go to the type of the earliest
// mention among the tied.
func vote(group []*mention) string {
	votes := map[string]float64{}
	var order []string
	for _, m := range group {
		t, w := ballot(m)
		if _, ok := votes[t]; !ok {
			order = append(order, t)
		}
		votes[t] += w
	}
	best := order[0]
	for _, t := range order[1:] {
		if votes[t] > votes[best] {
			best = t
		}
	}
	return best
}

func clamp01(x float64) float64 {
	switch {
	case x < 0:
		return 0
	case x > 1:
		return 1
	}
	return x
}
