package quant

import (
	"math"
	"slices"
	"unicode"
	"unicode/utf8"
)

// MaxText is the size from which a text is not scanned at all: token offsets are 32-bit.
// Article bodies are far smaller (see article.Limits).
const MaxText = math.MaxInt32

// Token kinds.
const (
	tokWord   uint8 = iota + 1 // a run of letters
	tokNumber                  // digits with optional thousands groups and one decimal part
	tokSymbol                  // any other rune that is not white space
)

// token is one word, number or symbol of the body, by byte offsets. Every byte of the body
// that is not white space belongs to exactly one token, so two tokens are "adjacent" (written
// together, as in "5km" or "US$") when space is false.
//
// A token holds no pointers, so that the scratch slice of a long text costs the garbage
// collector nothing to scan.
type token struct {
	start, end int32
	// id is the lexicon's word for the token (lexicon.list), 0 for most tokens.
	id   uint16
	kind uint8
	// space says white space (or the start of the text) comes right before the token.
	space bool
}

// tokenize appends the tokens of s to toks and returns it. It reads every byte once and
// looks up each token at most once, so it runs in time linear in len(s); it never fails,
// whatever the bytes (invalid UTF-8 becomes one-byte symbols). Texts of MaxText bytes or
// more have no tokens.
func (lx *lexicon) tokenize(s string, toks []token) []token {
	if len(s) >= MaxText {
		return toks
	}
	space := true
	for i := 0; i < len(s); {
		if len(toks) == cap(toks) {
			// double, rather than append's quarter steps on large slices: fewer copies of a
			// long text's tokens
			toks = slices.Grow(toks, len(toks)+16)
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
				space = true
				i++
				continue
			case c == '&' && entityLen(s[i:]) > 0:
				// "&nbsp;" left over from HTML separates words like a space
				space = true
				i += entityLen(s[i:])
				continue
			case isDigit(c):
				j := scanNumber(s, i)
				toks = append(toks, token{start: int32(i), end: int32(j), kind: tokNumber, space: space, id: lx.number(s[i:j])})
				i = j
			case isASCIILetter(c):
				j := i + 1
				for j < len(s) && isASCIILetter(s[j]) {
					j++
				}
				ascii := true
				if j < len(s) && s[j] >= utf8.RuneSelf {
					j, ascii = scanWord(s, j)
				}
				t := token{start: int32(i), end: int32(j), kind: tokWord, space: space}
				if ascii {
					t.id = lx.word(s[i:j])
				}
				toks = append(toks, t)
				i = j
			default:
				toks = append(toks, token{start: int32(i), end: int32(i + 1), kind: tokSymbol, space: space, id: lx.ascii[c]})
				i++
			}
			space = false
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			space = true
			i += n
			continue
		case unicode.IsLetter(r):
			j, _ := scanWord(s, i)
			toks = append(toks, token{start: int32(i), end: int32(j), kind: tokWord, space: space})
			i = j
		default:
			toks = append(toks, token{start: int32(i), end: int32(i + n), kind: tokSymbol, space: space, id: lx.symbols[s[i:i+n]]})
			i += n
		}
		space = false
	}
	return toks
}

// scanWord returns the end of the run of letters (any script) from i, and whether it held
// only ASCII letters from i on.
func scanWord(s string, i int) (int, bool) {
	ascii := true
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !isASCIILetter(c) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			break
		}
		ascii = false
		i += n
	}
	return i, ascii
}

// scanNumber returns the end of the number that starts with the digit at i: digits, then
// thousands groups (",123" not followed by a digit), then one decimal part (".5").
func scanNumber(s string, i int) int {
	j := i + 1
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	for j+3 < len(s) && s[j] == ',' && isDigit(s[j+1]) && isDigit(s[j+2]) && isDigit(s[j+3]) &&
		(j+4 == len(s) || !isDigit(s[j+4])) {
		j += 4
	}
	if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		j += 2
		for j < len(s) && isDigit(s[j]) {
			j++
		}
	}
	return j
}

// entityLen returns the length of the no-break-space entity s starts with, 0 if none.
func entityLen(s string) int {
	for _, e := range [...]string{"&nbsp;", "&#160;", "&#xa0;", "&#xA0;"} {
		if len(s) >= len(e) && s[:len(e)] == e {
			return len(e)
		}
	}
	return 0
}

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isUpper(c byte) bool       { return c >= 'A' && c <= 'Z' }
