package ner

import (
	"bufio"
	"encoding/json"
	"fmt"
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
func addCorpusNames(lex *Lexicon, dataDir string) error {
	for _, c := range []struct {
		name  string
		lists map[string]int
	}{
		{"wikiann", map[string]int{PER: gazWikiPER, ORG: gazWikiORG, LOC: gazWikiLOC}},
		{"gmb", map[string]int{PER: gazGmbPER, ORG: gazGmbORG, LOC: gazGmbLOC, MISC: gazGmbMISC}},
	} {
		p := corpusPaths[c.name]
		docs, err := ReadCorpusFile(filepath.Join(dataDir, p[0]), p[1])
		if err != nil {
			return err
		}
		for _, d := range docs {
			for _, s := range d.Sentences {
				for _, sp := range s.Spans {
					if l, ok := c.lists[sp.Type]; ok {
						lex.addWords(s.Words[sp.Start:sp.End], l)
					}
				}
			}
		}
	}
	return nil
}

// nameLists are the entity names of the training documents: for each phrase and type, the
// number of documents naming it.
type nameLists struct {
	docs map[uint64]*[4]int32
	len  map[uint64]int
}

func collectNames(docs []Document) *nameLists {
	n := &nameLists{docs: map[uint64]*[4]int32{}, len: map[uint64]int{}}
	for _, d := range docs {
		for h, mask := range docNames(d) {
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
				n.len[wordsHash(s.Words[sp.Start:sp.End])] = sp.End - sp.Start
			}
		}
	}
	return n
}

// docNames returns the phrases a document names, with a bit per type.
func docNames(d Document) map[uint64]uint8 {
	out := map[uint64]uint8{}
	for _, s := range d.Sentences {
		for _, sp := range s.Spans {
			if sp.End-sp.Start > 8 {
				continue
			}
			out[wordsHash(s.Words[sp.Start:sp.End])] |= 1 << typeIndex(sp.Type)
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
	for h, mask := range docNames(d) {
		c := n.docs[h]
		for t := 0; t < 4; t++ {
			if mask&(1<<t) != 0 && c[t] == 1 {
				out[h] |= 1 << (gazTrainPER + t)
			}
		}
	}
	return out
}
