package lexbuild

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// functionWords are lower-case inside names ("Republic of the Congo") and carry no letter in
// an initialism.
var functionWords = map[string]bool{"of": true, "the": true, "and": true, "da": true, "de": true, "del": true}

// nameForms turns one source name into the plain names a newspaper would write. Sources write
// "Iran, Islamic Republic of", "Bolivia (Plurinational State of)", "Congo [DRC]" and
// "the French Republic"; from these it makes "Islamic Republic of Iran", "Iran",
// "Plurinational State of Bolivia", "Bolivia", "Congo" and "French Republic". A bracketed
// part that is a name of its own ("Cote d'Ivoire (Ivory Coast)") becomes a name; an
// all-capital bracketed part ("UK", "DRC") is returned in codes instead.
func nameForms(s string) (names, codes []string) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return nil, nil
	}
	head, inner := s, ""
	if i := strings.IndexAny(s, "(["); i > 0 {
		j := strings.LastIndexAny(s, ")]")
		if j > i {
			head = strings.TrimSpace(s[:i] + s[j+1:])
			inner = strings.TrimSpace(s[i+1 : j])
		}
	}
	add := func(n string) {
		n = tidyName(n)
		if n != "" {
			names = append(names, n)
		}
	}
	if a, b, ok := strings.Cut(head, ", "); ok {
		// "Korea, Republic of" -> "Republic of Korea"; "Virgin Islands, British" -> "British
		// Virgin Islands"; but "Bonaire, Sint Eustatius and Saba" is a list: "Bonaire".
		if endsWithFunctionWord(b) || !strings.Contains(b, " ") {
			add(b + " " + a)
		}
		add(a)
	} else {
		add(head)
	}
	if inner != "" {
		switch {
		case endsWithFunctionWord(inner):
			add(inner + " " + head)
		case allCaps(inner):
			codes = append(codes, inner)
		case ownName(inner):
			add(inner)
		}
	}
	return names, codes
}

// tidyName drops a leading article and lower-cases function words after the first word
// ("Congo (The Democratic Republic Of The)" -> "Democratic Republic of the Congo").
func tidyName(s string) string {
	ws := strings.Fields(s)
	for len(ws) > 1 && strings.EqualFold(ws[0], "the") {
		ws = ws[1:]
	}
	for i := 1; i < len(ws); i++ {
		if l := strings.ToLower(ws[i]); functionWords[l] {
			ws[i] = l
		}
	}
	return strings.Join(ws, " ")
}

func endsWithFunctionWord(s string) bool {
	ws := strings.Fields(s)
	return len(ws) > 1 && functionWords[strings.ToLower(ws[len(ws)-1])]
}

// ownName reports whether a bracketed part reads as a name by itself: capitalised words
// only, no abbreviation dots, and not one short word such as "(South)".
func ownName(s string) bool {
	if strings.Contains(s, ".") {
		return false
	}
	ws := strings.Fields(s)
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !functionWords[w] {
			return false
		}
	}
	return len(ws) > 1 || utf8.RuneCountInString(s) >= 6
}

func allCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// spellings returns s with the spellings a newspaper may use for it: without accents, with
// a straight apostrophe, and with "Saint" written "St." or "St".
func spellings(s string) []string {
	out := []string{s}
	add := func(v string) {
		for _, o := range out {
			if o == v {
				return
			}
		}
		out = append(out, v)
	}
	add(fold(s))
	for _, v := range append([]string(nil), out...) {
		for _, saint := range []string{"Saint ", "Sainte "} {
			if rest, ok := strings.CutPrefix(v, saint); ok {
				short := "St "
				if saint == "Sainte " {
					short = "Ste "
				}
				add(strings.Replace(short, " ", ". ", 1) + rest)
				add(short + rest)
			}
		}
	}
	return out
}

// initialism returns the capitals of a name's words ("United Arab Emirates" -> "UAE"), or ""
// when the name has fewer than two such words or a word that does not start with a letter.
func initialism(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if functionWords[w] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || strings.ContainsAny(w, "-.,") {
			return ""
		}
		b.WriteRune(r)
	}
	if utf8.RuneCountInString(b.String()) < 2 {
		return ""
	}
	return b.String()
}

// dotted writes an initialism with a full stop after each letter: "US" -> "U.S.".
func dotted(code string) string {
	var b strings.Builder
	for _, r := range code {
		b.WriteRune(r)
		b.WriteByte('.')
	}
	return b.String()
}
