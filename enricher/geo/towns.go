package geo

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/newsflow/newsflow/enricher/geo/internal/token"
	"github.com/newsflow/newsflow/internal/article"
)

// townIndex holds the lexicon's towns: GeoNames places below the city threshold, one record
// per spelling ("Q key cc admin1 geonames_id population lat lon name"), sorted by key. They
// are read only behind their region or country ("Paris, Texas", "TREVOSE, Pa.", "Kumasi,
// Ghana"), so they are kept as the lexicon's text and found by binary search; a town is
// parsed when first found, and keeps one *Place for the life of the process.
type townIndex struct {
	text   string
	starts []int32 // the start of each record in text
	places sync.Map
}

// load indexes the town records in text (the rest of the lexicon file); they must be sorted.
func (x *townIndex) load(text string) error {
	x.text = text
	prev := ""
	for at := 0; at < len(text); {
		end := strings.IndexByte(text[at:], '\n')
		if end < 0 {
			end = len(text) - at
		}
		rec := text[at : at+end]
		k, ok := strings.CutPrefix(rec, "Q\t")
		if i := strings.IndexByte(k, '\t'); ok && i > 0 {
			k = k[:i]
		} else {
			return fmt.Errorf("town record %.40q: want only Q records at the end", rec)
		}
		if k < prev {
			return fmt.Errorf("town record %.40q: not sorted by key", rec)
		}
		prev = k
		x.starts = append(x.starts, int32(at))
		at += end + 1
	}
	return nil
}

// errTown reports a town record that cannot be read (a build defect).
var errTown = errors.New("geo: bad town record")

