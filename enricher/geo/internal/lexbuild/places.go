package lexbuild

import (
	"strings"
	"unicode/utf8"
)

// addCountries adds one place per country with its names, demonyms and codes.
func (b *builder) addCountries() {
	capitals := b.capitals()
	strong := make([][]string, len(b.countries))
	weak := make([][]string, len(b.countries))
	codes := make([][]string, len(b.countries))
	first := make(map[string]map[string]bool) // first word of a two-word name -> countries
	for i, c := range b.countries {
		for _, n := range c.names {
			ns, cs := nameForms(n)
			strong[i] = append(strong[i], ns...)
			codes[i] = append(codes[i], cs...)
		}
		for _, u := range c.unofficial {
			if latin(u) {
				ns, cs := nameForms(u)
				weak[i] = append(weak[i], ns...)
				codes[i] = append(codes[i], cs...)
			}
		}
		for _, n := range append(strong[i], weak[i]...) {
			if ws := strings.Fields(n); len(ws) == 2 {
				if first[ws[0]] == nil {
					first[ws[0]] = make(map[string]bool)
				}
				first[ws[0]][c.alpha2] = true
			}
		}
	}
	for i, c := range b.countries {
		p := place{kind: kindCountry, cc: c.alpha2, name: canonicalName(c), lat: c.lat, lon: c.lon, hasLoc: c.hasGeo}
		if capital := capitals[c.alpha2]; !p.hasLoc && capital != nil {
			p.lat, p.lon, p.hasLoc = capital.lat, capital.lon, true
		}
		idx := b.addPlace(p)
		for k, names := range [][]string{strong[i], weak[i]} {
			for _, n := range names {
				if k == 0 {
					b.addCandidate(n, idx, formName, true, noEvidence)
				} else {
					b.addCandidate(n, idx, formName, false, needAnnotated)
				}
				// "Bosnia" for "Bosnia and Herzegovina"; "Britain" for "Great Britain" when no
				// other country's name starts with "Great". Both need the corpora's support.
				if head, _, ok := strings.Cut(n, " and "); ok {
					b.addCandidate(head, idx, formName, false, needPlaceSpan)
				}
				if ws := strings.Fields(n); len(ws) == 2 && len(first[ws[0]]) == 1 {
					b.addCandidate(ws[1], idx, formName, false, needPlaceSpan)
				}
				// "U.S.", "UK", "UAE": initialisms; the corpora decide which stand for the
				// country (see cooccurrence).
				if ini := initialism(n); ini != "" {
					codes[i] = append(codes[i], ini, dotted(ini))
				}
			}
		}
		for _, code := range append(codes[i], c.alpha3) {
			b.addCandidate(code, idx, formCode, false, noEvidence)
		}
		for _, d := range c.nationalities {
			b.addCandidate(d, idx, formDemonym, true, noEvidence)
			if !strings.HasSuffix(d, "s") {
				b.addCandidate(d+"s", idx, formDemonym, false, needWritten)
			}
		}
	}
}

// canonicalName picks the name a place record carries: iso-codes' common name when it has
// one, else its short name (reordered: "Congo, The Democratic Republic of the" ->
// "Democratic Republic of the Congo"), or ruby-countries' first unofficial name when that is
// a shorter form of it.
func canonicalName(c *country) string {
	if c.common != "" {
		return c.common
	}
	name := c.isoName
	if ns, _ := nameForms(c.isoName); len(ns) > 0 {
		name = ns[0]
	}
	// "Russia" for "Russian Federation", "Palestine" for "Palestine, State of"; but not
	// "Barbade" (French) for "Barbados": the shorter name must start the ISO name.
	if len(c.unofficial) > 0 {
		u := c.unofficial[0]
		if ns, _ := nameForms(u); len(ns) == 1 && ns[0] == u && latin(u) &&
			utf8.RuneCountInString(u) < utf8.RuneCountInString(name) && strings.HasPrefix(c.isoName, u) {
			name = u
		}
	}
	if name == "" && len(c.names) > 0 {
		name = c.names[0]
	}
	return name
}

