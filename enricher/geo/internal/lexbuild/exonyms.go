package lexbuild

import (
	"slices"
	"strings"
)

// cityClasses are the WordNet synsets (by their first word) whose instances are cities.
var cityClasses = map[string]bool{"city": true, "national capital": true, "port": true, "town": true, "state capital": true}

// exonymClash, exonymClashShare: an English name is not added when another GeoNames place
// of that name has at least exonymClash people and at least 1/exonymClashShare of the city's
// or is a first-level seat ("Frankfort", Kentucky's capital, is not "Frankfurt am Main";
// "Geneva", Illinois, 22,000 people, does not stop "Geneva" for Genève, 183,000).
const (
	exonymClash      = 10_000
	exonymClashShare = 5
)

// lexFilePerson is WordNet's lexicographer file of people (noun.person).
const lexFilePerson = 18

// maxHolonymDepth bounds the walk up WordNet's part-of links from a city to its country
// (Munich, Bavaria, Germany).
const maxHolonymDepth = 4

// addExonyms adds the English names WordNet gives the lexicon's cities where GeoNames spells
// them otherwise ("Geneva", "Cologne", "Nuremberg", "Frankfurt"), and former names
// ("Bombay"). A WordNet city is matched to a GeoNames city of the lexicon in the country its
// part-of links reach: by one of its names (accents aside), else, for a national capital, the
// country's capital, else by a name the GeoNames name starts with ("Frankfurt am Main").
func (b *builder) addExonyms(wn *wordNet) {
	countryOf := make(map[string]string) // key of a country name -> its code
	for _, c := range b.countries {
		for _, n := range append(append([]string{c.common, c.isoName}, c.names...), c.unofficial...) {
			if n != "" {
				countryOf[strings.ToLower(key(fold(n)))] = c.alpha2
			}
		}
	}
	// Not a name that is also a subdivision's ("Para" is Belém's old name and a Brazilian
	// state) or a person's in WordNet ("Molotov", once Perm's name).
	taken := make(map[string]bool)
	for _, sd := range b.subs {
		ns, _ := nameForms(sd.name)
		for _, n := range ns {
			taken[lowerKey(n)] = true
		}
	}
	for _, s := range wn.synsets {
		if s.lexFile == lexFilePerson {
			for _, w := range s.words {
				taken[lowerKey(w)] = true
			}
		}
	}
	byName := make(map[string][]*city) // folded lower-case name -> every GeoNames place of it
	inScopeIn := make(map[string][]*city)
	for _, c := range b.cities {
		byName[lowerKey(c.name)] = append(byName[lowerKey(c.name)], c)
		if _, ok := b.cityPlace[c.id]; ok {
			inScopeIn[c.cc] = append(inScopeIn[c.cc], c)
		}
	}
	classes := make(map[uint32]bool)
	offsets := make([]uint32, 0, len(wn.synsets))
	for off, s := range wn.synsets {
		if cityClasses[s.words[0]] {
			classes[off] = true
		}
		offsets = append(offsets, off)
	}
	slices.Sort(offsets)
	capitals := b.capitals()
	for _, off := range offsets {
		s := wn.synsets[off]
		capitalClass := false
		isCity := false
		for _, c := range s.instanceOf {
			isCity = isCity || classes[c]
			capitalClass = capitalClass || classes[c] && wn.synsets[c].words[0] == "national capital"
		}
		if !isCity {
			continue
		}
		cc := wn.countryOf(s, countryOf)
		if cc == "" {
			continue
		}
		target := matchCity(s.words, inScopeIn[cc])
		if target == nil && capitalClass {
			target = capitals[cc]
		}
		if target == nil {
			continue
		}
		for _, w := range s.words {
			k := lowerKey(w)
			if k == lowerKey(target.name) || !exonymShape(w) || countryOf[k] != "" || taken[k] ||
				clashes(byName[k], target) {
				continue
			}
			b.logf("exonym %q for %s (%s)", w, target.name, target.cc)
			b.addCandidate(w, b.cityPlace[target.id], formName, false, needRare)
		}
	}
}

// countryOf follows s's part-of links up to a country and returns its code, or "" when
// none is reached or the first one reached is ambiguous.
func (wn *wordNet) countryOf(s *synset, countryOf map[string]string) string {
	level := s.partOf
	for range maxHolonymDepth {
		var next []uint32
		for _, off := range level {
			h := wn.synsets[off]
			if h == nil {
				continue
			}
			// A holonym whose names point at two countries ("Democratic Republic of the
			// Congo", "Congo") says nothing sure.
			found := ""
			for _, w := range h.words {
				if cc := countryOf[lowerKey(w)]; cc != "" && cc != found {
					if found != "" {
						return ""
					}
					found = cc
				}
			}
			if found != "" {
				return found
			}
			next = append(next, h.partOf...)
		}
		level = next
	}
	return ""
}

// matchCity returns the most populous city of cs that one of words names, accents and case
// aside, else the most populous whose name starts with one of them and a space.
func matchCity(words []string, cs []*city) *city {
	var exact, prefix *city
	for _, c := range cs {
		n := lowerKey(c.name)
		for _, w := range words {
			k := lowerKey(w)
			switch {
			case n == k:
				if exact == nil || c.pop > exact.pop {
					exact = c
				}
			case strings.HasPrefix(n, k+" "):
				if prefix == nil || c.pop > prefix.pop {
					prefix = c
				}
			}
		}
	}
	if exact != nil {
		return exact
	}
	return prefix
}

// exonymShape reports whether w looks like a name a newspaper would print: Latin letters,
// every word capitalised ("Eternal City", not "capital of Italy"), at least three letters.
func exonymShape(w string) bool {
	if len(w) < 3 || !latin(w) {
		return false
	}
	for _, part := range strings.Fields(w) {
		if !startsUpper(part) {
			return false
		}
	}
	return true
}

// clashes reports whether a place other than target bears the name and is large enough to
// be what the name means (see exonymClash).
func clashes(same []*city, target *city) bool {
	for _, c := range same {
		if c.id != target.id && c.pop >= exonymClash && (c.pop*exonymClashShare >= target.pop || c.feature == "PPLA") {
			return true
		}
	}
	return false
}

// lowerKey is a name's comparison form for exonyms and towns: tokens joined by single
// spaces, accents folded, lower case.
func lowerKey(s string) string { return strings.ToLower(key(fold(s))) }
