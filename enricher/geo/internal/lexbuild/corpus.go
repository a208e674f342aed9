package lexbuild

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsflow/newsflow/enricher/geo/internal/token"
)

// key is the form in which names and phrases are compared: their tokens joined by single
// spaces, so that "U.S." and "Washington, D.C." compare the same however they were spaced.
func key(s string) string {
	toks := token.Scan(s, nil)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = s[t.Start:t.End]
	}
	return strings.Join(parts, " ")
}

// textStats counts how words and tracked phrases are written in running news text: how
// often "mobile" is written in lower case tells that "Mobile" is mostly a common word.
type textStats struct {
	words   map[string]*wordStat // every token seen, case-sensitive
	phrases map[string]*phrase   // tracked multi-token keys
	docs    int
	// onDoc, when set, is called after each document with the watched keys it held.
	onDoc func(found map[string]bool)
	found map[string]bool
}

type wordStat struct {
	count, initial int // as a word token; of which at a sentence start
	watched        bool
	starts         []*phrase // tracked phrases that start with this token
}

type phrase struct {
	key     string
	parts   []string
	count   int
	watched bool
}

func newTextStats() *textStats {
	return &textStats{
		words:   make(map[string]*wordStat),
		phrases: make(map[string]*phrase),
		found:   make(map[string]bool),
	}
}

func (s *textStats) word(w string) *wordStat {
	ws := s.words[w]
	if ws == nil {
		ws = &wordStat{}
		s.words[w] = ws
	}
	return ws
}

// watchKey asks for the presence of k in each document to be reported to onDoc.
func (s *textStats) watchKey(k string) {
	if p := s.trackPhrase(k); p != nil {
		p.watched = true
		return
	}
	s.word(k).watched = true
}

// trackPhrase asks for the occurrences of a multi-token phrase (given as a key) to be
// counted; it returns nil for a single token, whose count is kept anyway.
func (s *textStats) trackPhrase(k string) *phrase {
	parts := strings.Split(k, " ")
	if len(parts) < 2 {
		return nil
	}
	if p := s.phrases[k]; p != nil {
		return p
	}
	p := &phrase{key: k, parts: parts}
	s.phrases[k] = p
	first := s.word(parts[0])
	first.starts = append(first.starts, p)
	return p
}

// add counts one document.
func (s *textStats) add(text string) {
	if caseless(text) {
		// A story sent all in lower case (the Reuters wire has some) says nothing about
		// how a name is capitalised, and would make country names look like common words.
		return
	}
	s.docs++
	clear(s.found)
	toks := token.Scan(text, nil)
	for i, t := range toks {
		w := text[t.Start:t.End]
		ws := s.words[w]
		if t.Is(token.Word) {
			if ws == nil {
				ws = &wordStat{}
				s.words[strings.Clone(w)] = ws // do not pin the document
			}
			ws.count++
			if token.SentenceStart(text, toks, i) {
				ws.initial++
			}
			if ws.watched {
				s.found[w] = true
			}
		}
		if ws == nil {
			continue
		}
		for _, p := range ws.starts {
			if phraseAt(text, toks, i, p.parts) {
				p.count++
				if p.watched {
					s.found[p.key] = true
				}
			}
		}
	}
	if s.onDoc != nil && len(s.found) > 0 {
		s.onDoc(s.found)
	}
}

func phraseAt(text string, toks []token.Token, i int, parts []string) bool {
	if i+len(parts) > len(toks) {
		return false
	}
	for k, w := range parts {
		t := toks[i+k]
		if text[t.Start:t.End] != w {
			return false
		}
	}
	return true
}

// count returns how often a name's key occurs: as a word for one token, as a tracked phrase
// else.
func (s *textStats) count(k string) int {
	if p := s.phrases[k]; p != nil {
		return p.count
	}
	if ws := s.words[k]; ws != nil {
		return ws.count
	}
	return 0
}

// midCount returns how often a name occurs other than at a sentence start (phrases: at all).
func (s *textStats) midCount(k string) int {
	if p := s.phrases[k]; p != nil {
		return p.count
	}
	if ws := s.words[k]; ws != nil {
		return ws.count - ws.initial
	}
	return 0
}

// readNews feeds the BBC articles and the Reuters-21578 bodies under dataDir/topic to s.
func readNews(dataDir string, s *textStats) error {
	bbc, err := filepath.Glob(filepath.Join(dataDir, "topic", "bbc", "*", "*.txt"))
	if err != nil {
		return fmt.Errorf("list bbc: %w", err)
	}
	reuters, err := filepath.Glob(filepath.Join(dataDir, "topic", "reuters21578", "*.sgm"))
	if err != nil {
		return fmt.Errorf("list reuters: %w", err)
	}
	if len(bbc) == 0 || len(reuters) == 0 {
		return fmt.Errorf("read news: no BBC or Reuters files under %s", filepath.Join(dataDir, "topic"))
	}
	sort.Strings(bbc)
	sort.Strings(reuters)
	for _, p := range bbc {
		b, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("read bbc: %w", err)
		}
		s.add(utf8Text(b))
	}
	for _, p := range reuters {
		b, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("read reuters: %w", err)
		}
		for _, body := range between(utf8Text(b), "<BODY>", "</BODY>") {
			s.add(html.UnescapeString(body))
		}
	}
	return nil
}

// between returns the texts between each open and the following close marker.
func between(s, open, close string) []string {
	var out []string
	for {
		i := strings.Index(s, open)
		if i < 0 {
			return out
		}
		s = s[i+len(open):]
		j := strings.Index(s, close)
		if j < 0 {
			return out
		}
		out = append(out, s[:j])
		s = s[j+len(close):]
	}
}

// utf8Text returns b as text, reading it as Latin-1 when it is not valid UTF-8 (a few corpus
// files are).
func utf8Text(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// caseless reports whether text has letters but (almost) none in upper case: fewer than one
// in 100, where English news has three or four (a lower-case wire story still carries its
// "Reuter" sign-off).
func caseless(text string) bool {
	letters, upper := 0, 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters > 0 && upper*100 < letters
}
