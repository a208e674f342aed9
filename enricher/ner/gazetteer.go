package ner

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Population bounds of the GeoNames lists: big places (and capitals) and towns.
const (
	cityPopulation = 100000
	townPopulation = 15000
)

// addGazetteers adds countries, demonyms, subdivisions and GeoNames places from dir
// (../shared/data/gazetteer) to lex.
func addGazetteers(lex *Lexicon, dir string) error {
	var countries map[string]struct {
		Name            string   `json:"name"`
		UnofficialNames []string `json:"unofficial_names"`
		Nationality     string   `json:"nationality"`
	}
	if err := readJSON(filepath.Join(dir, "countries.json"), &countries); err != nil {
		return err
	}
	for _, c := range countries {
		lex.addPhrase(c.Name, gazCountry)
		for _, n := range c.UnofficialNames {
			lex.addPhrase(n, gazCountry)
		}
		if c.Nationality != "" {
			lex.addPhrase(c.Nationality, gazDemonym)
			if !strings.HasSuffix(c.Nationality, "s") && !strings.HasSuffix(c.Nationality, "ese") {
				lex.addPhrase(c.Nationality+"s", gazDemonym)
			}
		}
	}
	var iso1 map[string][]struct {
		Name       string `json:"name"`
		CommonName string `json:"common_name"`
	}
	if err := readJSON(filepath.Join(dir, "iso_3166-1.json"), &iso1); err != nil {
		return err
	}
	for _, c := range iso1["3166-1"] {
		lex.addPhrase(c.Name, gazCountry)
		if c.CommonName != "" {
			lex.addPhrase(c.CommonName, gazCountry)
		}
	}
	var iso2 map[string][]struct {
		Name string `json:"name"`
	}
	if err := readJSON(filepath.Join(dir, "iso_3166-2.json"), &iso2); err != nil {
		return err
	}
	for _, s := range iso2["3166-2"] {
		lex.addPhrase(s.Name, gazRegion)
	}
	return addPlaces(lex, filepath.Join(dir, "geonames_cities1000.tsv"))
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read gazetteer: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	return nil
}

