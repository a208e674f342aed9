package canon

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsflow/newsflow/internal/article"
)

// connectors are the lower-case words a name may hold between capitalised words ("Bank of
// England", "Trinidad and Tobago", "Frankfurt am Main", "Newcastle upon Tyne", "Church in
// Wales"). Leaving "in" out cut "Estadio Centenario in Montevideo" but cost 0.06 F1 on
// eng.testa, so it stays.
var connectors = wordSet("of and for the on in upon at to am an der den de du des la le les y del della van von und et da di do dos das bin ibn al el ter zu sur sous")

// clauseWords are the lower-case words that never belong to a name of any type, the title
// of a work included: a span that reaches one has run on into the sentence ("V8 Vantage will
// be available").
var clauseWords = wordSet("is are was were will would has have had said says can could may might must should")

// trimRunOn cuts a span that ran on into the sentence around a name: for a person,
// organisation or location, at the first lower-case word that is not a connector followed
// by a capitalised word ("Bank revealed that 48,000" -> "Bank", "Tibbett & Britten last
// August" -> "Tibbett & Britten"), after dropping lower-case words before the name
// ("award-winning Rover 75" -> "Rover 75"); for other types (titles of works hold any word)
// only at a clauseWords word. A possessive left at the end goes too ("Bank's latest" ->
// "Bank"). It returns s unchanged when nothing capitalised would remain.
func trimRunOn(body string, s Span) Span {
	text := body[s.Start:s.End]
	name := s.Type == article.TypePerson || s.Type == article.TypeOrganization || s.Type == article.TypeLocation
	var ws []spanWord
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], ' ')
		if j < 0 {
			j = len(text) - i
		}
		if j > 0 {
			w := text[i : i+j]
			ws = append(ws, spanWord{i, i + j, lowerWord(w)})
		}
		i += j + 1
	}
	first := 0
	if name {
		for first < len(ws) && ws[first].lower && !particles[text[ws[first].start:ws[first].end]] {
			first++
		}
	}
	last := len(ws) // words [first, last) stay
	for k := first + 1; k < len(ws); k++ {
		w := text[ws[k].start:ws[k].end]
		if !ws[k].lower {
			continue
		}
		// A person's name may hold any short particle ("Kengo wa Dondo").
		joins := connectors[w] || s.Type == article.TypePerson && utf8.RuneCountInString(w) <= 3
		if name && (!joins || !continues(text, ws[k+1:])) || !name && clauseWords[w] {
			last = k
			break
		}
	}
	if first >= last || first == 0 && last == len(ws) {
		return s
	}
	if last < len(ws) {
		// Words of punctuation only, or a possessive, left at the cut go too ("Louis based
		// thrift ." -> "Louis", "Ruch 's shares" -> "Ruch").
		for last > first && !hasLetterOrDigit(text[ws[last-1].start:ws[last-1].end]) {
			last--
		}
		if last > first+1 && (text[ws[last-1].start:ws[last-1].end] == "'s" || text[ws[last-1].start:ws[last-1].end] == "’s") {
			last--
		}
	}
	if first >= last {
		return s
	}
	out := s
	out.Start = s.Start + ws[first].start
	out.End = s.Start + ws[last-1].end
	if last < len(ws) {
		for _, pos := range []string{"'s", "’s", ",", ";", ":"} {
			if e := strings.TrimSuffix(body[out.Start:out.End], pos); len(e) < out.End-out.Start && e != "" {
				out.End = out.Start + len(e)
			}
		}
	}
	if r, _ := utf8.DecodeRuneInString(body[out.Start:]); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return s
	}
	return out
}

// spanWord is a space-separated word of a span: offsets in the span's text.
type spanWord struct {
	start, end int
	lower      bool
}

// continues reports whether the words after a connector reach a capitalised word through
// connectors only ("of the Interior").
func continues(text string, rest []spanWord) bool {
	for _, w := range rest {
		if !w.lower {
			return true
		}
		if !connectors[text[w.start:w.end]] {
			return false
		}
	}
	return false
}

func hasLetterOrDigit(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// lowerWord reports whether w is a word of lower-case letters only (hyphens allowed: "award-
// winning"; "non-Opec" is not, it holds a capital).
func lowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLower(r) {
		return false
	}
	for _, r := range w {
		if !unicode.IsLower(r) && r != '-' {
			return false
		}
	}
	return true
}

// splitPlaceTail splits spans that end with " and " (or " & ") and a resolved place that the
// span is not itself: "Bill & Melinda Gates Foundation and Japan" becomes the foundation and
// the country, "The Motorcycle Diaries and British" the film and a MISC demonym, while
// "Trinidad and Tobago" (one place) and "Procter and Gamble" (no place) stay. places are the
// article's resolved places.
func splitPlaceTail(body string, spans []Span, places []article.Place) []Span {
	if len(places) == 0 {
		return spans
	}
	type tail struct {
		start int
		typ   string
	}
	at := make(map[int]tail) // a place mention's end -> its start and the type it gets
	for _, p := range places {
		for _, m := range p.Mentions {
			// The place's own name or a code ("Japan", "U.S.") is a location; another
			// spelling of a country is mostly its demonym ("British film"), MISC.
			typ := article.TypeMisc
			if foldKey(m.Text) == foldKey(p.Name) || acronymShaped(m.Text) || p.Kind == article.PlaceCity {
				typ = article.TypeLocation
			}
			at[m.End] = tail{m.Start, typ}
		}
	}
	var out []Span
	for i, s := range spans {
		t, ok := at[s.End]
		start := t.start
		if ok && start > s.Start {
			head := body[s.Start:start]
			for _, sep := range []string{" and ", " & "} {
				if name, found := strings.CutSuffix(head, sep); found && strings.TrimSpace(name) != "" {
					if out == nil {
						out = append(out, spans[:i]...)
					}
					out = append(out, Span{Start: s.Start, End: s.Start + len(name), Type: s.Type, Confidence: s.Confidence},
						Span{Start: start, End: s.End, Type: t.typ, Confidence: s.Confidence})
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
		}
		if out != nil {
			out = append(out, s)
		}
	}
	if out == nil {
		return spans
	}
	return out
}
