package lexbuild

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"sort"
	"strings"
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
	words   map[string]int // word tokens, case-sensitive
	initial map[string]int // of which at the start of a sentence
	// tracked phrases (multi-token keys), indexed by first token.
	track   map[string][][]string
	phrases map[string]int
	docs    int
	// watch lists keys (one token or tracked phrases) whose presence in each document is
	// reported to onDoc.
	watch map[string]bool
	onDoc func(found map[string]bool)
	found map[string]bool
}

func newTextStats() *textStats {
	return &textStats{
		words:   make(map[string]int),
		initial: make(map[string]int),
		track:   make(map[string][][]string),
		phrases: make(map[string]int),
		watch:   make(map[string]bool),
		found:   make(map[string]bool),
	}
}

// watchKey asks for the presence of k in each document to be reported to onDoc.
func (s *textStats) watchKey(k string) {
	s.watch[k] = true
	s.trackPhrase(k)
}

// trackPhrase asks for the occurrences of a multi-token phrase (given as a key) to be counted.
func (s *textStats) trackPhrase(k string) {
	parts := strings.Split(k, " ")
	if len(parts) < 2 {
		return
	}
	if _, ok := s.phrases[k]; ok {
		return
	}
	s.phrases[k] = 0
	s.track[parts[0]] = append(s.track[parts[0]], parts)
}

// add counts one document.
func (s *textStats) add(text string) {
	s.docs++
	clear(s.found)
	toks := token.Scan(text, nil)
	for i, t := range toks {
		w := text[t.Start:t.End]
		if t.Is(token.Word) {
			s.words[w]++
			if token.SentenceStart(text, toks, i) {
				s.initial[w]++
			}
			if s.watch[w] {
				s.found[w] = true
			}
		}
		for _, p := range s.track[w] {
			if phraseAt(text, toks, i, p) {
				k := strings.Join(p, " ")
				s.phrases[k]++
				if s.watch[k] {
					s.found[k] = true
				}
			}
		}
	}
	if s.onDoc != nil && len(s.found) > 0 {
		s.onDoc(s.found)
	}
}

func phraseAt(text string, toks []token.Token, i int, p []string) bool {
	if i+len(p) > len(toks) {
		return false
	}
	for k, w := range p {
		t := toks[i+k]
		if text[t.Start:t.End] != w {
			return false
		}
	}
	return true
}

// count returns how often a name's key occurs: words for one token, tracked phrases else.
func (s *textStats) count(k string) int {
	if !strings.Contains(k, " ") {
		return s.words[k]
	}
	return s.phrases[k]
}

// midCount returns how often a one-token name occurs other than at a sentence start.
func (s *textStats) midCount(k string) int {
	if !strings.Contains(k, " ") {
		return s.words[k] - s.initial[k]
	}
	return s.phrases[k]
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
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}
