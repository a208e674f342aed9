package canon

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// honorifics are forms of address: they precede only people's names, so they are removed
// from any name and count as evidence that the name is a person's.
var honorifics = wordSet("mr mrs ms miss dr sir dame madam mme mlle herr frau")

// titles are offices and ranks written before a person's name ("President", "Chancellor",
// "Gen."). They are removed from person names only: "General Motors" keeps its first word.
var titles = wordSet(`president minister chancellor premier king queen prince princess
	emperor empress sultan sheikh emir crown pope cardinal archbishop bishop rev reverend
	father rabbi imam ayatollah senator sen rep representative congressman congresswoman
	governor gov mayor general gen colonel col major maj captain capt lieutenant lt sergeant
	sgt admiral adm commander cmdr marshal judge justice lord lady baron baroness prof
	professor secretary director-general secretary-general chairman chairwoman chair
	coach manager ceo commissioner ambassador envoy spokesman spokeswoman speaker
	president-elect leader chief exchequer`)

// titleModifiers are words that start a title of several words ("Prime Minister", "Foreign
// Secretary", "Vice President"). They are removed only when a title follows.
var titleModifiers = wordSet(`prime foreign finance defence defense interior home health
	trade economy justice vice deputy former acting interim chief executive first state
	attorney opposition crown grand supreme senior junior assistant associate`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// titleWord returns the lower-cased form of a leading word for the title lists: without a
// final "." ("Dr." → "dr").
func titleWord(w string) string {
	return strings.ToLower(strings.TrimSuffix(w, "."))
}

// stripTitle returns the offset into name where the name proper starts, after leading titles
// (for a person) or honorifics (for any name), and whether an honorific was removed. It never
// removes the last word, and stops before a word that does not start with an upper-case
// letter.
func stripTitle(name string, person bool) (skip int, honorific bool) {
	pos := 0
	for {
		word, next := nextWord(name, pos)
		if next >= len(name) || word == "" {
			return pos, honorific
		}
		rest, _ := nextWord(name, next)
		if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsUpper(r) {
			return pos, honorific
		}
		w := titleWord(word)
		switch {
		case honorifics[w]:
			honorific = true
		case person && titles[w]:
		case person && titleModifiers[w] && (titles[titleWord(rest)] || titleModifiers[titleWord(rest)]):
		default:
			return pos, honorific
		}
		pos = next
	}
}

// nextWord returns the word of s starting at pos (up to the next space) and the offset of
// the word after it (past the spaces).
func nextWord(s string, pos int) (string, int) {
	end := strings.IndexFunc(s[pos:], unicode.IsSpace)
	if end < 0 {
		return s[pos:], len(s)
	}
	next := pos + end
	for next < len(s) {
		r, size := utf8.DecodeRuneInString(s[next:])
		if !unicode.IsSpace(r) {
			break
		}
		next += size
	}
	return s[pos : pos+end], next
}
