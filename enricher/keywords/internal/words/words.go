// Package words splits text into the words the keyword tagger counts, with byte offsets,
// the same way for the tagger and for the program that learns the vocabulary table.
package words

import (
	"unicode"
	"unicode/utf8"
)

// Break is the strongest separation between a word and the one before it.
type Break uint8

const (
	// None: only spaces (or nothing) before the word.
	None Break = iota
	// Clause: a comma, bracket, quote, colon, dash or other symbol; a phrase never spans it.
	Clause
	// Sentence: ". ! ? ;" or a line break: the word starts a sentence.
	Sentence
)

// Word is text[Start:End].
type Word struct {
	Start, End int
	// Break is what separates the word from the previous one (Sentence for the first).
	Break Break
	// Upper: the word starts with an upper-case letter.
	Upper bool
	// Digit: the word has no letter (a number such as "1,200" or "4.5").
	Digit bool
}

// MaxWord is the longest word in bytes; a longer run of letters is cut into pieces of this
// size, so that a 512 KiB token costs no more than ordinary text.
const MaxWord = 64

// Next returns the word of text starting at or after byte i, and the index to continue
// from. ok is false when no word is left. Words are runs of letters, digits and combining
// marks, with inner apostrophes and hyphens ("children's", "five-year") and, between digits,
// inner periods and commas ("4.5", "1,200"). Invalid UTF-8 bytes separate words.
func Next(text string, i int) (w Word, next int, ok bool) {
	brk := None
	if i == 0 {
		brk = Sentence
	}
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if isAlnum(c) {
				break
			}
			brk = max(brk, asciiBreak(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		if r != utf8.RuneError && !unicode.IsSpace(r) {
			brk = max(brk, Clause)
		}
		if r == '\u2028' || r == '\u2029' || r == '\u3002' {
			brk = Sentence
		}
		i += size
	}
	if i >= len(text) {
		return Word{}, i, false
	}
	w = Word{Start: i, Break: brk, Digit: true}
	first, _ := utf8.DecodeRuneInString(text[i:])
	w.Upper = unicode.IsUpper(first)
	for i < len(text) && i-w.Start < MaxWord {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case isAlnum(c):
				if c > '9' {
					w.Digit = false
				}
				i++
				continue
			case (c == '\'' || c == '-') && i+1 < len(text) && isAlnumAt(text, i+1):
				i++
				continue
			case (c == '.' || c == ',') && w.Digit && i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9':
				i++
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			w.Digit = false
		} else if !unicode.IsDigit(r) && !(r == '\u2019' && isAlnumAt(text, i+size)) {
			break
		}
		i += size
	}
	w.End = i
	return w, i, true
}

// AppendLower appends the lower-case form of word to dst, with "’" written as "'".
func AppendLower(dst []byte, word string) []byte {
	for i := 0; i < len(word); {
		c := word[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(word[i:])
		if r == '\u2019' {
			r = '\''
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		i += size
	}
	return dst
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isAlnumAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	if c := text[i]; c < utf8.RuneSelf {
		return isAlnum(c)
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func asciiBreak(c byte) Break {
	switch c {
	case '.', '!', '?', ';', '\n', '\r':
		return Sentence
	case ' ', '\t', '\f', '\v':
		return None
	}
	return Clause
}
