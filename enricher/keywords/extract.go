package keywords

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/newsflow/newsflow/enricher/keywords/internal/words"
	"github.com/newsflow/newsflow/internal/article"
)

// Limits of a candidate phrase.
const (
	maxPhrase = 3 // words in a phrase cut from the text
	maxName   = 6 // words of an entity name that count for its identity
)

// token is one word of the text being read.
type token struct {
	start, end int    // bytes in the source text
	h          uint64 // hash of the lower-case word (vocabulary key)
	key        uint64 // hash of its singular (phrase identity: "profits" is "profit")
	idf        float32
	kind       uint8
	brk        words.Break
	upper      bool
	poss       bool // a possessive: the phrase ends with it
}

// cand is one candidate phrase.
type cand struct {
	hs     [maxName]uint64 // word hashes, for the subset test
	n      int
	count  float64
	idfSum float64
	// text: the phrase's first occurrence in src (tokens from start to end; opening a
	// sentence if initial); name: an entity's name, used as is.
	src        string
	start, end int
	initial    bool
	name       string
	boost      float64
	proper     int // occurrences capitalised outside a sentence start
	lower      int // occurrences with a lower-case word
	first      int // order of the first occurrence, for ties
	score      float64
	fromEntity bool
}

// scratch is the reusable state of one extraction.
type scratch struct {
	low   []byte
	toks  []token
	cands []cand
	index map[uint64]int32
	order []int32
	// spans are the entities' mentions in the body: a text phrase that cuts one of them
	// ("President Nicolás" of "President Nicolás Maduro") is not a phrase of its own.
	spans []article.Mention
}

var scratchPool = sync.Pool{New: func() any {
	return &scratch{index: make(map[uint64]int32, 512)}
}}

// extract returns the key phrases of title, body and entities.
func (t *Tagger) extract(title, body string, ents []article.Entity) []string {
	s := scratchPool.Get().(*scratch)
	defer func() {
		clear(s.index)
		clear(s.cands) // drop references to the texts
		s.cands, s.order, s.spans = s.cands[:0], s.order[:0], s.spans[:0]
		if cap(s.toks) > 1<<16 { // do not keep a huge text's buffers alive in the pool
			s.toks, s.low = nil, nil
		}
		scratchPool.Put(s)
	}()
	t.read(s, body, 1, true)
	// Headlines drop articles and use verbs in -s ("Carmaker recalls electric SUVs"), so
	// their runs make poor phrases: the title only reinforces phrases of the body, unless
	// there is no body.
	t.read(s, title, t.cfg.TitleWeight, len(s.cands) == 0)
	for i := range ents {
		t.addEntity(s, &ents[i])
		s.spans = append(s.spans, ents[i].Mentions...)
	}
	return t.pick(s, body)
}

// read adds the candidates of text, each occurrence counting weight. For the body (body
// true), casing is evidence of a proper name and new phrases are added; for a title
// (often in title case, and in headline grammar) only the phrases already found count.
func (t *Tagger) read(s *scratch, text string, weight float64, body bool) {
	s.toks = s.toks[:0]
	for i := 0; ; {
		w, next, ok := words.Next(text, i)
		if !ok {
			break
		}
		i = next
		s.toks = append(s.toks, t.token(s, text, w, body))
	}
	for a := 0; a < len(s.toks); {
		if s.toks[a].kind == kindBreak {
			a++
			continue
		}
		b := a + 1
		for b < len(s.toks) && !s.toks[b-1].poss && s.toks[b].kind != kindBreak && s.toks[b].kind != kindLead && s.toks[b].brk == words.None {
			b++
		}
		t.addRun(s, text, s.toks[a:b], weight, body)
		a = b
	}
}

// token classifies one word; a possessive "'s" is cut off and ends the phrase after it.
// With caps, a capitalised word inside a sentence is a name whatever its usual class
// ("Foods"), unless it is a stop word; titles, often in title case, are read without.
func (t *Tagger) token(s *scratch, text string, w words.Word, caps bool) token {
	tk := token{start: w.Start, end: w.End, brk: w.Break, upper: w.Upper}
	if w.Digit || numeric(text[w.Start:w.End]) {
		tk.kind = kindBreak
		return tk
	}
	for _, suffix := range [...]string{"'s", "\u2019s"} {
		if strings.HasSuffix(text[w.Start:w.End], suffix) && w.End-len(suffix) > w.Start {
			tk.end, tk.poss = w.End-len(suffix), true
			break
		}
	}
	s.low = words.AppendLower(s.low[:0], text[tk.start:tk.end])
	if contraction(s.low) {
		tk.kind = kindBreak
		return tk
	}
	tk.h = hash(s.low)
	tk.key = tk.h
	if sg := singular(s.low); len(sg) < len(s.low) {
		tk.key = hash(sg)
	}
	in := t.vocab.lookup(s.low, tk.h)
	tk.idf, tk.kind = in.idf, in.kind
	if caps && tk.upper && tk.brk != words.Sentence && tk.kind != kindHead && !in.stop {
		tk.kind = kindHead
	}
	return tk
}

