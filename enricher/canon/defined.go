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
// an acronym and starting with the name's first letter ("Independent Petroleum Marketers
// Association of Nigeria (IPMAN)") is a mention of the same type, and so is every later
// whole-word "ACR" outside the spans (with propagatedConfidence). The acronyms step then
// joins them to the name. spans must be in text order; the result is too.
func addDefinedAcronyms(body string, spans []Span) []Span {
	type def struct {
		typ  string
		conf float64
	}
	defs := map[string]def{}
	var order []string
	for _, s := range spans {
		if s.Type == article.TypePerson || s.Start < 0 || s.End > len(body) || !strings.Contains(body[s.Start:s.End], " ") {
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
		first, _ := utf8.DecodeRuneInString(body[s.Start:])
		a, _ := utf8.DecodeRuneInString(acr)
		if !acronymShaped(acr) || unicode.ToUpper(first) != a {
			continue
		}
		if _, ok := defs[acr]; !ok {
			defs[acr] = def{s.Type, s.Confidence}
			order = append(order, acr)
		}
	}
	if len(defs) == 0 {
		return spans
	}
	var added []Span
	for _, acr := range order {
		d := defs[acr]
		first := true
		for from := 0; ; {
			i := strings.Index(body[from:], acr)
			if i < 0 {
				break
			}
			start := from + i
			end := start + len(acr)
			from = end
			if !wordBoundary(body, start, end) {
				continue
			}
			conf := propagatedConfidence
			if first && start >= 2 && body[start-1] == '(' {
				conf = d.conf // the definition itself
			}
			first = false
			if !covered(spans, start, end) {
				added = append(added, Span{Start: start, End: end, Type: d.typ, Confidence: conf})
			}
		}
	}
	if len(added) == 0 {
		return spans
	}
	out := append(append(make([]Span, 0, len(spans)+len(added)), spans...), added...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// wordBoundary reports whether body[start:end] is a whole word: no letter or digit touches it.
func wordBoundary(body string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(body[:start])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if end < len(body) {
		r, _ := utf8.DecodeRuneInString(body[end:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// covered reports whether a span of spans (in text order) overlaps [start, end).
func covered(spans []Span, start, end int) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].End > start })
	return i < len(spans) && spans[i].Start < end
}
