package lexbuild

import "slices"

// cooccurrence tells which country a spelling goes with in the corpora: of the documents
// that write "U.K." or "UAE", how many also name the country, its people or one of its
// cities. A code that reads as something else ("N.C." is North Carolina, not New Caledonia;
// "IRA" is not the Islamic Republic of Afghanistan) rarely comes with its country. The same
// count tells whether "Norfolk" is written in British news (the county) or American (the
// city).
type cooccurrence struct {
	codes map[string][]string       // probed key (a code or a city name) -> countries it may stand for
	terms map[string][]string       // name key -> countries it names
	docs  map[string]int            // code key -> documents holding it
	with  map[string]map[string]int // code key -> country -> documents also naming it
	// named counts the documents naming each country (by name, demonym or city): how
	// prominent it is in the news.
	named map[string]int
}

func (b *builder) newCooccurrence() *cooccurrence {
	co := &cooccurrence{
		codes: make(map[string][]string),
		terms: make(map[string][]string),
		docs:  make(map[string]int),
		with:  make(map[string]map[string]int),
		named: make(map[string]int),
	}
	for _, c := range b.candidates {
		p := b.places[c.place]
		switch {
		case c.form == formCode:
			co.codes[c.key] = appendUnique(co.codes[c.key], p.cc)
		case p.kind == kindCountry || p.kind == kindCity:
			co.terms[c.key] = appendUnique(co.terms[c.key], p.cc)
		}
	}
	// City names that are also another country's subdivisions are probed for both.
	subs := make(map[string][]string)
	for _, s := range b.subAliases {
		k := key(s.text)
		subs[k] = appendUnique(subs[k], s.cc)
	}
	for _, c := range b.candidates {
		if p := b.places[c.place]; p.kind == kindCity && len(subs[c.key]) > 0 {
			co.codes[c.key] = appendUnique(co.codes[c.key], p.cc)
			for _, cc := range subs[c.key] {
				co.codes[c.key] = appendUnique(co.codes[c.key], cc)
			}
		}
	}
	return co
}

// observe is called with the watched keys found in one document.
func (co *cooccurrence) observe(found map[string]bool) {
	named := make(map[string]int) // country -> how many of the found terms name it
	for t := range found {
		for _, cc := range co.terms[t] {
			named[cc]++
		}
	}
	for cc := range named {
		co.named[cc]++
	}
	for k := range found {
		ccs, ok := co.codes[k]
		if !ok {
			continue
		}
		co.docs[k]++
		for _, cc := range ccs {
			n := named[cc]
			if slices.Contains(co.terms[k], cc) {
				n-- // a city name does not vouch for itself
			}
			if n > 0 {
				if co.with[k] == nil {
					co.with[k] = make(map[string]int)
				}
				co.with[k][cc]++
			}
		}
	}
}

// supports reports whether documents with code k name country cc often enough.
func (co *cooccurrence) supports(k, cc string, share int) (bool, int, int) {
	n, w := co.docs[k], co.with[k][cc]
	return w >= codeDocsMin && 100*w >= share*n, w, n
}

func appendUnique(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}