// capitals returns each country's capital (the most populous PPLC when it has several).
func (b *builder) capitals() map[string]*city {
	m := make(map[string]*city)
	for _, c := range b.cities {
		if c.capital() && (m[c.cc] == nil || c.pop > m[c.cc].pop) {
			m[c.cc] = c
		}
	}
	return m
}

func inScope(c *city) bool { return c.capital() || c.pop >= MinCityPopulation }

// addCities adds the capitals and the cities of at least MinCityPopulation people.
func (b *builder) addCities() {
	countryKeys := make(map[string]bool)
	for _, c := range b.candidates {
		countryKeys[c.key] = true
	}
	subKeys := make(map[string]bool)
	for _, s := range b.subs {
		ns, _ := nameForms(s.name)
		for _, n := range ns {
			subKeys[key(n)] = true
			subKeys[key(fold(n))] = true
		}
	}
	largest := make(map[string]*city)
	for _, c := range b.cities {
		if inScope(c) && (largest[c.cc] == nil || c.pop > largest[c.cc].pop) {
			largest[c.cc] = c
		}
	}
	for _, c := range b.cities {
		if !inScope(c) {
			continue
		}
		idx := b.addPlace(place{kind: kindCity, cc: c.cc, geonames: c.id, admin1: c.admin1, pop: c.pop,
			capital: c.capital(), lat: c.lat, lon: c.lon, hasLoc: true, name: c.name})
		b.cityPlace[c.id] = idx
		b.addCandidate(c.name, idx, formName, true, noEvidence)
		for _, f := range cityForms(c.name) {
			b.addCandidate(f, idx, formName, false, needRare)
		}
		// "New York" for "New York City", but not "Kansas" for "Kansas City" nor "Mexico" for
		// "Mexico City": the short form must not be a country, nor a state or province unless
		// the city is its country's largest (then the city is what the name usually means).
		if short, ok := strings.CutSuffix(c.name, " City"); ok {
			k := key(short)
			if !countryKeys[k] && (!subKeys[k] || largest[c.cc] == c) {
				b.addCandidate(short, idx, formName, false, noEvidence)
			}
		}
	}
}

// cityForms returns the shorter spellings of a GeoNames city name: "Washington, D.C." ->
// "Washington D.C.", "Washington DC", "Washington"; "Halle (Saale)" -> "Halle";
// "Palikir - National Government Center" -> "Palikir"; "Newcastle upon Tyne" -> "Newcastle";
// "The Hague" -> "Hague" (so that "the Hague" is found). The generator drops those that are
// common words ("Valley" of "The Valley").
func cityForms(name string) []string {
	var out []string
	if a, _, ok := strings.Cut(name, " upon "); ok {
		out = append(out, a)
	}
	if a, rest, ok := strings.Cut(name, ", "); ok {
		out = append(out, a+" "+rest, a+" "+strings.ReplaceAll(rest, ".", ""), a)
	}
	if a, _, ok := strings.Cut(name, " - "); ok {
		out = append(out, a)
	}
	if i := strings.Index(name, " ("); i > 0 {
		out = append(out, name[:i])
	}
	if rest, ok := strings.CutPrefix(name, "The "); ok {
		out = append(out, rest)
	}
	return out
}

// addSubdivisions records every ISO 3166-2 subdivision name as context, and makes a region
// place of each whose name is also another country's name (Georgia, the US state), so that
// the tagger can choose between them.
func (b *builder) addSubdivisions() {
	countryOf := make(map[string]string) // key of a country's own name -> its code
	for _, c := range b.candidates {
		if c.strong && c.form == formName && b.places[c.place].kind == kindCountry {
			countryOf[c.key] = b.places[c.place].cc
		}
	}
	for _, s := range b.subs {
		ns, _ := nameForms(s.name)
		for _, n := range ns {
			for _, sp := range spellings(n) {
				if startsUpper(sp) && latin(sp) {
					b.subAliases = append(b.subAliases, subAlias{text: sp, cc: s.cc, suffix: s.suffix})
				}
			}
			if cc, ok := countryOf[key(n)]; ok && cc != s.cc {
				idx := b.addPlace(place{kind: kindRegion, cc: s.cc, admin1: s.suffix, name: n})
				b.addCandidate(n, idx, formName, false, noEvidence)
			}
		}
	}
}
