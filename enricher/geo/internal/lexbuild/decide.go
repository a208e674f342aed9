package lexbuild

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// Thresholds on corpus counts. The corpora are about 4.5 million words of news (BBC 2004-05,
// Reuters 1987, the NER corpora's text); the annotated part about 1.5 million tokens.
const (
	// cityCommonMin, cityCommonRatio: a city name written in lower case this often, and at
	// least 1/cityCommonRatio as often as capitalised in mid-sentence, is a common word
	// ("mobile", "split", "reading", "nice"); the city is then tagged only with
	// "City, Region" evidence. ("lima" is written 3 times, "Lima" 30: a name.)
	cityCommonMin   = 3
	cityCommonRatio = 5
	// commonMin: any other name is dropped when written in lower case this often and at least
	// as often as capitalised in mid-sentence.
	commonMin = 3
	// initialRatio: a name is not trusted at a sentence start when its lower-case form is at
	// least 1/initialRatio as frequent as its capitalised form in mid-sentence.
	initialRatio = 20
	// codeDocsMin, codeShare: a code ("U.S.", "UK", "UAE") must occur together with a name,
	// demonym or city of its country in this many documents (or annotated sentences), and
	// in at least codeShare per cent of the documents it occurs in. (Reuters writes "U.S."
	// alone in most of its short items: 21% of them name the country otherwise.)
	codeDocsMin = 3
	codeShare   = 15
	// codeShare2: two capitals ("UK", "HK") collide with more acronyms ("SK Telecom"), so a
	// two-letter undotted code needs this share.
	codeShare2 = 30
	// partEvidenceMin: a part of a name ("Britain", "Bosnia") must be annotated as a place
	// this often, and in at least 4 of 5 of its annotations.
	partEvidenceMin = 10
	// pluralEvidenceMin: a plural demonym ("Germans") must be written this often.
	pluralEvidenceMin = 2
	// personMin and personShare: a one-word name that starts or ends annotated person names
	// ("Denzel Washington", "Florence Nightingale") this often, and at least 1/personShare as
	// often as it is annotated a place, is also a person's name.
	personMin   = 3
	personShare = 50
	// orgMin, orgRatio: a name that is a person (personMin times, more often than a place),
	// or an organisation or other non-place orgMin times and orgRatio times as often as a
	// place ("Delta", "Karlsruhe" in sports results), needs a locative context ("in
	// Lincoln").
	orgMin   = 5
	orgRatio = 4
	// givenMin, givenShare: a word that starts person names this often, and is annotated as a
	// person in at least givenShare per cent of its annotations, is a given name or title.
	givenMin   = 3
	givenShare = 80
	// followMin: a capitalised word seen after a place, outside it, this often ("Monday")
	// does not make the place part of a longer name.
	followMin = 2
	// blockMin: a longer name that contains a place name ("Indian Ocean", "Air France",
	// "Washington Post") blocks it when annotated this often.
	blockMin = 2
	// frequentMin: lower-case words written this often are common words; the tagger uses them
	// to tell "In Washington" (a capitalised common word) from "Denzel Washington".
	frequentMin = 50
	// nounMin: lower-case words written this often that WordNet knows only as nouns
	// ("farmers") are listed; after a sentence-initial name that is also a common noun
	// ("Turkey farmers") they make a compound of the common noun.
	nounMin = 3
	// dominance: when one spelling names several countries, it is kept for the one whose
	// places hold this many times the people of the next, else dropped ("Congolese").
	dominance = 10
)

