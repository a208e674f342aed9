package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Gazetteer lists: each is one bit of a phrase's mask and one nibble of a token's match code.
const (
	gazCountry  = iota // country names and short names (LOC)
	gazCity            // GeoNames places of 100,000 people or more, and capitals (LOC)
	gazDemonym         // nationalities and demonyms (MISC)
	gazRegion          // ISO 3166-2 subdivisions (LOC)
	gazTrainPER        // names seen as entities in the training data, per type
	gazTrainORG
	gazTrainLOC
	gazTrainMISC
	gazTown // smaller GeoNames places (LOC), kept apart from the big ones
	// Names of other corpora, used only as name lists: encyclopedic names (WikiANN train,
	// silver; WordNet instances) and GMB's (other conventions). The model learns how far
	// to trust each.
	gazWikiPER
	gazWikiORG
	gazWikiLOC
	gazGmbPER
	gazGmbORG
	gazGmbLOC
	gazGmbMISC
	numGazLists
)

// Lexicon is the word-level knowledge a model carries besides its weights: word clusters
// learned from unlabelled news text and name lists. It is read-only after construction.
type Lexicon struct {
	// Clusters maps a word (as written) to its cluster path: ClusterBits bits, most
	// significant first, coarse to fine.
	Clusters    map[string]uint32
	ClusterBits int
	// CapPrior buckets, per lower-cased word, how often unlabelled text capitalises it
	// mid-sentence (1 almost never .. 4 almost always; absent: unknown).
	CapPrior map[string]uint8
	// Frequent lists the most frequent words of the unlabelled text, which a model
	// scores once when it is loaded.
	Frequent []string
	// Gaz maps the hash of a lower-cased phrase (tokens joined by one space, see
	// phraseHash; without accents when Folded, see foldName) to the bit set of the lists it
	// belongs to.
	Gaz       map[uint64]uint16
	GazMaxLen int
	// NameParts maps a lower-cased word (without accents when Folded) to the parts it
	// plays in known names (bits: first/last word of a person, organisation, location
	// name), so that an unseen
	// "Zygmunt Solorz" still looks like a person's name.
	NameParts map[string]uint8
	// Folded says that Gaz and NameParts are keyed without accents (foldName): set from
	// FeatureSet.FoldNames; the shipped model's lexicon is not.
	Folded bool
	// partCounts counts name parts while building; words seen at least minPartCount
	// times in a part keep it.
	partCounts map[string]*[numNameParts]int32
}

// Name parts: bit i of NameParts.
const (
	partFirstPER = iota
	partLastPER
	partFirstORG
	partLastORG
	partFirstLOC
	partLastLOC
	numNameParts
	minPartCount = 2
)

// countParts records the first and last words of a known name of type typ.
func (l *Lexicon) countParts(words []string, typ string) {
	base := map[string]int{PER: partFirstPER, ORG: partFirstORG, LOC: partFirstLOC}
	b, ok := base[typ]
	if !ok || len(words) == 0 {
		return
	}
	if l.partCounts == nil {
		l.partCounts = map[string]*[numNameParts]int32{}
	}
	add := func(w string, part int) {
		w = nameForm(strings.ToLower(w), l.Folded)
		c := l.partCounts[w]
		if c == nil {
			c = &[numNameParts]int32{}
			l.partCounts[w] = c
		}
		c[part]++
	}
	if len(words) > 1 {
		add(words[0], b)
	}
	add(words[len(words)-1], b+1)
}

// finishParts turns the part counts into NameParts.
func (l *Lexicon) finishParts() {
	l.NameParts = map[string]uint8{}
	for w, c := range l.partCounts {
		var bits uint8
		for p, n := range c {
			if n >= minPartCount {
				bits |= 1 << p
			}
		}
		if bits != 0 {
			l.NameParts[w] = bits
		}
	}
	l.partCounts = nil
}

// cluster looks a word up as written, then title-cased, then lower-cased, so that
// headline capitals and sentence-initial words still find a cluster.
func (l *Lexicon) cluster(word, lower string) (uint32, bool) {
	if l == nil || len(l.Clusters) == 0 {
		return 0, false
	}
	if c, ok := l.Clusters[word]; ok {
		return c, true
	}
	if t := titleCase(lower); t != word {
		if c, ok := l.Clusters[t]; ok {
			return c, true
		}
	}
	c, ok := l.Clusters[lower]
	return c, ok
}

func titleCase(lower string) string {
	r, size := utf8.DecodeRuneInString(lower)
	if r == utf8.RuneError || !unicode.IsLower(r) {
		return lower
	}
	return string(unicode.ToUpper(r)) + lower[size:]
}

// addPhrase records a name (raw text, tokenised like articles) in list.
func (l *Lexicon) addPhrase(name string, list int) {
	toks := Tokenize(name)
	if len(toks) == 0 || len(toks) > 8 {
		return
	}
	h := uint64(fnvOffset)
	for _, t := range toks {
		h = phraseHash(h, nameForm(strings.ToLower(name[t.Start:t.End]), l.Folded))
	}
	l.addHash(h, len(toks), list)
}

// addWords records a name given as tokens in list.
func (l *Lexicon) addWords(words []string, list int) {
	if len(words) == 0 || len(words) > 8 {
		return
	}
	l.addHash(wordsHash(words, l.Folded), len(words), list)
}

func wordsHash(words []string, folded bool) uint64 {
	h := uint64(fnvOffset)
	for _, w := range words {
		h = phraseHash(h, nameForm(strings.ToLower(w), folded))
	}
	return h
}

func (l *Lexicon) addHash(h uint64, n, list int) {
	if l.Gaz == nil {
		l.Gaz = map[uint64]uint16{}
	}
	l.Gaz[h] |= 1 << list
	if n > l.GazMaxLen {
		l.GazMaxLen = n
	}
}
