// Package token splits text into the tokens the place tagger matches on. The lexicon generator
// and the tagger share it, so that a name in the lexicon and the same name in an article are cut
// the same way.
//
// A token is a maximal run of letters, digits and combining marks (a word), or a single other
// rune that is not white space (punctuation). Offsets are UTF-8 byte offsets into the text, so
// text[t.Start:t.End] is the token's surface. Invalid UTF-8 bytes are single punctuation tokens.
package token

import (
	"unicode"
	"unicode/utf8"
)

// Flags describe a token and the white space before it.
type Flags uint16

const (
	// Word: the token is a run of letters, digits and marks.
	Word Flags = 1 << iota
	// Upper: the first rune is an upper-case or title-case letter.
	Upper
	// Lower: the token contains at least one lower-case letter.
	Lower
	// Letter: the token contains at least one letter.
	Letter
	// Space: white space separates the token from the one before it.
	Space
	// Break: the white space before the token holds a line break.
	Break
	// Para: the white space before the token holds a blank line (two line breaks).
	Para
)

// Token is one token of a text.
type Token struct {
	Start, End int32
	Flags      Flags
}

// Is reports whether all of f are set.
func (t Token) Is(f Flags) bool { return t.Flags&f == f }

// MaxText is the longest text Scan accepts: offsets are int32. Longer text is cut.
const MaxText = 1<<31 - 1

// Scan appends the tokens of text to buf and returns it. It runs in time linear in len(text)
// and allocates only to grow buf.
func Scan(text string, buf []Token) []Token {
	if len(text) > MaxText {
		text = text[:MaxText]
	}
	var pending Flags // white-space flags for the next token
	i := 0
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if isSpace(r) {
			pending |= Space
			if r == '\n' {
				if pending&Break != 0 {
					pending |= Para
				}
				pending |= Break
			}
			i += size
			continue
		}
		start := i
		if !isWordRune(r) {
			buf = append(buf, Token{Start: int32(start), End: int32(i + size), Flags: pending})
			pending = 0
			i += size
			continue
		}
		f := pending | Word
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			f |= Upper
		}
		for {
			if unicode.IsLetter(r) {
				f |= Letter
				if unicode.IsLower(r) {
					f |= Lower
				}
			}
			i += size
			if i >= len(text) {
				break
			}
			r, size = rune(text[i]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(text[i:])
			}
			if !isWordRune(r) {
				break
			}
		}
		buf = append(buf, Token{Start: int32(start), End: int32(i), Flags: f})
		pending = 0
	}
	return buf
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if r == utf8.RuneError {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// SentenceEnd reports whether a punctuation token ends a sentence.
func SentenceEnd(s string) bool {
	return s == "." || s == "!" || s == "?"
}

// quote reports whether a punctuation token is a quotation mark or bracket, which may stand
// between a sentence end and the next sentence's first word.
func quote(s string) bool {
	switch s {
	case "\"", "'", "“", "”", "‘", "’", "(", ")", "[", "]", "«", "»":
		return true
	}
	return false
}

// SentenceStart reports whether toks[i] begins a sentence: it is the first token of text, the
// first after a blank line, or the first after a full stop, question or exclamation mark
// (quotation marks and brackets between them allowed). A full stop after a one-letter word
// ("J. Smith", "U.S.") does not end a sentence.
func SentenceStart(text string, toks []Token, i int) bool {
	j := i - 1
	for j >= 0 && !toks[j+1].Is(Para) && quote(text[toks[j].Start:toks[j].End]) {
		j--
	}
	if j < 0 || toks[j+1].Is(Para) {
		return true
	}
	s := text[toks[j].Start:toks[j].End]
	if !SentenceEnd(s) {
		return false
	}
	if s == "." && j > 0 && toks[j-1].Is(Word) && toks[j-1].End-toks[j-1].Start == 1 && !toks[j].Is(Space) {
		return false
	}
	return true
}