func (b *builder) decide(ts *textStats, ns *nerStats, co *cooccurrence) *lexicon {
	cands := b.dedupe()
	cands = b.keepWithEvidence(cands, ts, ns, co)
	cands = b.dropCommon(cands, ts)
	cands = b.resolveCountryCollisions(cands)
	cands = b.resolveCityCollisions(cands)

	lex := &lexicon{places: b.places}
	nameKeys := make(map[string]bool) // names and demonyms, not codes
	firstWords := make(map[string]bool)
	for _, c := range cands {
		lex.aliases = append(lex.aliases, alias{text: c.text, place: c.place, form: c.form, flags: b.flags(c, ts, ns, co)})
		if c.form != formCode {
			nameKeys[c.key] = true
		}
		firstWords[strings.SplitN(c.key, " ", 2)[0]] = true
	}
	seen := make(map[subAlias]bool)
	subKeys := make(map[string]bool)
	for _, s := range b.subAliases {
		if !seen[s] {
			seen[s] = true
			lex.subdivisions = append(lex.subdivisions, s)
			k := key(s.text)
			subKeys[k] = true
			firstWords[strings.SplitN(k, " ", 2)[0]] = true
		}
	}
	follow := make(map[string]bool)
	for _, w := range sortedKeys(ns.after) {
		if ns.after[w] >= followMin && capitalised(w) {
			lex.follow = append(lex.follow, w)
			follow[w] = true
		}
	}
	lex.blocks = blocks(ns, nameKeys, subKeys, follow)
	lex.given = givenNames(ns, firstWords)
	for _, w := range sortedKeys(ts.words) {
		n := ts.words[w].count
		if !letters(w) || strings.ToLower(w) != w {
			continue
		}
		if n >= frequentMin {
			lex.frequent = append(lex.frequent, w)
		}
		if n >= nounMin && b.wn.onlyNoun(w) {
			lex.nouns = append(lex.nouns, w)
		}
	}
	lex.towns = b.towns()
	return lex
}

// dedupe keeps one candidate per spelling and place, the strongest.
func (b *builder) dedupe() []candidate {
	type id struct {
		text  string
		place int
	}
	best := make(map[id]int)
	var out []candidate
	for _, c := range b.candidates {
		k := id{c.text, c.place}
		i, ok := best[k]
		if !ok {
			best[k] = len(out)
			out = append(out, c)
			continue
		}
		if o := out[i]; c.strong && !o.strong || c.strong == o.strong && c.evidence < o.evidence {
			out[i] = c
		}
	}
	return out
}

func (b *builder) keepWithEvidence(cands []candidate, ts *textStats, ns *nerStats, co *cooccurrence) []candidate {
	out := cands[:0]
	for _, c := range cands {
		ok := true
		switch {
		case c.form == formCode && len(c.text) == 2 && initialism(b.places[c.place].name) != c.text:
			// A bare two-letter code is read as a country only when it is the initialism of
			// the country's everyday name ("US", "UK"), never an ISO code such as "IN", "IT"
			// or "GB" (gigabytes).
			ok = false
		case c.form == formCode:
			var with, docs int
			share := codeShare
			if len(c.text) == 2 {
				share = codeShare2
			}
			ok, with, docs = co.supports(c.key, b.places[c.place].cc, share)
			if docs > 0 {
				b.logf("code %q (%s): in %d documents, %d naming the country: keep %v", c.text, b.places[c.place].name, docs, with, ok)
			}
		case c.evidence == needPlaceSpan:
			// A part of a name must be a name, not a word ("City" of "Vatican City"), and a
			// place, not a nationality ("Turks" of "Turks and Caicos Islands"; GMB's gpe
			// covers both).
			sp := ns.span(c.key)
			ok = sp[tyLOC] >= partEvidenceMin && 5*sp[tyLOC] >= 4*sp.total() &&
				ts.count(strings.ToLower(c.key)) < commonMin
			if sp.total() > 0 {
				b.logf("part %q (%s): annotated %v: keep %v", c.text, b.places[c.place].name, sp, ok)
			}
		case c.evidence == needWritten:
			ok = ts.midCount(c.key) >= pluralEvidenceMin
		case c.evidence == needAnnotated:
			sp := ns.span(c.key)
			ok = sp.place() > 0 && 2*sp.place() >= sp.total()
		case c.evidence == needRare:
			ok = ts.count(strings.ToLower(c.key)) < commonMin
		}
		if ok {
			out = append(out, c)
		}
	}
	return out
}

