package canon

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// letterFolds spells out letters that do not decompose into a base letter and marks, and
// the typographic quotes that stand for ASCII ones (used by FoldName only: for foldWords a
// quote separates words).
var letterFolds = map[rune]string{
	'ß': "ss", 'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l", 'æ': "ae", 'Æ': "ae",
	'œ': "oe", 'Œ': "oe", 'ı': "i", 'þ': "th", 'Þ': "th", 'ð': "d", 'Ð': "d",
	'\u2018': "'", '\u2019': "'", '\u02bc': "'", '\u201c': "\"", '\u201d': "\"",
}

// FoldName returns a lower-cased word without accents, keeping everything else ("díaz" ->
// "diaz", "o’neill" -> "o'neill"); ASCII words are returned as they are. The entity
// tagger's accent-free name lists use it.
func FoldName(lower string) string {
	if isASCII(lower) {
		return lower
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(lower) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case letterFolds[r] != "":
			b.WriteString(letterFolds[r])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldWords splits s into words for matching: runs of letters and digits, lower-cased, with
// accents removed ("Díaz-Canel" → ["diaz", "canel"], "U.S." → ["u", "s"]). Everything else
// (spaces, hyphens, dots, apostrophes) separates words.
func foldWords(s string) []string {
	if isASCII(s) {
		return asciiWords(s)
	}
	s = norm.NFD.String(s)
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			b.WriteRune(r)
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		case unicode.Is(unicode.Mn, r):
			// a combining mark: part of the letter before it, dropped
		case unicode.IsLetter(r) && letterFolds[r] != "":
			b.WriteString(letterFolds[r])
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return words
}

// asciiWords is foldWords for ASCII text: the words are slices of one lower-cased copy.
func asciiWords(s string) []string {
	low := s
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			low = strings.ToLower(s)
			break
		}
	}
	var words []string
	start := -1
	for i := 0; i < len(low); i++ {
		c := low[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			words = append(words, low[start:i])
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, low[start:])
	}
	return words
}

// foldKey is the matching key of a name: its folded words joined without separators, so that
// "Diaz Canel", "Diaz-Canel" and "Díaz-Canel" share one key, and so do "U.S." and "US".
func foldKey(s string) string {
	if !isASCII(s) {
		return strings.Join(foldWords(s), "")
	}
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		c := s[i]
		clean = 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			b.WriteByte(c)
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// accents counts the letters of s outside ASCII: the spelling with more of them is kept as
// the canonical one ("Díaz" over "Diaz").
func accents(s string) int {
	n := 0
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// hasLower reports whether s has a lower-case letter: "Putin" is preferred to "PUTIN".
func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}
