package geo

import (
	"maps"
	"slices"

	"github.com/newsflow/newsflow/enricher/geo/internal/token"
)

// nameLexicon is the places baseline of the evaluation: a plain name lexicon built from the
// gazetteer, every country name, demonym and city name matched literally (case-sensitive,
// longest match first), each name standing for one country, with no context, filters or
// disambiguation. A city name that several countries' cities bear stands for the most
// populous one's country; a country name or demonym wins over a city name.
type nameLexicon struct {
	names    map[string]string // name as written -> country code
	first    map[string]bool   // the first tokens of the names
	maxWords int               // tokens of the longest name
}

// newNameLexicon builds the baseline from g. With minPop > 0 it keeps only capitals and cities
// of at least minPop people (the tagger's coverage); with 0, every city of the gazetteer.
func newNameLexicon(g *gazetteer, minPop int64) *nameLexicon {
	l := &nameLexicon{names: make(map[string]string)}
	biggest := make(map[string]int64)
	for _, c := range g.cities {
		if minPop > 0 && !c.capital && c.population < minPop {
			continue
		}
		if p, seen := biggest[c.name]; !seen || c.population > p {
			biggest[c.name], l.names[c.name] = c.population, c.cc
		}
	}
	// A name or demonym several countries share ("Congo", "French") goes to the one whose
	// cities hold the most people.
	people := make(map[string]int64)
	for _, c := range g.cities {
		people[c.cc] += c.population
	}
	owner := make(map[string]string)
	for _, c := range g.countries {
		for _, n := range append(slices.Clip(c.names), c.demonym) {
			if o, seen := owner[n]; n != "" && (!seen || people[c.cc] > people[o] || people[c.cc] == people[o] && c.cc < o) {
				owner[n] = c.cc
			}
		}
	}
	maps.Copy(l.names, owner)
	l.first = make(map[string]bool)
	var buf []token.Token
	for n := range l.names {
		if buf = token.Scan(n, buf[:0]); len(buf) > 0 {
			l.first[n[buf[0].Start:buf[0].End]] = true
		}
		l.maxWords = max(l.maxWords, len(buf))
	}
	return l
}

// countries returns the countries the names in text stand for.
func (l *nameLexicon) countries(text string) map[string]bool {
	out := make(map[string]bool)
	toks := token.Scan(text, nil)
	for i := 0; i < len(toks); {
		if !toks[i].Is(token.Word) || !l.first[text[toks[i].Start:toks[i].End]] {
			i++
			continue
		}
		end, cc := -1, ""
		for j := i; j < len(toks) && j-i < l.maxWords; j++ {
			if c, ok := l.names[text[toks[i].Start:toks[j].End]]; ok {
				end, cc = j+1, c
			}
		}
		if end < 0 {
			i++
			continue
		}
		out[cc] = true
		i = end
	}
	return out
}
