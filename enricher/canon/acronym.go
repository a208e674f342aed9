package canon

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsflow/newsflow/internal/article"
)

// maxAcronym is the longest acronym read from a definition "Full Name (ACR)", in bytes.
const maxAcronym = 12

// acronyms merges acronyms with the names they stand for: first those the article defines,
// "International Monetary Fund (IMF)", whose every mention joins the full name; then an
// acronym-shaped mention ("ECB", "U.N.") whose letters are the initials of exactly one
// longer name in the article (of all its words, or of its capitalised words: "FDA" for
// "Food and Drug Administration"). People's names are not expanded.
func (g *groups) acronyms(body string) {
	defined := map[string]int{}
	for i, m := range g.ms {
		if len(m.words) < 2 || m.typ == article.TypePerson {
			continue
		}
		if acr, ok := definedAcronym(body[m.end:]); ok {
			if _, dup := defined[acr]; !dup {
				defined[acr] = i
			}
		}
	}
	initials := map[string][]int{} // initials → the first mention of each name with them
	seen := map[string]bool{}
	for i, m := range g.ms {
		if len(m.words) < 2 || m.typ == article.TypePerson || seen[m.key] {
			continue
		}
		seen[m.key] = true
		all, caps := initialsOf(m.text)
		initials[all] = append(initials[all], i)
		if caps != all && len(caps) >= 2 {
			initials[caps] = append(initials[caps], i)
		}
	}
	for i, m := range g.ms {
		if m.short || m.key == "" {
			continue
		}
		if d, ok := defined[m.key]; ok {
			g.union(d, i)
			continue
		}
		if m.place >= 0 || !acronymShaped(m.text) {
			continue
		}
		target := -1
		for _, j := range initials[m.key] {
			r := g.find(j)
			if target >= 0 && r != target {
				target = -2 // two different names: ambiguous
				break
			}
			target = r
		}
		if target >= 0 {
			g.union(target, i)
		}
	}
}

// definedAcronym reads " (ACR)" at the start of rest, ACR acronym-shaped. It returns the
// acronym's folded key.
func definedAcronym(rest string) (string, bool) {
	rest = strings.TrimLeft(rest, " \u00a0")
	if !strings.HasPrefix(rest, "(") {
		return "", false
	}
	end := strings.IndexByte(rest, ')')
	if end < 0 || end > maxAcronym+1 {
		return "", false
	}
	acr := strings.TrimSpace(rest[1:end])
	if !acronymShaped(acr) {
		return "", false
	}
	return foldKey(acr), true
}

// acronymShaped reports whether s looks like an acronym: capitals and digits (two or more,
// a capital first), perhaps with dots, "&" or "-"; no spaces, no lower-case letters ("U.N."
// and "G7" are acronyms, "BoE" is not read as one).
func acronymShaped(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r), n > 0 && unicode.IsDigit(r):
			n++
		case r == '.' || r == '&' || r == '-':
		default:
			return false
		}
	}
	return n >= 2 && len(s) <= maxAcronym
}

// initialsOf returns the folded first letters of the words of name, and of its words that
// start with a capital letter only.
func initialsOf(name string) (all, caps string) {
	var a, c strings.Builder
	inWord := false
	for i, r := range name {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		if word && !inWord {
			_, size := utf8.DecodeRuneInString(name[i:])
			f := foldKey(name[i : i+size])
			a.WriteString(f)
			if unicode.IsUpper(r) || unicode.IsDigit(r) {
				c.WriteString(f)
			}
		}
		inWord = word
	}
	return a.String(), c.String()
}
