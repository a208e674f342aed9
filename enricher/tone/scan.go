package tone

import (
	"unicode"
	"unicode/utf8"
)

// maxSentence bounds the words of one sentence: a text without punctuation (or one
// enormous token run) is scored in pieces of this size, so memory stays bounded.
const maxSentence = 256

// maxLookup is the longest word looked up in the lexicon; longer runs are counted as words
// but never match.
const maxLookup = 40

// boundary kinds returned by the scanner between words.
const (
	gapNone     = iota // spaces only
	gapClause          // comma, colon, bracket, quote, dash
	gapSentence        // . ! ? ; or a line break
)

// scanner walks a text word by word, lower-casing each word into low.
type scanner struct {
	text string
	i    int
	low  []byte
}

// next returns the next word (its lower-case bytes appended to s.low at [lo, hi)), whether
// it starts with a digit, and the strongest boundary crossed before it. ok is false at the
// end of the text (gap then reports what followed the last word).
func (s *scanner) next() (lo, hi int, digit bool, gap int, ok bool) {
	text := s.text
	for s.i < len(text) {
		c := text[s.i]
		if c < utf8.RuneSelf {
			if isWordByte(c) {
				break
			}
			gap = max(gap, asciiGap(c))
			s.i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[s.i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		switch r {
		case '\u2013', '\u2014', '\u201c', '\u201d', '\u2018', '\u2019', '\u00ab', '\u00bb':
			gap = max(gap, gapClause)
		case '\u2028', '\u2029', '\u3002', '\u2026':
			gap = gapSentence
		}
		s.i += size
	}
	if s.i >= len(text) {
		return 0, 0, false, gap, false
	}
	lo = len(s.low)
	digit = text[s.i] >= '0' && text[s.i] <= '9'
	for s.i < len(text) {
		c := text[s.i]
		if c < utf8.RuneSelf {
			switch {
			case isWordByte(c):
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				s.low = append(s.low, c)
				s.i++
				continue
			case (c == '\'' || c == '-' || c == '.' && digit) && s.inWord(s.i+1):
				s.low = append(s.low, c)
				s.i++
				continue
			}
			return lo, len(s.low), digit, gap, true
		}
		r, size := utf8.DecodeRuneInString(text[s.i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			s.low = utf8.AppendRune(s.low, unicode.ToLower(r))
		case r == '\u2019' && s.inWord(s.i+size):
			s.low = append(s.low, '\'')
		default:
			return lo, len(s.low), digit, gap, true
		}
		s.i += size
	}
	return lo, len(s.low), digit, gap, true
}

// inWord reports whether a word character starts at byte i (so that an apostrophe or a
// hyphen at i-1 joins two parts of one word).
func (s *scanner) inWord(i int) bool {
	if i >= len(s.text) {
		return false
	}
	c := s.text[i]
	if c < utf8.RuneSelf {
		return isWordByte(c)
	}
	r, _ := utf8.DecodeRuneInString(s.text[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func asciiGap(c byte) int {
	switch c {
	case '.', '!', '?', ';', '\n', '\r':
		return gapSentence
	case ',', ':', '(', ')', '[', ']', '"', '-', '<', '>', '|':
		return gapClause
	}
	return gapNone
}
