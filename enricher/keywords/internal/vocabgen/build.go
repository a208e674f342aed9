package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"path/filepath"
	"slices"
)

// Thresholds of the table: rarer words are left out (the tagger gives an unknown word the
// IDF of a word seen in no document, and no class).
const (
	minDocs = 3 // documents a word must occur in to get its own IDF
	minTags = 3 // POS-tagged occurrences a word needs to get a class
)

// build reads the corpora under dir and returns the gzipped table.
func build(dir string) ([]byte, error) {
	d := &docFreq{df: make(map[string]int, 1<<16), seen: make(map[string]bool, 1024)}
	if err := readBBC(dir, d); err != nil {
		return nil, err
	}
	if err := readReuters(dir, d); err != nil {
		return nil, err
	}
	cls := make(classCounts, 1<<16)
	if err := readCoNLL(filepath.Join(dir, "ner", "conll2003", "eng.train"), cls); err != nil {
		return nil, fmt.Errorf("conll: %w", err)
	}
	if err := readGMB(filepath.Join(dir, "ner", "gmb", "ner_dataset.csv"), cls); err != nil {
		return nil, fmt.Errorf("gmb: %w", err)
	}
	keys := make([]string, 0, len(d.df))
	for k, n := range d.df {
		if n >= minDocs {
			keys = append(keys, k)
		}
	}
	for k, c := range cls {
		if c[0]+c[1]+c[2]+c[3] >= minTags && d.df[k] < minDocs && hasLetter(k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(zw, "# newsflow keyword vocabulary: word, documents, class (N noun, V noun often a verb, A adjective, M mixed noun/adjective/other, O other, ? unknown)\n")
	fmt.Fprintf(zw, "docs\t%d\n", d.docs)
	for _, k := range keys {
		fmt.Fprintf(zw, "%s\t%d\t%c\n", k, d.df[k], classOf(cls[k]))
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// verbShare is the share of verb tags from which a noun is marked V ("plans", "pay",
// "vote"): such a word starts a new phrase instead of continuing one ("the manufacturer
// plans to ..." is no phrase "manufacturer plans").
const verbShare = 0.25

// classOf names a word's usual class: the majority one (N becoming V for a noun often used
// as a verb), M when no class has the majority, ? when the word was seldom tagged.
func classOf(c *[4]int) byte {
	if c == nil {
		return '?'
	}
	n := c[classNoun] + c[classAdj] + c[classVerb] + c[classOther]
	switch {
	case n < minTags:
		return '?'
	case 2*c[classNoun] > n && float64(c[classVerb]) >= verbShare*float64(n):
		return 'V'
	case 2*c[classNoun] > n:
		return 'N'
	case 2*c[classAdj] > n:
		return 'A'
	case 2*(c[classVerb]+c[classOther]) > n:
		return 'O'
	}
	return 'M'
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r > '9' {
			return true
		}
	}
	return false
}
