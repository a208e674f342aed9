package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsflow/newsflow/enricher/geo/internal/token"
)

// notSubdivision are English abbreviations that look like a subdivision's ("Co." fits
// California, "Ms." Massachusetts) but are titles, company words, counties or months:
// "Dublin, Co. Dublin", "Salem, Ms. Jones".
var notSubdivision = map[string]bool{
	"Mr": true, "Ms": true, "Mrs": true, "Dr": true, "St": true, "Jr": true, "Sr": true, "Co": true, "Inc": true,
	"Ltd": true, "Corp": true, "Gen": true, "Sen": true, "Rep": true, "Gov": true, "Mt": true, "No": true, "Vol": true,
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true, "Sep": true,
	"Sept": true, "Oct": true, "Nov": true, "Dec": true,
}

// maxAbbrev is the most letters of a subdivision abbreviation ("Calif.", "Mass.", "N.Y.").
const maxAbbrev = 5

// abbreviationAt reads a subdivision abbreviation starting at token i: a capitalised word of
// 2 to maxAbbrev letters and a full stop ("Calif.", "MICH."), or capital initials each with a
// full stop ("N.Y.", "N.C."). It returns the letters ("Calif", "NY"), whether they are
// initials, and "" when there is none.
func abbreviationAt(text string, toks []token.Token, i int) (letters string, initials bool) {
	dot := func(k int) bool {
		return k < len(toks) && !toks[k].Is(token.Space) && text[toks[k].Start:toks[k].End] == "."
	}
	if i >= len(toks) || !toks[i].Is(token.Word|token.Upper|token.Letter) || !dot(i+1) {
		return "", false
	}
	w := text[toks[i].Start:toks[i].End]
	if notSubdivision[w] {
		return "", false
	}
	if n := utf8.RuneCountInString(w); n >= 2 && n <= maxAbbrev && onlyLetters(w) {
		return w, false
	}
	var b strings.Builder
	for k := i; k+1 < len(toks) && b.Len() < maxAbbrev; k += 2 {
		if k > i && toks[k].Is(token.Space) || !toks[k].Is(token.Word|token.Upper) ||
			toks[k].End-toks[k].Start != 1 || !dot(k+1) {
			break
		}
		b.WriteString(text[toks[k].Start:toks[k].End])
	}
	if b.Len() < 2 {
		return "", false
	}
	return b.String(), true
}

func onlyLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// abbreviates reports whether letters abbreviate name: as initials, the capitals of name's
// words ("NY": "New York", "DC": "District of Columbia"); otherwise name's first letter and
// then the others in order, case aside ("Calif": "California", "Pa": "Pennsylvania", "Fla":
// "Florida"). A word as long as the name is the name, not an abbreviation.
func abbreviates(letters string, initials bool, name string) bool {
	if initials {
		var caps []rune
		for _, w := range strings.Fields(name) {
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
				caps = append(caps, r)
			}
		}
		return string(caps) == letters
	}
	if len(letters) >= len(name) {
		return false
	}
	rest := strings.ToLower(name)
	for k, r := range strings.ToLower(letters) {
		i := strings.IndexRune(rest, r)
		if i < 0 || k == 0 && i != 0 {
			return false
		}
		rest = rest[i+utf8.RuneLen(r):]
	}
	return true
}

// confirmAbbreviation narrows city mention m, followed by ", " and a subdivision abbreviation,
// to its cities in a subdivision the abbreviation stands for ("Cambridge, Mass." is
// Massachusetts'), and confirms it when any is.
func (t *Tagger) confirmAbbreviation(s *scratch, m *mention, letters string, initials bool) {
	es := s.entries[m.lo:m.hi]
	n := 0
	for _, e := range es {
		if !e.isCity() {
			continue
		}
		for _, name := range t.lex.adminNames[admin{e.place.CountryCode, e.place.Admin1}] {
			if abbreviates(letters, initials, name) {
				es[n] = e
				n++
				break
			}
		}
	}
	if n > 0 {
		m.hi, m.confirmed = m.lo+n, true
	}
}
