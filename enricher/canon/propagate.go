package canon

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsflow/newsflow/internal/article"
)

// propagatedConfidence is the confidence of a surname mention found by propagation rather
// than by the tagger.
const propagatedConfidence = 0.5

// propagate adds the mentions of people's surnames that the tagger left untagged: once
// "Recep Tayyip Erdoğan" is tagged (a name shaped like a person's: see personShaped), a
// later "Erdogan" (folded alike) is a mention of him.
// A candidate word must be capitalised with a lower-case letter (not a headline), at least
// three letters long, outside every span, not next to another capitalised word (unless that
// is an honorific: "Mr Erdogan"), and its folded form must never be written in lower case
// in the text ("Young" is not propagated where "young" occurs). ms must be in text order;
// the result is too.
func propagate(body string, ms []mention) []mention {
	surnames := map[string]bool{}
	for _, m := range ms {
		if m.typ != article.TypePerson || m.place >= 0 || !personShaped(m.text) {
			continue
		}
		sp := strings.LastIndexByte(m.text, ' ')
		if sp < 0 {
			continue
		}
		last := m.text[sp+1:]
		if utf8.RuneCountInString(last) >= 3 && startsUpper(last) && hasLower(last) {
			surnames[foldKey(last)] = true
		}
	}
	if len(surnames) == 0 {
		return ms
	}
	// A plain ASCII word's key is as long as the word: most words are ruled out by length
	// before they are folded.
	var lengths [64]bool
	for k := range surnames {
		if len(k) < len(lengths) {
			lengths[len(k)] = true
		}
	}
	type candidate struct {
		start, end int
		key        string
	}
	var found []candidate
	common := map[string]bool{}
	next := 0 // the first mention that does not end before the current word
	prevWord, prevEnd := "", -1
	for pos := 0; pos < len(body); {
		start, end := nextToken(body, pos)
		if start < 0 {
			break
		}
		word := body[start:end]
		pos = end
		adjacentPrev := prevEnd >= 0 && onlySpaces(body, prevEnd, start)
		prevEnd = end
		if strings.HasSuffix(word, "'s") || strings.HasSuffix(word, "’s") {
			word = word[:strings.LastIndexAny(word, "'’")]
			end = start + len(word)
		}
		if len(word) < len(lengths) && !lengths[len(word)] && isPlainASCII(word) {
			prevWord = word
			continue
		}
		key := foldKey(word)
		isName := surnames[key]
		if isName && !startsUpper(word) {
			common[key] = true
		}
		if isName && startsUpper(word) && hasLower(word) {
			for next < len(ms) && ms[next].end <= start {
				next++
			}
			covered := next < len(ms) && ms[next].start < end
			afterStart, _ := nextToken(body, end)
			nextCap := afterStart >= 0 && onlySpaces(body, end, afterStart) && startsUpper(body[afterStart:])
			prevCap := adjacentPrev && startsUpper(prevWord) && !honorifics[titleWord(prevWord)]
			if !covered && !nextCap && !prevCap {
				found = append(found, candidate{start, end, key})
			}
		}
		prevWord = word
	}
	var added []mention
	for _, c := range found {
		if common[c.key] {
			continue
		}
		text := body[c.start:c.end]
		added = append(added, mention{
			start: c.start, end: c.end, typ: article.TypePerson, conf: propagatedConfidence,
			text: text, words: foldWords(text), key: c.key, place: -1,
		})
	}
	if len(added) == 0 {
		return ms
	}
	out := append(ms, added...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// nextToken returns the next word at or after pos: letters and marks, with hyphens and
// apostrophes between letters; -1 when there is none. ASCII is read a byte at a time.
func nextToken(body string, pos int) (int, int) {
	for pos < len(body) {
		if c := body[pos]; c < utf8.RuneSelf {
			if asciiLetter(c) {
				break
			}
			pos++
			continue
		}
		r, size := utf8.DecodeRuneInString(body[pos:])
		if unicode.IsLetter(r) {
			break
		}
		pos += size
	}
	if pos >= len(body) {
		return -1, -1
	}
	end := pos
	for end < len(body) {
		c := body[end]
		if asciiLetter(c) {
			end++
			continue
		}
		if c < utf8.RuneSelf && c != '-' && c != '\'' {
			break
		}
		r, size := utf8.DecodeRuneInString(body[end:])
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) ||
			(r == '-' || r == '\'' || r == '’') && end+size < len(body) && isLetterAt(body, end+size) {
			end += size
			continue
		}
		break
	}
	return pos, end
}

func asciiLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// onlySpaces reports whether body[from:to] is one or more spaces (words next to each other
// in a name).
func onlySpaces(body string, from, to int) bool {
	if from < 0 || to <= from {
		return false
	}
	return strings.Trim(body[from:to], " ") == ""
}

// personShaped reports whether name is written like a person's full name: two or more
// words, each capitalised with lower-case letters after ("Kylian Mbappé"), an initial ("W",
// "C.", "J.R."), a particle ("von") or a particle joined to a capitalised word ("al-Assad").
// "CNBC Friday" and "Blair and Mr Brown" are not.
func personShaped(name string) bool {
	words := strings.Fields(name)
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		switch {
		case particles[w]:
		case strings.HasSuffix(w, ".") && utf8.RuneCountInString(w) <= 4:
		case utf8.RuneCountInString(w) <= 2 && !hasLower(w) && startsUpper(w):
		case startsUpper(w) && hasLower(w):
		default:
			h := strings.IndexByte(w, '-')
			if h <= 0 || !particles[w[:h]] || !startsUpper(w[h+1:]) {
				return false
			}
		}
	}
	return true
}

// isPlainASCII reports whether w is ASCII letters only.
func isPlainASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if !asciiLetter(w[i]) {
			return false
		}
	}
	return true
}