// dropCommon drops country names and demonyms that are mostly common words in lower case.
// City names are flagged instead (see flags). Codes are exempt: "us" says nothing of "US".
func (b *builder) dropCommon(cands []candidate, ts *textStats) []candidate {
	out := cands[:0]
	for _, c := range cands {
		if b.places[c.place].kind != kindCity && c.form != formCode {
			lower, upper := ts.count(strings.ToLower(c.key)), ts.midCount(c.key)
			if lower >= commonMin && lower >= upper {
				b.logf("drop %q (%s): common word, %d lower vs %d capitalised", c.text, b.places[c.place].name, lower, upper)
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// resolveCountryCollisions keeps a spelling that names several countries for one of them: the
// only one for which it is an official name, else the one that dominates by population.
func (b *builder) resolveCountryCollisions(cands []candidate) []candidate {
	byKey := make(map[string][]int)
	for i, c := range cands {
		if b.places[c.place].kind == kindCountry {
			byKey[c.key] = append(byKey[c.key], i)
		}
	}
	drop := make(map[int]bool)
	for _, k := range sortedKeys(byKey) {
		idx := byKey[k]
		places := make(map[int]bool)
		strong := make(map[int]bool)
		for _, i := range idx {
			places[cands[i].place] = true
			if cands[i].strong {
				strong[cands[i].place] = true
			}
		}
		if len(places) < 2 {
			continue
		}
		pool := strong
		if len(pool) == 0 {
			pool = places
		}
		winner := b.dominant(pool)
		if winner < 0 {
			b.logf("drop %q: names several countries, none dominant", cands[idx[0]].text)
		}
		for _, i := range idx {
			if cands[i].place != winner {
				drop[i] = true
			}
		}
	}
	return without(cands, drop)
}

// dominant returns the place of pool whose country has dominance times the population of any
// other, or -1.
func (b *builder) dominant(pool map[int]bool) int {
	ps := make([]int, 0, len(pool))
	for p := range pool {
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool {
		pi, pj := b.countryPop[b.places[ps[i]].cc], b.countryPop[b.places[ps[j]].cc]
		if pi != pj {
			return pi > pj
		}
		return ps[i] < ps[j]
	})
	if len(ps) == 1 {
		return ps[0]
	}
	if b.countryPop[b.places[ps[0]].cc] >= dominance*b.countryPop[b.places[ps[1]].cc] {
		return ps[0]
	}
	return -1
}

// resolveCityCollisions lets a city's own name win over a country's unofficial spelling
// ("Salvador" is a Brazilian city before it is El Salvador), and a country's remaining
// names win over any city spelling ("Singapore", "Mexico").
func (b *builder) resolveCityCollisions(cands []candidate) []candidate {
	cityName := make(map[string]bool)
	for _, c := range cands {
		if b.places[c.place].kind == kindCity && c.strong {
			cityName[c.key] = true
		}
	}
	drop := make(map[int]bool)
	countryKey := make(map[string]bool)
	for i, c := range cands {
		if b.places[c.place].kind == kindCountry {
			if !c.strong && cityName[c.key] {
				b.logf("drop %q (%s): a city's name", c.text, b.places[c.place].name)
				drop[i] = true
				continue
			}
			countryKey[c.key] = true
		}
	}
	for i, c := range cands {
		if b.places[c.place].kind == kindCity && countryKey[c.key] {
			drop[i] = true
		}
	}
	return without(cands, drop)
}

func without(cands []candidate, drop map[int]bool) []candidate {
	out := make([]candidate, 0, len(cands)-len(drop))
	for i, c := range cands {
		if !drop[i] {
			out = append(out, c)
		}
	}
	return out
}

// flags decides how cautiously the tagger treats a spelling.
func (b *builder) flags(c candidate, ts *textStats, ns *nerStats, co *cooccurrence) string {
	var f []byte
	p := b.places[c.place]
	lower, upper := ts.count(strings.ToLower(c.key)), ts.midCount(c.key)
	single := !strings.Contains(c.key, " ")
	switch {
	case c.form == formCode:
		if allCaps(c.text) && !strings.Contains(c.text, ".") {
			f = append(f, flagUpper)
		}
	case p.kind == kindCity:
		if b.sharesSubdivision(c, co) {
			f = append(f, flagContext)
		}
		if lower >= cityCommonMin && lower*cityCommonRatio >= upper {
			f = append(f, flagCommon)
			b.logf("common city %q (%s %s): %d lower vs %d capitalised", c.text, p.cc, p.name, lower, upper)
		}
		fallthrough
	default:
		if lower > 0 && lower*initialRatio >= upper {
			f = append(f, flagInitial)
		}
	}
	if c.form == formName && single && b.wn.lowerNouns[strings.ToLower(c.key)] {
		f = append(f, flagNoun)
	}
	if c.form == formName {
		sp := ns.span(c.key)
		names := 0 // as a given name or surname in annotated person names
		if single {
			names = ns.perFirst[c.key] + ns.perLast[c.key]
		}
		if names >= personMin && names*personShare >= sp.place() {
			b.logf("person %q (%s): first %d last %d, place %d", c.text, p.cc, ns.perFirst[c.key], ns.perLast[c.key], sp.place())
			f = append(f, flagPerson)
		}
		per, non := max(sp[tyPER], names), sp.total()-sp.place()
		if per >= personMin && per > sp.place() || non >= orgMin && non >= orgRatio*sp.place() {
			f = append(f, flagNonPlace)
			b.logf("non-place %q (%s %s): %v", c.text, p.cc, p.name, sp)
		}
	}
	sort.Slice(f, func(i, j int) bool { return f[i] < f[j] })
	return string(f)
}

// blocks returns the annotated multi-word names that start with a place name followed by a
// capitalised word ("Washington Post", "Indian Ocean") or end with one after a capitalised
// word ("Air France", "Latin American"), and are not places of the lexicon themselves. Codes
// are never blocked ("U.S. Marines" is about the United States), nor is a place followed by
// a word that often follows places ("Syrian Government", "Ramadi Sunday"), and a span with a
// comma is a list ("Victoria, British Columbia"), not a name.
func blocks(ns *nerStats, nameKeys, subKeys, follow map[string]bool) []string {
	var out []string
	for _, k := range sortedKeys(ns.spans) {
		if nameKeys[k] || subKeys[k] || ns.spans[k].total() < blockMin {
			continue
		}
		ws := strings.Split(k, " ")
		if len(ws) < 2 || strings.Contains(k, ",") {
			continue
		}
		for i := 1; i < len(ws); i++ {
			head, tail := strings.Join(ws[:i], " "), strings.Join(ws[i:], " ")
			prev := strings.ToLower(ws[i-1])
			if nameKeys[head] && capitalised(ws[i]) && !follow[ws[i]] ||
				nameKeys[tail] && capitalised(ws[i-1]) && !functionWords[prev] && prev != "a" && prev != "an" {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// givenNames returns words that start person names (given names and titles: "Jack",
// "President"), excluding any that starts a place or subdivision name.
func givenNames(ns *nerStats, placeFirst map[string]bool) []string {
	var out []string
	for _, w := range sortedKeys(ns.perFirst) {
		if ns.perFirst[w] < givenMin || placeFirst[w] || !capitalised(w) || !letters(w) {
			continue
		}
		tok := ns.token(w)
		if 100*tok[tyPER] < givenShare*tok.total() {
			continue
		}
		out = append(out, w)
	}
	return out
}

func letters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

func (b *builder) logf(format string, args ...any) {
	fmt.Fprintf(b.log, format+"\n", args...)
}

// sharesSubdivision reports whether city spelling c also names a subdivision of a country
// that has no city of that name, and the documents that write it name that country at least
// as often as the city's (Norfolk, Kent, Durham: English counties in British news, and US
// cities). Santiago, also a Dominican province, is written next to Chile.
func (b *builder) sharesSubdivision(c candidate, co *cooccurrence) bool {
	if b.cityCountries == nil {
		b.cityCountries = make(map[string]map[string]bool)
		for _, o := range b.candidates {
			if p := b.places[o.place]; p.kind == kindCity {
				if b.cityCountries[o.key] == nil {
					b.cityCountries[o.key] = make(map[string]bool)
				}
				b.cityCountries[o.key][p.cc] = true
			}
		}
		b.subCountries = make(map[string][]string)
		for _, s := range b.subAliases {
			k := key(s.text)
			b.subCountries[k] = appendUnique(b.subCountries[k], s.cc)
		}
	}
	best := 0
	for cc := range b.cityCountries[c.key] {
		best = max(best, co.with[c.key][cc])
	}
	for _, cc := range b.subCountries[c.key] {
		if n := co.with[c.key][cc]; !b.cityCountries[c.key][cc] && n > 0 && n >= best {
			b.logf("context city %q (%s): also a subdivision of %s; documents naming it %d, the city's country %d",
				c.text, b.places[c.place].cc, cc, n, best)
			return true
		}
	}
	return false
}
