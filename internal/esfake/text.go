package esfake

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of an analysed text: its lower-cased form, its position among the
// value's tokens, and its byte offsets in the value.
type token struct {
	term       string
	pos        int
	start, end int
}

// isWordRune reports whether r is part of a word for the fake standard analyser: letters,
// digits and combining marks. Everything else (spaces, punctuation, hyphens) separates words.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// analyse splits s as a simplified standard analyser does: runs of word characters,
// lower-cased, with positions and offsets.
func analyse(s string) []token {
	var out []token
	start := -1
	for i := 0; i <= len(s); {
		r, size := utf8.RuneError, 1
		if i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		word := i < len(s) && isWordRune(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, token{term: strings.ToLower(s[start:i]), pos: len(out), start: start, end: i})
			start = -1
		}
		i += size
	}
	return out
}

// terms returns the lower-cased words of s.
func terms(s string) []string {
	toks := analyse(s)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.term
	}
	return out
}

// phraseAt returns the start indexes in toks where the words of phrase follow each other.
func phraseAt(toks []token, phrase []string) []int {
	var out []int
	if len(phrase) == 0 {
		return nil
	}
	for i := 0; i+len(phrase) <= len(toks); i++ {
		ok := true
		for j, w := range phrase {
			if toks[i+j].term != w {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, i)
		}
	}
	return out
}

// textValues returns the string values of field in h, as analysed texts.
func textValues(h hit, field string) []string {
	var out []string
	for _, v := range fieldValues(h, field) {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
