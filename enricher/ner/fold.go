package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Name lists are matched without accents: news writes "Kecskemet" for GeoNames'
// "Kecskemét", "Sao Paulo" beside "São Paulo", "Diaz" for "Díaz". Phrase keys and the words
// matched against them both go through foldName.

// nameFolds spells out letters that do not decompose into a letter and marks, and the
// typographic quotes that stand for ASCII ones.
var nameFolds = map[rune]string{
	'ß': "ss", 'ø': "o", 'đ': "d", 'ł': "l", 'æ': "ae", 'œ': "oe", 'ı': "i", 'þ': "th", 'ð': "d",
	'\u2018': "'", '\u2019': "'", '\u02bc': "'", '\u201c': "\"", '\u201d': "\"",
}

// foldName returns a lower-cased word without accents. ASCII words are returned as they are.
func foldName(lower string) string {
	ascii := true
	for i := 0; i < len(lower); i++ {
		if lower[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return lower
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(lower) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case nameFolds[r] != "":
			b.WriteString(nameFolds[r])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// nameForm is how a lower-cased word is keyed in the name lists: folded when they are.
func nameForm(lower string, folded bool) string {
	if folded {
		return foldName(lower)
	}
	return lower
}
