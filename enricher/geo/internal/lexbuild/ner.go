package lexbuild

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// nerType is an entity type, mapped from each corpus' own labels.
type nerType uint8

const (
	tyLOC   nerType = iota // CoNLL LOC, WikiANN LOC, GMB geo, re3d Location
	tyGPE                  // GMB gpe (countries and nationalities), re3d Nationality
	tyPER                  // person
	tyORG                  // organisation
	tyMISC                 // CoNLL MISC
	tyOther                // dates, events, artefacts, ...
	nTypes
)

type typeCounts [nTypes]int

func (c *typeCounts) place() int { return c[tyLOC] + c[tyGPE] }
func (c *typeCounts) total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

func parseType(label string) nerType {
	switch strings.ToLower(label) {
	case "loc", "geo", "location":
		return tyLOC
	case "gpe", "nationality":
		return tyGPE
	case "per", "person":
		return tyPER
	case "org", "organisation", "organization":
		return tyORG
	case "misc":
		return tyMISC
	}
	return tyOther
}

// nerStats holds what the annotated corpora say about names.
type nerStats struct {
	// spans counts each annotated span (by key) per type.
	spans map[string]*typeCounts
	// tokens counts each word token inside annotated spans, per type.
	tokens map[string]*typeCounts
	// perFirst and perLast count the first and last words of person spans of two words or
	// more: given names and surnames.
	perFirst map[string]int
	perLast  map[string]int
	// after counts the capitalised word right after a place span that is not part of it
	// ("Paris Monday", "Moscow Mayor ...").
	after map[string]int
}

func newNERStats() *nerStats {
	return &nerStats{
		spans:    make(map[string]*typeCounts),
		tokens:   make(map[string]*typeCounts),
		perFirst: make(map[string]int),
		perLast:  make(map[string]int),
		after:    make(map[string]int),
	}
}

func (n *nerStats) span(k string) typeCounts {
	if c := n.spans[k]; c != nil {
		return *c
	}
	return typeCounts{}
}

func (n *nerStats) token(w string) typeCounts {
	if c := n.tokens[w]; c != nil {
		return *c
	}
	return typeCounts{}
}

func bump(m map[string]*typeCounts, k string, t nerType) {
	c := m[k]
	if c == nil {
		c = new(typeCounts)
		m[k] = c
	}
	c[t]++
}

// sentence adds one tagged sentence. Tags are IOB1 or IOB2 ("B-PER", "I-LOC", "O").
func (n *nerStats) sentence(words, tags []string) {
	type span struct {
		start, end int
		t          nerType
	}
	var spans []span
	for i, tag := range tags {
		prefix, label, ok := strings.Cut(tag, "-")
		if !ok {
			continue
		}
		t := parseType(label)
		if prefix != "B" && len(spans) > 0 {
			if last := &spans[len(spans)-1]; last.end == i && last.t == t {
				last.end = i + 1
				continue
			}
		}
		spans = append(spans, span{i, i + 1, t})
	}
	covered := make([]int, len(words)) // 1 + the type of the span covering each word, or 0
	for _, s := range spans {
		for i := s.start; i < s.end; i++ {
			covered[i] = 1 + int(s.t)
		}
	}
	for _, s := range spans {
		bump(n.spans, key(strings.Join(words[s.start:s.end], " ")), s.t)
		for _, w := range words[s.start:s.end] {
			bump(n.tokens, w, s.t)
		}
		if s.t == tyPER && s.end-s.start > 1 {
			n.perFirst[words[s.start]]++
			// "Anatole France" is a surname; "Queen Margrethe of Denmark" is not.
			if !functionWords[strings.ToLower(words[s.end-2])] {
				n.perLast[words[s.end-1]]++
			}
		}
		if (s.t == tyLOC || s.t == tyGPE) && s.end < len(words) && capitalised(words[s.end]) {
			// Counted only when the next word is outside any name (dates aside): "Ocean" of
			// "Indian Ocean" is part of a place, "Monday" is not.
			if c := covered[s.end]; c == 0 || c == 1+int(tyOther) {
				n.after[words[s.end]]++
			}
		}
	}
}

func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// readNER reads every annotated corpus under dataDir/ner into n, and feeds the sentences'
// text to t.
func readNER(dataDir string, n *nerStats, t *textStats) error {
	dir := filepath.Join(dataDir, "ner")
	columns := []struct {
		path, sep, prefix string
	}{
		{"conll2003/eng.train", " ", ""},
		{"conll2003/eng.testa", " ", ""},
		{"wikiann_en/train", "\t", "en:"},
		{"wikiann_en/dev", "\t", "en:"},
		{"re3d/re3d-train.conll", "\t", ""},
	}
	add := func(words, tags []string) {
		n.sentence(words, tags)
		t.add(strings.Join(words, " "))
	}
	for _, c := range columns {
		if err := readColumns(filepath.Join(dir, c.path), c.sep, c.prefix, add); err != nil {
			return err
		}
	}
	return readGMB(filepath.Join(dir, "gmb", "ner_dataset.csv"), add)
}

// readColumns reads a CoNLL-style file: one token per line, the word first and the tag last,
// sentences separated by blank lines or -DOCSTART- lines.
func readColumns(path, sep, prefix string, add func(words, tags []string)) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read ner corpus: %w", err)
	}
	var words, tags []string
	flush := func() {
		if len(words) > 0 {
			add(words, tags)
		}
		words, tags = nil, nil
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(utf8Text(sc.Bytes()), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "-DOCSTART-") {
			flush()
			continue
		}
		fs := strings.Split(line, sep)
		if len(fs) < 2 {
			continue
		}
		words = append(words, strings.TrimPrefix(fs[0], prefix))
		tags = append(tags, fs[len(fs)-1])
	}
	flush()
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", filepath.Base(path), err)
	}
	return nil
}

// readGMB reads the GMB-derived CSV (Latin-1; "Sentence #,Word,POS,Tag"; a sentence number
// in the first column starts a sentence).
func readGMB(path string, add func(words, tags []string)) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read gmb: %w", err)
	}
	r := csv.NewReader(strings.NewReader(utf8Text(b)))
	r.FieldsPerRecord = -1
	var words, tags []string
	first := true
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("read gmb: %w", err)
		}
		if first {
			first = false
			continue
		}
		if len(rec) < 4 {
			continue
		}
		if rec[0] != "" && len(words) > 0 {
			add(words, tags)
			words, tags = nil, nil
		}
		words = append(words, rec[1])
		tags = append(tags, rec[3])
	}
	if len(words) > 0 {
		add(words, tags)
	}
	return nil
}
