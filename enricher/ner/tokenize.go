package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is a word of raw text: text[Start:End], UTF-8 byte offsets.
type Token struct {
	Start, End int
}

// abbreviations keep their final period ("Mr.", "Inc."); compared case-sensitively
// without the period.
var abbreviations = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "St": true, "Jr": true, "Sr": true,
	"Inc": true, "Corp": true, "Co": true, "Ltd": true, "Plc": true, "Bros": true,
	"Gen": true, "Gov": true, "Sen": true, "Rep": true, "Lt": true, "Col": true, "Capt": true,
	"Sgt": true, "Maj": true, "Prof": true, "Rev": true, "Adm": true, "Cmdr": true, "Supt": true,
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true,
	"Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
	"No": true, "Nos": true, "vs": true, "etc": true, "Mt": true, "Ft": true, "Ave": true,
	"approx": true, "est": true, "fig": true, "Vol": true, "pp": true,
}

// Segment splits text into sentences of tokens. Line breaks end sentences (titles and
// paragraphs stand alone) unless the next line goes on in lower case, as do ".", "!" and "?" before a token that does not start in
// lower case. It runs in time linear in len(text) and never fails: invalid UTF-8 bytes
// become one-byte symbol tokens.
func Segment(text string) [][]Token {
	var (
		sents [][]Token
		cur   []Token
		chunk []Token // scratch, reused for every whitespace-free run
	)
	flush := func() {
		if len(cur) > 0 {
			sents = append(sents, cur)
			cur = nil
		}
	}
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' {
			if !wrapped(text, i+size) {
				flush()
			}
			i += size
			continue
		}
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			i += size
			continue
		}
		end := chunkEnd(text, i)
		chunk = splitChunk(text, i, end, chunk[:0])
		for _, t := range chunk {
			if len(cur) > 0 && endsSentence(text, cur[len(cur)-1]) && !startsLower(text[t.Start:t.End]) {
				flush()
			}
			cur = append(cur, t)
		}
		i = end
	}
	flush()
	return sents
}

// wrapped reports a hard-wrapped line: the text after a line break at i continues in
// lower case on the same paragraph. Only a few bytes are looked at, so that runs of blank
// lines stay linear.
func wrapped(text string, i int) bool {
	for k := 0; k < 8 && i < len(text); k++ {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == ' ' || r == '\t':
			i += size
		case unicode.IsLower(r):
			return true
		default:
			return false
		}
	}
	return false
}

// Tokenize returns the tokens of text without sentence structure.
func Tokenize(text string) []Token {
	var out []Token
	for _, s := range Segment(text) {
		out = append(out, s...)
	}
	return out
}

func endsSentence(text string, t Token) bool {
	w := text[t.Start:t.End]
	return w == "." || w == "!" || w == "?" || w == "..." || w == "…"
}

func startsLower(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// chunkEnd returns the end of the whitespace-free run starting at i.
func chunkEnd(text string, i int) int {
	for j := i; j < len(text); {
		r, size := utf8.DecodeRuneInString(text[j:])
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			return j
		}
		j += size
	}
	return len(text)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// splitChunk appends the tokens of a whitespace-free run text[start:end] to out.
func splitChunk(text string, start, end int, out []Token) []Token {
	if looksLikeURL(text[start:end]) {
		return append(out, Token{start, end})
	}
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:end])
		if isWordRune(r) {
			j := wordEnd(text, i, end)
			out = appendWord(out, text, i, j)
			i = j
			continue
		}
		// Runs of one punctuation rune ("...", "--", "''") stay together.
		j := i + size
		if r == '.' || r == '-' || r == '\'' || r == '`' || r == '=' || r == '*' || r == '_' {
			for j < end && rune(text[j]) == r {
				j++
			}
		}
		out = append(out, Token{i, j})
		i = j
	}
	return out
}

// wordEnd scans a word from i: letters, digits and marks, joined by single inner hyphens,
// apostrophes, periods (U.S., 3.5, a.m.), commas and slashes between digits (1,000 1/2),
// ampersands between capitals (AT&T).
func wordEnd(text string, i, end int) int {
	j := i
	for j < end {
		r, size := utf8.DecodeRuneInString(text[j:end])
		if isWordRune(r) {
			j += size
			continue
		}
		if j+size >= end {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[j+size : end])
		prev, _ := utf8.DecodeLastRuneInString(text[i:j])
		joins := false
		switch r {
		case '-', '\u2011':
			joins = isWordRune(next)
		case '\'', '\u2019':
			joins = unicode.IsLetter(prev) && unicode.IsLetter(next)
		case '.':
			joins = isWordRune(next) && (unicode.IsDigit(prev) == unicode.IsDigit(next))
		case ',', '/', ':':
			joins = unicode.IsDigit(prev) && unicode.IsDigit(next)
		case '&':
			joins = unicode.IsUpper(prev) && unicode.IsUpper(next)
		}
		if !joins {
			break
		}
		j += size
	}
	// Acronyms and abbreviations keep their final period: "U.S.", "Mr.", "J.".
	if j < end && text[j] == '.' {
		w := text[i:j]
		if abbreviations[w] || isInitials(w) {
			j++
		}
	}
	return j
}

// isInitials reports a single letter or dotted letters: "J", "U.S", "a.m".
func isInitials(w string) bool {
	n := 0
	expectLetter := true
	for _, r := range w {
		if expectLetter {
			if !unicode.IsLetter(r) {
				return false
			}
			n++
		} else if r != '.' {
			return false
		}
		expectLetter = !expectLetter
	}
	return n > 0 && !expectLetter
}

// appendWord splits clitics off a word the way the CoNLL/Penn tokenisation does:
// "Clinton's" -> "Clinton" "'s", "didn't" -> "did" "n't".
func appendWord(out []Token, text string, i, j int) []Token {
	w := text[i:j]
	for _, suf := range [...]string{"'s", "\u2019s", "'S", "n't", "n\u2019t", "'re", "'ve", "'ll", "'d", "'m"} {
		if len(w) > len(suf) && strings.HasSuffix(w, suf) {
			k := j - len(suf)
			return append(out, Token{i, k}, Token{k, j})
		}
	}
	return append(out, Token{i, j})
}

func looksLikeURL(w string) bool {
	if strings.Contains(w, "://") || strings.HasPrefix(w, "www.") {
		return true
	}
	at := strings.IndexByte(w, '@')
	return at > 0 && strings.IndexByte(w[at:], '.') > 1 && !strings.HasSuffix(w, ".")
}
