package lexbuild

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// DefaultWordNetDir is where Debian's wordnet-base package installs WordNet 3.0.
const DefaultWordNetDir = "/usr/share/wordnet"

// wordNet is what the generator uses of WordNet 3.0's noun database and indexes: named
// instances of cities with their part-of links (for English names of cities the gazetteer
// spells its own way: "Geneva" for Genève), the common nouns written in lower case ("turkey"
// the bird), and the part of speech of lower-case words ("farmers" is only a noun).
type wordNet struct {
	synsets map[uint32]*synset
	// lowerNouns holds the words some noun synset writes in lower case.
	lowerNouns map[string]bool
	// lemmas holds each part of speech's index lemmas ("n", "v", "a", "r"); exc its
	// exception lists (inflected form -> base forms).
	lemmas map[string]map[string]bool
	exc    map[string]map[string][]string
}

// synset is one noun synset: its words as written (spaces for underscores) and the synsets it
// is an instance of (@i) or a part of (#p).
type synset struct {
	lexFile    int // 15 is noun.location, 18 noun.person
	words      []string
	instanceOf []uint32
	partOf     []uint32
}

// readWordNet reads dir (data.noun, index.*, *.exc).
func readWordNet(dir string) (*wordNet, error) {
	wn := &wordNet{
		synsets: make(map[uint32]*synset), lowerNouns: make(map[string]bool),
		lemmas: make(map[string]map[string]bool), exc: make(map[string]map[string][]string),
	}
	err := eachLine(filepath.Join(dir, "data.noun"), func(line string) error {
		if strings.HasPrefix(line, "  ") {
			return nil // the licence header
		}
		off, s, err := parseSynset(line)
		if err != nil {
			return err
		}
		wn.synsets[off] = s
		for _, w := range s.words {
			if strings.ToLower(w) == w {
				wn.lowerNouns[w] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for pos, name := range map[string]string{"n": "noun", "v": "verb", "a": "adj", "r": "adv"} {
		set := make(map[string]bool)
		err := eachLine(filepath.Join(dir, "index."+name), func(line string) error {
			if !strings.HasPrefix(line, "  ") {
				lemma, _, _ := strings.Cut(line, " ")
				set[strings.ReplaceAll(lemma, "_", " ")] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		wn.lemmas[pos] = set
		exc := make(map[string][]string)
		err = eachLine(filepath.Join(dir, name+".exc"), func(line string) error {
			if f := strings.Fields(line); len(f) >= 2 {
				exc[f[0]] = append(exc[f[0]], f[1:]...)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		wn.exc[pos] = exc
	}
	return wn, nil
}

// parseSynset reads a data.noun line: offset, lex file, type, word count (hex), words with
// their lex ids, pointer count, pointers (symbol, offset, pos, source/target), "|" gloss.
func parseSynset(line string) (uint32, *synset, error) {
	f := strings.Fields(line)
	bad := func(why string) error { return fmt.Errorf("read wordnet: synset %.20q: %s", line, why) }
	if len(f) < 5 {
		return 0, nil, bad("short line")
	}
	off, err := strconv.ParseUint(f[0], 10, 32)
	if err != nil {
		return 0, nil, bad("offset")
	}
	nw, err := strconv.ParseUint(f[3], 16, 8)
	if err != nil || 4+2*int(nw) >= len(f) {
		return 0, nil, bad("word count")
	}
	lf, err := strconv.Atoi(f[1])
	if err != nil {
		return 0, nil, bad("lex file")
	}
	s := &synset{lexFile: lf}
	for i := range int(nw) {
		s.words = append(s.words, strings.ReplaceAll(f[4+2*i], "_", " "))
	}
	at := 4 + 2*int(nw)
	np, err := strconv.Atoi(f[at])
	if err != nil || at+1+4*np > len(f) {
		return 0, nil, bad("pointer count")
	}
	for i := range np {
		p := f[at+1+4*i : at+5+4*i]
		if p[2] != "n" {
			continue
		}
		to, err := strconv.ParseUint(p[1], 10, 32)
		if err != nil {
			return 0, nil, bad("pointer offset")
		}
		switch p[0] {
		case "@i":
			s.instanceOf = append(s.instanceOf, uint32(to))
		case "#p":
			s.partOf = append(s.partOf, uint32(to))
		}
	}
	return uint32(off), s, nil
}

// is reports whether the lower-case word w, or a base form WordNet's morphology gives it,
// is a lemma of part of speech pos.
func (wn *wordNet) is(w, pos string) bool {
	set := wn.lemmas[pos]
	if set[w] {
		return true
	}
	for _, b := range wn.exc[pos][w] {
		if set[b] {
			return true
		}
	}
	for _, sfx := range inflections[pos] {
		if stem, ok := strings.CutSuffix(w, sfx[0]); ok && stem != "" && set[stem+sfx[1]] {
			return true
		}
	}
	return false
}

// inflections are WordNet's regular endings per part of speech (ending, replacement), as its
// own morphology applies them.
var inflections = map[string][][2]string{
	"n": {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}},
	"v": {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}},
	"a": {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
	"r": nil,
}

// onlyNoun reports whether the lower-case word w is a noun and nothing else in WordNet
// ("farmers", "prices"; not "says", "shares", "alone").
func (wn *wordNet) onlyNoun(w string) bool {
	return wn.is(w, "n") && !wn.is(w, "v") && !wn.is(w, "a") && !wn.is(w, "r")
}

// eachLine calls fn with each line of the file at path.
func eachLine(path string, fn func(string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read wordnet: %w (install Debian's wordnet-base)", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		if err := fn(sc.Text()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read wordnet: %w", err)
	}
	return nil
}
