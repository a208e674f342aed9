package canon

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsflow/newsflow/internal/article"
)

// particles are the lower-case words inside people's names ("Ursula von der Leyen", "Lula
// da Silva", "Ortega y Gasset"). A tagger trained on English news often ends a name before
// them.
var particles = wordSet("von van der den de da di du del della dos das do la le bin ibn al el ter zu y")

// maxParticles is the most particles read between two parts of a name.
const maxParticles = 3

// repairSpans mends names a tagger cut at particles: a person followed by particles and a
// capitalised word (tagged or not) becomes one person, "Ursula" + "von der" + "Leyen"; a
// span preceded by particles (the first may be capitalised) takes them, "Von der Leyen",
// "van Gaal". A span that ends with its acronym in brackets is split in two; one that ran on
// into the sentence is cut (see trimRunOn). It returns
// spans unchanged when there is nothing to mend.
func repairSpans(body string, spans []Span) []Span {
	var out []Span
	changed := false
	for i := 0; i < len(spans); i++ {
		s := spans[i]
		if s.Start < 0 || s.End > len(body) || s.Start >= s.End {
			out = append(out, s)
			continue
		}
		if t := trimRunOn(body, s); t != s {
			s = t
			changed = true
		}
		if name, acr, ok := splitAcronym(body, s); ok {
			out = append(out, name)
			s = acr
			changed = true
		}
		// Join a person with what follows its particles.
		for s.Type == article.TypePerson {
			after := skipParticles(body, s.End)
			if after == s.End {
				break
			}
			if i+1 < len(spans) && spans[i+1].Start == after && spans[i+1].Type != article.TypeMisc {
				s.End = spans[i+1].End
				s.Confidence = min(s.Confidence, spans[i+1].Confidence)
				i++
			} else if end := capitalisedWordEnd(body, after); end > after && (i+1 >= len(spans) || spans[i+1].Start >= end) {
				s.End = end
			} else {
				break
			}
			changed = true
		}
		// Take particles just before a span.
		if s.Type != article.TypeMisc {
			prevEnd := 0
			if len(out) > 0 {
				prevEnd = out[len(out)-1].End
			}
			if start := particlesBefore(body, s.Start, prevEnd); start < s.Start {
				s.Start = start
				changed = true
			}
		}
		out = append(out, s)
	}
	if !changed {
		return spans
	}
	return out
}

// splitAcronym splits a span that swallowed its acronym, "Lawn Tennis Association (LTA)",
// into the name and the acronym.
func splitAcronym(body string, s Span) (name, acr Span, ok bool) {
	text := body[s.Start:s.End]
	if !strings.HasSuffix(text, ")") {
		return s, s, false
	}
	open := strings.LastIndex(text, " (")
	if open <= 0 || !acronymShaped(text[open+2:len(text)-1]) {
		return s, s, false
	}
	name, acr = s, s
	name.End = s.Start + open
	acr.Start, acr.End = s.Start+open+2, s.End-1
	return name, acr, true
}

// skipParticles returns the offset after " particle particle ... " starting at pos (one
// space before each particle, one after the last), or pos when there are none.
func skipParticles(body string, pos int) int {
	end := pos
	p := pos
	for n := 0; n < maxParticles; n++ {
		if p >= len(body) || body[p] != ' ' {
			break
		}
		w := wordAt(body, p+1)
		if w == "" || !particles[w] || p+1+len(w) >= len(body) || body[p+1+len(w)] != ' ' {
			break
		}
		p += 1 + len(w)
		end = p + 1
	}
	return end
}

// particlesBefore returns where the particles just before start begin ("von der " before
// "Leyen"), or start when there are none or the words before them are a capitalised name
// the tagger left out, or the previous span (ending at prevEnd) is adjacent.
func particlesBefore(body string, start, prevEnd int) int {
	p := start
	for n := 0; n < maxParticles; n++ {
		if p-1 < prevEnd || body[p-1] != ' ' {
			break
		}
		ws := strings.LastIndexByte(body[:p-1], ' ') + 1
		if ws < prevEnd {
			ws = prevEnd
		}
		w := body[ws : p-1]
		lw := strings.ToLower(w)
		if w == "" || !particles[lw] || lw == "y" || lw == "do" {
			break
		}
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			if !nameBoundary(body, ws, prevEnd) {
				break
			}
			return ws // a capitalised particle starts the name
		}
		p = ws
	}
	if p == start || !nameBoundary(body, p, prevEnd) {
		return start
	}
	return p
}

// nameBoundary reports whether a name may start at pos: the text before it is not a
// capitalised word (an untagged first name) and not the previous span.
func nameBoundary(body string, pos, prevEnd int) bool {
	if pos <= prevEnd {
		return pos == 0
	}
	if body[pos-1] != ' ' {
		return true
	}
	ws := strings.LastIndexAny(body[:pos-1], " \n\t") + 1
	if ws < prevEnd {
		return false
	}
	r, _ := utf8.DecodeRuneInString(body[ws:])
	return !unicode.IsUpper(r)
}

// wordAt returns the run of lower-case ASCII letters at pos.
func wordAt(body string, pos int) string {
	end := pos
	for end < len(body) && 'a' <= body[end] && body[end] <= 'z' {
		end++
	}
	return body[pos:end]
}

// capitalisedWordEnd returns the end of the capitalised word at pos (letters, marks,
// hyphens and apostrophes inside), or pos if there is none.
func capitalisedWordEnd(body string, pos int) int {
	r, _ := utf8.DecodeRuneInString(body[pos:])
	if !unicode.IsUpper(r) {
		return pos
	}
	end := pos
	for end < len(body) {
		r, size := utf8.DecodeRuneInString(body[end:])
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) ||
			(r == '-' || r == '\'') && end+size < len(body) && isLetterAt(body, end+size) {
			end += size
			continue
		}
		break
	}
	return end
}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}
