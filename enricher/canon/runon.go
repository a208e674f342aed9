package canon

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsflow/newsflow/internal/article"
)

// clauseWords are the lower-case words that never belong to a name of any type, the title
// of a work included: a span that reaches one has run on into the sentence ("V8 Vantage will
// be available").
var clauseWords = wordSet("is are was were will would has have had said says can could may might must should")

// runOnWords are lower-case words that do not belong to a person's, organisation's or
// place's name even before a capitalised word ("Tibbett & Britten last August").
var runOnWords = wordSet("last next this that these those which who whom whose when where after before since while than because if but")

// maxLeadingParticle is the longest lower-case word kept at the start of a person's name
// ("dal Maso", "de Silva", "della Chiesa").
const maxLeadingParticle = 5

// trimRunOn cuts a span that ran on into the sentence around a name. Any type is cut at a
// clause word ("V8 Vantage will be available" -> "V8 Vantage"). A person, organisation or
// location is also cut at a runOnWords word ("Tibbett & Britten last August"), and at a
// lower-case word that is not inside a name (see inName: "Bank revealed that 48,000" ->
// "Bank"); lower-case words inside a name stay ("Dar es Salaam", "Doctors without Borders",
// "Chronicles of Riddick: Escape from Butcher Bay"). Lower-case
// words before a name go ("award-winning Rover 75"), except short ones before a person's
// ("dal Maso"). A possessive or punctuation left at the cut goes too ("Bank's latest" ->
// "Bank"). It returns s unchanged when nothing capitalised would remain.
func trimRunOn(body string, s Span) Span {
	text := body[s.Start:s.End]
	name := s.Type == article.TypePerson || s.Type == article.TypeOrganization || s.Type == article.TypeLocation
	ws := spanWords(text)
	first := 0
	if name {
		for first < len(ws) && ws[first].lower &&
			!(s.Type == article.TypePerson && utf8.RuneCountInString(ws[first].key) <= maxLeadingParticle) {
			first++
		}
	}
	last := len(ws) // words [first, last) stay
	for k := first + 1; k < len(ws); k++ {
		if !ws[k].lower {
			continue
		}
		w := ws[k].key
		if clauseWords[w] || name && (runOnWords[w] || !inName(ws, k)) {
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

// spanWord is a word of a span, between white space: offsets in the span's text, its text
// without trailing punctuation ("said," -> "said"), whether that is all lower case and
// whether it starts with a capital.
type spanWord struct {
	start, end   int
	key          string
	lower, upper bool
}

// spanWords splits text at white space (the no-break space included).
func spanWords(text string) []spanWord {
	var ws []spanWord
	start := -1
	flush := func(end int) {
		if start >= 0 {
			w := text[start:end]
			key := strings.TrimRight(w, ",;:.!?")
			r, _ := utf8.DecodeRuneInString(w)
			ws = append(ws, spanWord{start: start, end: end, key: key, lower: key != "" && lowerWord(key), upper: unicode.IsUpper(r)})
			start = -1
		}
	}
	for i, r := range text {
		if unicode.IsSpace(r) {
			flush(i)
		} else if start < 0 {
			start = i
		}
	}
	flush(len(text))
	return ws
}

// maxJoiner is the longest lower-case word that joins a name's capitalised words without
// being next to one of them ("Four Weddings and a Funeral", "Dar es Salaam").
const maxJoiner = 4

// inName reports whether lower-case word k of ws lies inside a name: right before a
// capitalised word ("Doctors without Borders"), or short and followed by short lower-case
// words up to a capitalised one ("of the Interior"); not "Dakar Biennale of contemporary
// African art".
func inName(ws []spanWord, k int) bool {
	for j := k; j+1 < len(ws); j++ {
		if ws[j+1].upper {
			return true
		}
		if !ws[j+1].lower || utf8.RuneCountInString(ws[j].key) > maxJoiner || utf8.RuneCountInString(ws[j+1].key) > maxJoiner {
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

// splitPlaceTail splits an organisation or title span of two words or more, not an "X of Y"
// name, that ends with " and " (or " & ") and a resolved place: "Bill & Melinda Gates
// Foundation and Japan" becomes the foundation and the country, "The Motorcycle Diaries and
// British" the film and a MISC demonym, while "Trinidad and Tobago" (a location), "Procter
// and Gamble" (no place) and "Law Society of England and Wales" stay. places are the
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
			if m.Start < 0 || m.Start >= m.End || m.End > len(body) {
				continue
			}
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
		// Only an organisation or a title of two words or more, not an "X of Y" name, takes
		// a place after "and" ("Law Society of England and Wales" stays whole).
		if ok && start > s.Start && s.Start >= 0 && (s.Type == article.TypeOrganization || s.Type == article.TypeMisc) &&
			!strings.Contains(body[s.Start:start], " of ") {
			head := body[s.Start:start]
			for _, sep := range []string{" and ", " & "} {
				if name, found := strings.CutSuffix(head, sep); found && strings.Contains(strings.TrimSpace(name), " ") {
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