// lookup calls fn with the fields of each town record whose key is key, most populous first,
// until fn returns false.
func (x *townIndex) lookup(key string, fn func(f []string) bool) {
	lo, hi := 0, len(x.starts)
	for lo < hi {
		mid := (lo + hi) / 2
		if x.key(mid) < key {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for i := lo; i < len(x.starts) && x.key(i) == key; i++ {
		if f := x.fields(i); len(f) == 9 && !fn(f) {
			return
		}
	}
}

// key returns record i's key.
func (x *townIndex) key(i int) string {
	rec := x.text[x.starts[i]+2:]
	k, _, _ := strings.Cut(rec, "\t")
	return k
}

// fields returns record i's fields: Q key cc admin1 geonames_id population lat lon name.
func (x *townIndex) fields(i int) []string {
	rec := x.text[x.starts[i]:]
	if end := strings.IndexByte(rec, '\n'); end >= 0 {
		rec = rec[:end]
	}
	return strings.Split(rec, "\t")
}

// place returns the town of record f, parsed on first use; one *Place per GeoNames id,
// whichever spelling found it.
func (x *townIndex) place(f []string) (*Place, error) {
	id, err := strconv.ParseInt(f[4], 10, 64)
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %w", errTown, f[1], err)
	}
	if p, ok := x.places.Load(id); ok {
		return p.(*Place), nil
	}
	p := &Place{Kind: article.PlaceCity, CountryCode: f[2], Admin1: f[3], Name: f[8], GeonamesID: id}
	var errs [4]error
	var lat, lon float64
	p.Population, errs[1] = strconv.ParseInt(f[5], 10, 64)
	lat, errs[2] = strconv.ParseFloat(f[6], 64)
	lon, errs[3] = strconv.ParseFloat(f[7], 64)
	if err := errors.Join(errs[:]...); err != nil {
		return nil, fmt.Errorf("%w: %q: %w", errTown, f[1], err)
	}
	p.Location = &article.GeoPoint{Lat: lat, Lon: lon}
	got, _ := x.places.LoadOrStore(id, p)
	return got.(*Place), nil
}

// maxTownWords is the most words of a town name read before a qualifier.
const maxTownWords = 4

// qualifiedTowns finds the towns a text places by their region, country or a state
// abbreviation right after them, where the lexicon's own cities do not: "Paris, Texas" (the
// lexicon's Paris are in France and elsewhere), "TREVOSE, Pa.", "Kumasi, Ghana". A mention
// before the comma that names none of the qualifier's places gets the town instead; capitalised
// words that are no mention become one. A country or subdivision name is not read as a town
// of its own country ("Virginia, Minnesota and Iowa" is a list; "Lebanon, Pa." is a town), a
// country before a country never ("Chad, Niger"), nor a name after a given name ("Rick Perry,
// Texas"). The confirmation itself is left to the "City, Region" patterns of resolve.
func (t *Tagger) qualifiedTowns(text string, s *scratch) {
	toks := s.toks
	ms := s.mentions
	var added []mention
	next := 0 // the first mention starting after the comma
	for c := 1; c+1 < len(toks); c++ {
		if text[toks[c].Start:toks[c].End] != "," || toks[c].Is(token.Space) {
			continue
		}
		for next < len(ms) && ms[next].i <= c {
			next++
		}
		var qual *mention
		letters, initials := "", false
		if next < len(ms) && ms[next].i == c+1 {
			qual = &ms[next]
		} else if letters, initials = abbreviationAt(text, toks, c+1); letters == "" {
			continue
		}
		if qual != nil && personalAfter(text, toks, qual.j) {
			continue // "Moore, Oklahoma's coach", "Mansfield, Ohio Democrat": a person's description
		}
		var before *mention
		if k := next - 1; k >= 0 && ms[k].j == c {
			before = &ms[k]
			if t.fits(s, before, qual, letters, initials) || qual != nil && namesCountry(before) && namesCountry(qual) ||
				before.hi > before.lo && qual != nil && readsAsCity(s, qual) {
				// The lexicon's reading stands; a list of countries; or a list of cities
				// ("Cairo, New York and London", "Oxford, Cambridge, Manchester").
				continue
			}
		}
		i := before.start()
		if before == nil {
			i = t.townStart(text, toks, c)
		}
		if i < 0 || i >= c || t.afterGiven(text, toks, i) {
			continue
		}
		p := t.findTown(text, toks, i, c, before, qual, letters, initials)
		if p == nil {
			continue
		}
		lo := len(s.entries)
		s.entries = append(s.entries, entry{place: p, form: FormName})
		if before != nil {
			before.lo, before.hi, before.needProof, before.drop = lo, lo+1, false, false
			continue
		}
		added = append(added, mention{i: i, j: c, n: &noNode, lo: lo, hi: lo + 1})
	}
	if len(added) > 0 {
		s.mentions = mergeMentions(s.mentions, added)
	}
}

// noNode is the trie node of a town found outside the trie: no spellings, no subdivisions.
var noNode node

// namesCountry reports whether mention m can name a country.
func namesCountry(m *mention) bool {
	for _, e := range m.n.entries {
		if e.place.Kind == article.PlaceCountry {
			return true
		}
	}
	return false
}

// namesCountryCode reports whether mention m (nil: none) can name country cc itself.
func namesCountryCode(m *mention, cc string) bool {
	if m == nil {
		return false
	}
	for _, e := range m.n.entries {
		if e.place.Kind == article.PlaceCountry && e.place.CountryCode == cc {
			return true
		}
	}
	return false
}

// namesIn reports whether mention m (nil: none) can name country cc or one of its
// subdivisions: "Virginia, Minnesota" is a list of states, not a town of Minnesota.
func namesIn(m *mention, cc string) bool {
	if m == nil {
		return false
	}
	for _, e := range m.n.entries {
		if e.place.Kind != article.PlaceCity && e.place.CountryCode == cc {
			return true
		}
	}
	for _, sb := range m.n.subs {
		if sb.cc == cc {
			return true
		}
	}
	return false
}

// fits reports whether one of city mention m's remaining places lies where the qualifier
// says: then the lexicon's own reading stands.
func (t *Tagger) fits(s *scratch, m, qual *mention, letters string, initials bool) bool {
	for _, e := range s.entries[m.lo:m.hi] {
		if t.qualifies(e.place.CountryCode, e.place.Admin1, qual, letters, initials) {
			return true
		}
	}
	return false
}

// qualifies reports whether a place in country cc and subdivision admin1 (GeoNames' code)
// is where the qualifier (mention qual, or a subdivision abbreviation) says. A subdivision
// says so only in countries whose GeoNames and ISO 3166-2 codes are the same (see
// sameAdminCodes): elsewhere "12" is one subdivision in one system and another in the other.
func (t *Tagger) qualifies(cc, admin1 string, qual *mention, letters string, initials bool) bool {
	sameCodes := t.lex.sameAdminCodes[cc]
	if qual == nil {
		if !sameCodes {
			return false
		}
		for _, name := range t.lex.adminNames[admin{cc, admin1}] {
			if abbreviates(letters, initials, name) {
				return true
			}
		}
		return false
	}
	for _, e := range qual.n.entries {
		if e.place.Kind == article.PlaceCountry && e.place.CountryCode == cc ||
			sameCodes && e.place.Kind == article.PlaceRegion && e.place.CountryCode == cc && e.place.Admin1 == admin1 {
			return true
		}
	}
	for _, sb := range qual.n.subs {
		if sameCodes && sb.cc == cc && sb.code == admin1 {
			return true
		}
	}
	return false
}

// townStart returns the first token of the capitalised words ending before the comma at c,
// leading common words aside ("In Trevose"), or -1: at most maxTownWords words, each
// capitalised or joined by "." "-" or "'" ("St. Charles", "Wilkes-Barre"), on one line, not
// starting with a given name or title.
func (t *Tagger) townStart(text string, toks []token.Token, c int) int {
	i, words := c, 0
scan:
	for k := c - 1; k >= 0 && words < maxTownWords; k-- {
		tok := toks[k]
		w := text[tok.Start:tok.End]
		switch {
		case tok.Is(token.Word | token.Upper):
			words++
		case w == "." && !tok.Is(token.Space) && k > 0 && toks[k-1].Is(token.Word):
			// "St. Charles"
		case (w == "-" || w == "'") && !tok.Is(token.Space) && !toks[k+1].Is(token.Space):
			// "Wilkes-Barre", "Coeur d'Alene"
		default:
			break scan
		}
		i = k
		if tok.Is(token.Break) {
			break
		}
	}
	if words == 0 || !toks[i].Is(token.Word) {
		return -1
	}
	for i < c && toks[i].Is(token.Word) && t.lex.frequent[strings.ToLower(text[toks[i].Start:toks[i].End])] {
		i++ // "In Trevose", "The": a common word, not the name's
	}
	if i >= c || t.lex.given[text[toks[i].Start:toks[i].End]] {
		return -1
	}
	return i
}

// start returns m's first token, or -1 for no mention.
func (m *mention) start() int {
	if m == nil {
		return -1
	}
	return m.i
}

// afterGiven reports whether token i follows a given name or title ("Mayor Perry", "Rick
// Perry").
func (t *Tagger) afterGiven(text string, toks []token.Token, i int) bool {
	return i > 0 && toks[i].Is(token.Space) && !toks[i].Is(token.Para) && t.lex.given[text[toks[i-1].Start:toks[i-1].End]]
}

// findTown returns the most populous town named by tokens [i, c) where the qualifier says,
// unless the mention before the comma names that country or one of its subdivisions.
func (t *Tagger) findTown(text string, toks []token.Token, i, c int, before, qual *mention, letters string, initials bool) *Place {
	var b strings.Builder
	for k := i; k < c; k++ {
		if k > i {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ToLower(text[toks[k].Start:toks[k].End]))
	}
	var found *Place
	t.lex.towns.lookup(b.String(), func(f []string) bool {
		if !t.qualifies(f[2], f[3], qual, letters, initials) {
			return true
		}
		if namesIn(before, f[2]) && !namesCountryCode(qual, f[2]) {
			return false // "Virginia, Minnesota": a list; "Siena, Italy" is a town
		}
		if p, err := t.lex.towns.place(f); err == nil {
			found = p
			return false
		}
		return true
	})
	return found
}

// mergeMentions returns ms and added (each in text order) in text order; a mention of ms
// inside an added town goes ("MEXICO" of "MEXICO BEACH, Fla.").
func mergeMentions(ms, added []mention) []mention {
	out := make([]mention, 0, len(ms)+len(added))
	a := 0
	for _, m := range ms {
		for a < len(added) && added[a].i <= m.i {
			out = append(out, added[a])
			a++
		}
		if last := len(out) - 1; last >= 0 && out[last].n == &noNode && m.i >= out[last].i && m.j <= out[last].j {
			continue
		}
		out = append(out, m)
	}
	return append(out, added[a:]...)
}

// readsAsCity reports whether mention m may still be one of the lexicon's cities.
func readsAsCity(s *scratch, m *mention) bool {
	for _, e := range s.entries[m.lo:m.hi] {
		if e.isCity() {
			return true
		}
	}
	return false
}

// personalAfter reports whether the token at j (after a qualifier) makes the qualifier part
// of a person's description: a possessive ("Oklahoma's coach") or a capitalised word on
// the same line ("Ohio Democrat").
func personalAfter(text string, toks []token.Token, j int) bool {
	if j >= len(toks) || toks[j].Is(token.Break) {
		return false
	}
	w := text[toks[j].Start:toks[j].End]
	if (w == "'" || w == "’") && j+1 < len(toks) && text[toks[j+1].Start:toks[j+1].End] == "s" {
		return true
	}
	return toks[j].Is(token.Word|token.Upper|token.Space) && toks[j].Is(token.Lower)
}
