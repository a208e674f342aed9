package canon

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsflow/newsflow/internal/article"
)

// addDefinedAcronyms adds the acronyms an article defines that the tagger left untagged:
// after a tagged name of two words or more (not a person's), " (ACR)" with ACR shaped like
// an acronym and the initials of the name's words or capitalised words ("Independent
// Petroleum Marketers Association of Nigeria (IPMAN)"; not "ABU DHABI (AP)") is a mention
// of the same type, and so is every later use of ACR as a whole word (not inside "AT&T" or
// a URL, not in a run of words in capitals) outside the spans, with propagatedConfidence,
// unless two names define it. The acronyms step then joins them to the name. One pass over
// the body: time linear in its length. spans must be in text order; the result is too.
func addDefinedAcronyms(body string, spans []Span) []Span {
	type def struct {
		typ  string
		conf float64
	}
	defs := map[string]def{}
	var order []string
	ambiguous := map[string]bool{}
	for _, s := range spans {
		if s.Type == article.TypePerson || s.Start < 0 || s.Start >= s.End || s.End > len(body) ||
			!strings.Contains(body[s.Start:s.End], " ") {
			continue
		}
		rest := body[s.End:]
		if !strings.HasPrefix(rest, " (") {
			continue
		}
		end := strings.IndexByte(rest, ')')
		if end < 0 || end > maxAcronym+2 {
			continue
		}
		acr := rest[2:end]
		if !acronymShaped(acr) || !initialsMatch(body[s.Start:s.End], acr) {
			continue
		}
		if _, ok := defs[acr]; ok {
			ambiguous[acr] = true // two names define it: neither takes its uses
			continue
		}
		defs[acr] = def{s.Type, s.Confidence}
		order = append(order, acr)
	}
	if len(defs) == 0 {
		return spans
	}
	// One pass over the body's words: each acronym-shaped word is looked up.
	var added []Span
	defined := map[string]bool{}
	prevCaps := false
	for pos := 0; pos < len(body); {
		start, end := acronymWordAt(body, pos)
		if start < 0 {
			break
		}
		pos = end
		w := body[start:end]
		d, ok := defs[w]
		caps := acronymShaped(w)
		nextCaps := func() bool { // the next word is in capitals too ("WHO WILL PAY")
			ns, ne := acronymWordAt(body, end)
			return ns >= 0 && ns-end <= 1 && acronymShaped(body[ns:ne])
		}
		inBrackets := start >= 1 && body[start-1] == '(' && end < len(body) && body[end] == ')'
		if ok && !covered(spans, start, end) {
			switch {
			case inBrackets && !defined[w]:
				defined[w] = true
				added = append(added, Span{Start: start, End: end, Type: d.typ, Confidence: d.conf})
			case defined[w] && !ambiguous[w] && !prevCaps && !nextCaps():
				added = append(added, Span{Start: start, End: end, Type: d.typ, Confidence: propagatedConfidence})
			}
		}
		prevCaps = caps
	}
	if len(added) == 0 {
		return spans
	}
	out := append(append(make([]Span, 0, len(spans)+len(added)), spans...), added...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// acronymWordAt returns the next word at or after pos: a run of letters, digits and the
// characters acronyms hold ("&", "-", "." between letters: "AT&T", "U.N."), trailing dots
// aside; -1 when there is none.
func acronymWordAt(body string, pos int) (int, int) {
	start := -1
	i := pos
	for i < len(body) {
		r, size := utf8.DecodeRuneInString(body[i:])
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || start >= 0 && (r == '&' || r == '-' || r == '.' || r == '@' || r == '/')
		if start < 0 && inWord {
			start = i
		} else if start >= 0 && !inWord {
			break
		}
		i += size
	}
	if start < 0 {
		return -1, -1
	}
	end := i
	for end > start && (body[end-1] == '.' || body[end-1] == '-' || body[end-1] == '&') {
		end--
	}
	return start, end
}

// initialsMatch reports whether acr's letters are the initials of name's words or of its
// capitalised words ("IPMAN": Independent Petroleum Marketers Association of Nigeria; not
// "AP" for "ABU DHABI").
func initialsMatch(name, acr string) bool {
	all, caps := initialsOf(name)
	k := foldKey(acr)
	return k == all || k == caps
}

// covered reports whether a span of spans (in text order) overlaps [start, end).
func covered(spans []Span, start, end int) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].End > start })
	return i < len(spans) && spans[i].Start < end
}