// addRun counts every sub-run of at most maxPhrase words of run that ends in a head word;
// only body runs add new phrases and count as casing evidence.
func (t *Tagger) addRun(s *scratch, text string, run []token, weight float64, body bool) {
	for e := range run {
		if run[e].kind == kindMod {
			continue
		}
		for n := 1; n <= maxPhrase && e-n+1 >= 0; n++ {
			span := run[e-n+1 : e+1]
			if n > 1 && repeats(span) {
				break // "crisis crisis": longer spans would hold the repeat too
			}
			c := t.candidate(s, span, body)
			if c == nil {
				continue
			}
			c.count += weight
			if c.src == "" {
				c.src, c.start, c.end = text, span[0].start, span[n-1].end
				c.initial = span[0].brk == words.Sentence
			}
			if body {
				switch properness(span) {
				case 1:
					c.proper++
				case -1:
					c.lower++
				}
			}
		}
	}
}

// repeats reports whether the first word of span occurs again in it (the others were
// checked as shorter spans).
func repeats(span []token) bool {
	for _, tk := range span[1:] {
		if tk.key == span[0].key {
			return true
		}
	}
	return false
}

// properness is 1 when the occurrence is evidence of a proper name (every word capitalised,
// at least one of them not first in its sentence), -1 when a word is in lower case, 0
// when it says nothing (one capitalised word opening a sentence).
func properness(span []token) int {
	evidence := false
	for _, tk := range span {
		if !tk.upper {
			return -1
		}
		if tk.brk != words.Sentence {
			evidence = true
		}
	}
	if evidence {
		return 1
	}
	return 0
}

// candidate returns the candidate for the phrase of span, adding it if new and add is set
// (else nil).
func (t *Tagger) candidate(s *scratch, span []token, add bool) *cand {
	var hs [maxName]uint64
	n := 0
	var idfSum float64
	for _, tk := range span {
		if n < maxName {
			hs[n] = tk.key
			n++
		}
		idfSum += float64(tk.idf)
	}
	key := phraseKey(hs[:n])
	if i, ok := s.index[key]; ok {
		return &s.cands[i]
	}
	if !add {
		return nil
	}
	s.index[key] = int32(len(s.cands))
	s.cands = append(s.cands, cand{hs: hs, n: n, idfSum: idfSum, boost: 1, first: len(s.cands)})
	return &s.cands[len(s.cands)-1]
}

// addEntity makes an entity's name a candidate (or boosts the same phrase found in the text).
func (t *Tagger) addEntity(s *scratch, e *article.Entity) {
	if strings.TrimSpace(e.Name) == "" {
		return
	}
	mark := len(s.toks)
	for i := 0; ; {
		w, next, ok := words.Next(e.Name, i)
		if !ok {
			break
		}
		i = next
		s.toks = append(s.toks, t.token(s, e.Name, w, false))
	}
	span := s.toks[mark:]
	if len(span) == 0 {
		return
	}
	c := t.candidate(s, span, true)
	c.name, c.fromEntity = e.Name, true
	c.count = max(c.count, float64(max(e.Count, 1)))
	if e.Type != article.TypeMisc {
		c.boost = t.cfg.EntityBoost
	}
}