func addPlaces(lex *Lexicon, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read gazetteer: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		if first {
			first = false
			continue
		}
		// geonameid name country admin1 feature_code population lat lon
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 6 {
			continue
		}
		pop, _ := strconv.Atoi(cols[5])
		switch {
		case pop >= cityPopulation || cols[4] == "PPLC":
			lex.addPhrase(cols[1], gazCity)
		case pop >= townPopulation:
			lex.addPhrase(cols[1], gazTown)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// addCorpusNames adds the entity names of other corpora under dataDir as name lists:
// WikiANN train (PER/ORG/LOC) and GMB (PER/ORG/LOC/MISC).
// max bounds the sentences read from each (0: all), for reduced models.
func addCorpusNames(lex *Lexicon, dataDir string, max int) error {
	for _, c := range []struct {
		name  string
		lists map[string]int
	}{
		{"wikiann", map[string]int{PER: gazWikiPER, ORG: gazWikiORG, LOC: gazWikiLOC}},
		{"gmb", map[string]int{PER: gazGmbPER, ORG: gazGmbORG, LOC: gazGmbLOC, MISC: gazGmbMISC}},
	} {
		p := corpusPaths[c.name]
		docs, err := readCorpusFile(filepath.Join(dataDir, p[0]), p[1], max)
		if err != nil {
			return err
		}
		for _, d := range docs {
			for _, s := range d.Sentences {
				for _, sp := range s.Spans {
					if l, ok := c.lists[sp.Type]; ok {
						lex.addWords(s.Words[sp.Start:sp.End], l)
						lex.countParts(s.Words[sp.Start:sp.End], sp.Type)
					}
				}
			}
		}
	}
	return nil
}

// WordNet lexicographer files of instance nouns: people, places, groups (organisations).
var wordnetLists = map[string]int{"18": gazWikiPER, "15": gazWikiLOC, "14": gazWikiORG}

var wordnetTypes = map[string]string{"18": PER, "15": LOC, "14": ORG}

// addWordNetNames adds WordNet's named instances (synsets with an instance hypernym) of
// people, places and organisations to the encyclopedic name lists. dir holds data.noun
// (Debian package wordnet-base: /usr/share/wordnet). A missing dir is not an error: the
// lists then hold WikiANN names only, and the model card says which.
// max bounds the names read (0: all), for reduced models.
func addWordNetNames(lex *Lexicon, dir string, max int) (int, error) {
	f, err := os.Open(filepath.Join(dir, "data.noun"))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read wordnet: %w", err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() && (max <= 0 || n < max) {
		line := sc.Text()
		if strings.HasPrefix(line, " ") || !strings.Contains(line, " @i ") {
			continue
		}
		// offset lex_filenum ss_type w_cnt(hex) word lex_id ...
		fields := strings.Fields(line)
		if len(fields) < 6 {
			continue
		}
		list, ok := wordnetLists[fields[1]]
		if !ok {
			continue
		}
		words, err := strconv.ParseUint(fields[3], 16, 8)
		if err != nil {
			continue
		}
		for i := 0; i < int(words) && 4+2*i < len(fields); i++ {
			name := strings.ReplaceAll(fields[4+2*i], "_", " ")
			if !isCap(name) {
				continue
			}
			lex.addPhrase(name, list)
			lex.countParts(strings.Fields(name), wordnetTypes[fields[1]])
			n++
		}
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("read wordnet: %w", err)
	}
	return n, nil
}

// nameLists are the entity names of the training documents: for each phrase and type, the
// number of documents naming it.
type nameLists struct {
	docs   map[uint64]*[4]int32
	len    map[uint64]int
	folded bool // keyed without accents (FeatureSet.FoldNames)
}

func collectNames(docs []Document, folded bool) *nameLists {
	n := &nameLists{docs: map[uint64]*[4]int32{}, len: map[uint64]int{}, folded: folded}
	for _, d := range docs {
		for h, mask := range docNames(d, folded) {
			c := n.docs[h]
			if c == nil {
				c = &[4]int32{}
				n.docs[h] = c
			}
			for t := 0; t < 4; t++ {
				if mask&(1<<t) != 0 {
					c[t]++
				}
			}
		}
		for _, s := range d.Sentences {
			for _, sp := range s.Spans {
				n.len[wordsHash(s.Words[sp.Start:sp.End], folded)] = sp.End - sp.Start
			}
		}
	}
	return n
}

// docNames returns the phrases a document names, with a bit per type.
func docNames(d Document, folded bool) map[uint64]uint8 {
	out := map[uint64]uint8{}
	for _, s := range d.Sentences {
		for _, sp := range s.Spans {
			if sp.End-sp.Start > 8 {
				continue
			}
			out[wordsHash(s.Words[sp.Start:sp.End], folded)] |= 1 << typeIndex(sp.Type)
		}
	}
	return out
}

func (n *nameLists) addTo(lex *Lexicon) {
	for h, c := range n.docs {
		for t := 0; t < 4; t++ {
			if c[t] > 0 {
				lex.addHash(h, n.len[h], gazTrainPER+t)
			}
		}
	}
}

// exclusive returns, for the phrases only document d names with a type, the gazetteer bits
// to hide while training on d: a name list must not tell a document what it alone taught.
func (n *nameLists) exclusive(d Document) map[uint64]uint16 {
	out := map[uint64]uint16{}
	for h, mask := range docNames(d, n.folded) {
		c := n.docs[h]
		for t := 0; t < 4; t++ {
			if mask&(1<<t) != 0 && c[t] == 1 {
				out[h] |= 1 << (gazTrainPER + t)
			}
		}
	}
	return out
}
