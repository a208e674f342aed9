package keywords

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

//go:embed vocab.tsv.gz
var embeddedVocab []byte

// ErrVocab reports a malformed vocabulary table.
var ErrVocab = errors.New("keywords: bad vocabulary")

// Word kinds in a phrase.
const (
	kindBreak = iota // ends a phrase: stop word, verb, number
	kindMod          // may start or continue a phrase, never end it (adjectives)
	kindHead         // may end a phrase (nouns, unknown words)
	kindLead         // a head that only starts a phrase (nouns often used as verbs)
)

// info is what the vocabulary says about a word.
type info struct {
	idf  float32
	kind uint8
	stop bool
}

// vocab maps a lower-case word, by its 64-bit hash (see hash), to its info; unknown words
// get unknownIDF. Keying by the hash the tagger computes anyway saves hashing every word
// twice; loadVocab refuses a table where two words share a hash.
type vocab struct {
	words      map[uint64]info
	unknownIDF float32
}

// loadVocab reads the gzipped table written by internal/vocabgen and adds the stop words.
func loadVocab(gz []byte) (*vocab, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrVocab, err)
	}
	sc := bufio.NewScanner(zr)
	v := &vocab{words: make(map[uint64]info, 32<<10)}
	seen := make(map[uint64]string, 32<<10)
	docs := 0
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if f[0] == "docs" && len(f) == 2 {
			if docs, err = strconv.Atoi(f[1]); err != nil || docs <= 0 {
				return nil, fmt.Errorf("%w: line %d: bad document count", ErrVocab, n)
			}
			continue
		}
		if len(f) != 3 || len(f[2]) != 1 || docs == 0 {
			return nil, fmt.Errorf("%w: line %d: %q", ErrVocab, n, line)
		}
		df, err := strconv.Atoi(f[1])
		if err != nil || df < 0 {
			return nil, fmt.Errorf("%w: line %d: bad count", ErrVocab, n)
		}
		h := hash([]byte(f[0]))
		if w, dup := seen[h]; dup && w != f[0] {
			return nil, fmt.Errorf("%w: %q and %q share a hash", ErrVocab, w, f[0])
		}
		seen[h] = f[0]
		v.words[h] = info{idf: idf(docs, df), kind: kindOfClass(f[2][0], f[0])}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrVocab, err)
	}
	if docs == 0 {
		return nil, fmt.Errorf("%w: no document count", ErrVocab)
	}
	v.unknownIDF = idf(docs, 0)
	for _, w := range strings.Fields(stopWords) {
		h := hash([]byte(w))
		if o, dup := seen[h]; dup && o != w {
			return nil, fmt.Errorf("%w: %q and %q share a hash", ErrVocab, o, w)
		}
		v.words[h] = info{idf: v.lookup([]byte(w), h).idf, kind: kindBreak, stop: true}
	}
	return v, nil
}

// idf is the smoothed inverse document frequency of a word in df of docs documents.
func idf(docs, df int) float32 {
	return float32(math.Log(float64(docs+1)/float64(df+1)) + 1)
}

// kindOfClass maps a vocabulary class to a phrase role.
func kindOfClass(class byte, w string) uint8 {
	switch class {
	case 'N', 'M', '?':
		if class == '?' && strings.HasSuffix(w, "ly") {
			return kindBreak
		}
		return kindHead
	case 'A':
		return kindMod
	case 'V':
		return kindLead
	}
	return kindBreak
}

// lookup returns the info of w, whose hash is h; a word the table lacks is a head with the highest IDF, except
// an "-ly" adverb.
func (v *vocab) lookup(w []byte, h uint64) info {
	if i, ok := v.words[h]; ok {
		return i
	}
	if bytes.HasSuffix(w, []byte("ly")) {
		return info{idf: v.unknownIDF, kind: kindBreak}
	}
	return info{idf: v.unknownIDF, kind: kindHead}
}

// vocabVersion is the first 12 hex digits of the SHA-256 of the embedded table.
func vocabVersion() string {
	sum := sha256.Sum256(embeddedVocab)
	return hex.EncodeToString(sum[:])[:12]
}
