package topics

import (
	"math"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Hashing of words and word pairs. Text is lower-cased, split into runs of letters and
// digits, and every word and every pair of adjacent words is hashed into one of 1<<bits
// buckets. Numbers are one word ("#"), so that amounts and dates do not spread over buckets.
// Markup left in a body (tags, entities) is skipped.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	numHash   = 0x9e3779b97f4a7c15 // the hash of every all-digit word
	pairMix   = 0xff51afd7ed558ccd
)

// maxTagLen bounds how far a '<' looks for its '>': markup is skipped only when short, so
// the scan stays linear whatever the input.
const maxTagLen = 256

// token is one word of a text: its hash and the hash of its light stem (a final plural "s"
// dropped), which the lexicon matches.
type token struct {
	h, stem uint64
}

// tokens appends the words of text to dst.
func tokens(dst []token, text string) []token {
	i := 0
	for i < len(text) {
		c := text[i]
		switch {
		case c == '<':
			if j := skipMarkup(text, i); j > i {
				i = j
				continue
			}
			i++
			continue
		case c == '&':
			if j := skipEntity(text, i); j > i {
				i = j
				continue
			}
			i++
			continue
		case c < utf8.RuneSelf && !isASCIIWord(c):
			i++
			continue
		}
		// A word starts here (or a non-ASCII rune that may not be a letter).
		h, prev := uint64(fnvOffset), uint64(fnvOffset)
		n, digits := 0, true
		var last, before byte
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf {
				if !isASCIIWord(c) {
					break
				}
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				if c > '9' {
					digits = false
				}
				prev = h
				h = (h ^ uint64(c)) * fnvPrime
				before, last = last, c
				n++
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			r = unicode.ToLower(r)
			digits = digits && unicode.IsDigit(r)
			prev = h
			var buf [utf8.UTFMax]byte
			for _, b := range buf[:utf8.EncodeRune(buf[:], r)] {
				h = (h ^ uint64(b)) * fnvPrime
			}
			before, last = 0, 0
			n++
			i += size
		}
		if n == 0 {
			// A non-ASCII rune that is neither letter nor digit.
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			continue
		}
		if digits {
			dst = append(dst, token{numHash, numHash})
			continue
		}
		stem := h
		if n > 3 && last == 's' && before != 's' {
			stem = prev
		}
		dst = append(dst, token{h, stem})
	}
	return dst
}

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// skipMarkup returns the index after a short tag or comment starting at i, or i.
func skipMarkup(text string, i int) int {
	if i+1 >= len(text) {
		return i
	}
	c := text[i+1]
	if !(c == '/' || c == '!' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
		return i
	}
	end := min(len(text), i+maxTagLen)
	for j := i + 1; j < end; j++ {
		switch text[j] {
		case '>':
			return j + 1
		case '<':
			return i
		}
	}
	return i
}

// skipEntity returns the index after an HTML character reference such as "&amp;" or
// "&#39;" starting at i, or i.
func skipEntity(text string, i int) int {
	end := min(len(text), i+10)
	for j := i + 1; j < end; j++ {
		c := text[j]
		if c == ';' {
			if j > i+1 {
				return j + 1
			}
			return i
		}
		if !(c == '#' || isASCIIWord(c)) {
			return i
		}
	}
	return i
}

// pairHash combines two word hashes into the hash of the word pair.
func pairHash(a, b uint64) uint64 {
	x := a*pairMix ^ (b + 0x632be59bd9b4e019)
	x ^= x >> 33
	return x * fnvPrime
}

// vector is a sparse, L2-normalised feature vector: sorted bucket indexes and their values.
type vector struct {
	idx []uint32
	val []float32
	// words holds the bucket of every word occurrence, in text order (for naive Bayes).
	words []uint32
}

// featurizer turns texts into vectors over 1<<bits buckets.
type featurizer struct {
	bits uint
	// idf holds each bucket's inverse document frequency × idfScale, or is nil (all 1).
	idf []uint8
}

// idfScale is the fixed-point scale of stored idf values: up to 255/idfScale = 10.2, more
// than ln of any corpus size here.
const idfScale = 25

// buckets returns the distinct buckets of text's words and word pairs.
func (f featurizer) buckets(text string) []uint32 {
	s := new(scratch)
	s.toks = tokens(s.toks, text)
	v := featurizer{bits: f.bits}.vectorize(s, s.toks)
	return slices.Clone(v.idx)
}

// withIDF returns f with idf values computed from docs: ln((N+1)/(df+1)) + 1.
func (f featurizer) withIDF(texts []string) featurizer {
	df := make([]int32, 1<<f.bits)
	for _, t := range texts {
		for _, j := range f.buckets(t) {
			df[j]++
		}
	}
	f.idf = make([]uint8, len(df))
	n := float64(len(texts))
	for j, d := range df {
		x := math.Log((n+1)/(float64(d)+1)) + 1
		f.idf[j] = uint8(min(255, math.Round(x*idfScale)))
	}
	return f
}

// scratch is the per-call working memory of a featurizer, pooled.
type scratch struct {
	toks  []token
	ids   []uint32
	words []uint32
	vec   vector
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooledTokens bounds the buffers kept in the pool, so that one huge text does not pin
// its memory for the life of the process.
const maxPooledTokens = 1 << 16

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

func putScratch(s *scratch) {
	if cap(s.toks) > maxPooledTokens || cap(s.ids) > 2*maxPooledTokens || cap(s.words) > maxPooledTokens {
		return
	}
	scratchPool.Put(s)
}

// bucket maps a hash to a bucket index.
func (f featurizer) bucket(h uint64) uint32 { return uint32(h >> (64 - f.bits)) }

// vectorize fills s.vec with the log-scaled, L2-normalised counts of the words and word
// pairs in toks. The result aliases s.
func (f featurizer) vectorize(s *scratch, toks []token) vector {
	ids := s.ids[:0]
	words := s.words[:0]
	for k, t := range toks {
		b := f.bucket(t.h)
		ids = append(ids, b)
		words = append(words, b)
		if k > 0 {
			ids = append(ids, f.bucket(pairHash(toks[k-1].h, t.h)))
		}
	}
	slices.Sort(ids)
	s.ids = ids
	s.words = words
	v := vector{idx: s.vec.idx[:0], val: s.vec.val[:0], words: words}
	var norm float64
	for k := 0; k < len(ids); {
		j := k + 1
		for j < len(ids) && ids[j] == ids[k] {
			j++
		}
		x := 1 + math.Log(float64(j-k))
		if f.idf != nil {
			x *= float64(f.idf[ids[k]]) / idfScale
		}
		norm += x * x
		v.idx = append(v.idx, ids[k])
		v.val = append(v.val, float32(x))
		k = j
	}
	if norm > 0 {
		inv := float32(1 / math.Sqrt(norm))
		for k := range v.val {
			v.val[k] *= inv
		}
	}
	s.vec = v
	return v
}

// vectorOf returns a freshly allocated vector of text (for training and evaluation).
func (f featurizer) vectorOf(text string) vector {
	s := new(scratch)
	s.toks = tokens(s.toks, text)
	v := f.vectorize(s, s.toks)
	return vector{idx: slices.Clone(v.idx), val: slices.Clone(v.val), words: slices.Clone(v.words)}
}