// pick scores the candidates and takes the best, skipping subsets and supersets of phrases
// already taken.
func (t *Tagger) pick(s *scratch, body string) []string {
	for i := range s.cands {
		c := &s.cands[i]
		c.score = c.boost * c.count * c.idfSum / math.Sqrt(float64(c.n))
		s.order = append(s.order, int32(i))
	}
	slices.SortFunc(s.order, func(a, b int32) int {
		ca, cb := &s.cands[a], &s.cands[b]
		if ca.score != cb.score {
			if ca.score > cb.score {
				return -1
			}
			return 1
		}
		return ca.first - cb.first
	})
	var taken []int32
	for _, i := range s.order {
		if len(taken) == t.cfg.Max {
			break
		}
		c := &s.cands[i]
		if !c.fromEntity && c.src == body && cutsMention(c.start, c.end, s.spans) {
			continue
		}
		k := slices.IndexFunc(taken, func(j int32) bool { return overlaps(c, &s.cands[j]) })
		if k < 0 {
			taken = append(taken, i)
			continue
		}
		if replaces(c, &s.cands[taken[k]]) &&
			!slices.ContainsFunc(taken[k+1:], func(j int32) bool { return overlaps(c, &s.cands[j]) }) {
			taken[k] = i
		}
	}
	out := make([]string, len(taken))
	for k, i := range taken {
		out[k] = s.cands[i].text()
	}
	return out
}

// replaces reports whether candidate c, which overlaps the taken phrase p, takes its place
// (and rank). English noun phrases end in their head: an entity name replaces a text phrase
// it ends ("Christian Olsson" for "champion christian olsson"), while a text phrase in which
// the name only qualifies the head ("ID cards" holding "ID") is treated like any longer
// phrase, which replaces the one it holds when it occurs at least half as often ("maria
// okafor" for "okafor").
func replaces(c, p *cand) bool {
	switch {
	case c.fromEntity && !p.fromEntity:
		return p.hs[p.n-1] == c.hs[c.n-1]
	case p.fromEntity && !c.fromEntity && c.hs[c.n-1] == p.hs[p.n-1]:
		return false
	}
	return c.n > p.n && 2*c.count >= p.count
}

// cutsMention reports whether the bytes [start, end) overlap a mention without holding all
// of it.
func cutsMention(start, end int, spans []article.Mention) bool {
	for _, m := range spans {
		if start < m.End && m.Start < end && (m.Start < start || end < m.End) {
			return true
		}
	}
	return false
}

// overlaps reports whether one candidate's words are a subset of the other's.
func overlaps(a, b *cand) bool {
	if a.n > b.n {
		a, b = b, a
	}
	for _, h := range a.hs[:a.n] {
		if !slices.Contains(b.hs[:b.n], h) {
			return false
		}
	}
	return true
}

// text is the phrase as reported (see the package doc for the case rule): its words as
// they first occur, one space apart.
func (c *cand) text() string {
	if c.fromEntity {
		return c.name
	}
	proper := c.proper > 0 && c.lower == 0
	var b []byte
	for i := c.start; i < c.end; {
		w, next, ok := words.Next(c.src, i)
		if !ok || w.Start >= c.end {
			break
		}
		first := len(b) == 0
		if !first {
			b = append(b, ' ')
		}
		word := c.src[w.Start:min(w.End, c.end)]
		if proper || w.Upper && !(first && c.initial) {
			b = append(b, word...)
		} else {
			b = words.AppendLower(b, word)
		}
		i = next
	}
	return string(b)
}

// numeric reports an amount or ordinal written with digits ("1.5m", "25bn", "1990s",
// "21st", "30-man"); a short code such as "5G" or "3D" is a word.
func numeric(w string) bool {
	if w[0] < '0' || w[0] > '9' {
		return false
	}
	return len(w) > 3 || strings.ContainsAny(w, ".,-")
}

// contraction reports a verb contraction ("wasn't", "they're", "we'll"): never a key word.
func contraction(w []byte) bool {
	i := bytes.LastIndexByte(w, '\'')
	if i <= 0 {
		return false
	}
	switch string(w[i:]) {
	case "'t", "'re", "'ve", "'ll", "'d", "'m":
		return true
	}
	return false
}

// singular strips a plural "s" from a lower-case word of more than three bytes ("profits",
// not "boss", "status", "analysis"), so that both forms count as one phrase.
func singular(w []byte) []byte {
	n := len(w)
	if n <= 3 || w[n-1] != 's' {
		return w
	}
	switch w[n-2] {
	case 's', 'u', 'i', '\'':
		return w
	}
	return w[:n-1]
}

// hash is FNV-1a over a lower-case word.
func hash(w []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range w {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// phraseKey combines the word hashes of a phrase, in order.
func phraseKey(hs []uint64) uint64 {
	k := uint64(len(hs))
	for _, h := range hs {
		k = (k ^ h) * 0x9e3779b97f4a7c15
		k ^= k >> 29
	}
	return k
}
