package tone

import (
	"bytes"
	"math"
	"sync"
)

// Scoring constants: chosen a priori from the method's design, not fitted to the check set.
const (
	// negWindow is how many words after a negator it reaches.
	negWindow = 5
	// ampWindow is how many words after an amplifier it reaches ("a record low").
	ampWindow = 2
	// quantityBefore and quantityAfter are how far a movement word looks for its quantity.
	quantityBefore = 5
	quantityAfter  = 3
)

// word is one word of a sentence being scored.
type word struct {
	lo, hi int // lower-case bytes in the scratch buffer
	e      *entry
	clause int
	// dead: the word is inside a phrase (the phrase's weight sits on its first word).
	dead bool
	// phrase: the word starts a phrase of weight phraseW.
	phrase  bool
	phraseW float64
	// taken: the word is a quantity a movement word already counted.
	taken bool
	// move is a movement word's weight (see resolveMovements).
	move float64
	// factor is the clause weight (see clauseFactors).
	factor float64
}

// scratch is the reusable state of one Score call.
type scratch struct {
	sc    scanner
	words []word
}

var scratchPool = sync.Pool{New: func() any {
	return &scratch{words: make([]word, 0, maxSentence), sc: scanner{low: make([]byte, 0, 4096)}}
}}

// sums is what a text adds up to: the weighted sum and the number of words.
type sums struct {
	total float64
	words int
	hits  int
}

// analyze scores text sentence by sentence.
func (lx lexicon) analyze(text string, negation float64) sums {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.sc = scanner{text: text, low: s.sc.low[:0]}
	s.words = s.words[:0]
	var out sums
	clause := 0
	flush := func() {
		if len(s.words) > 0 {
			t, h := lx.sentence(s.words, s.sc.low, negation)
			out.total += t
			out.hits += h
		}
		s.words = s.words[:0]
		s.sc.low = s.sc.low[:0]
		clause = 0
	}
	for {
		lo, hi, digit, gap, ok := s.sc.next()
		if gap == gapSentence || len(s.words) == maxSentence {
			// Score the sentence first: the scanner appended the new word's bytes after it,
			// at [lo, hi), where flush leaves them; then move them to the buffer's start.
			flush()
			if ok {
				buf := s.sc.low[:hi]
				n := copy(buf, buf[lo:hi])
				s.sc.low = buf[:n]
				lo, hi = 0, n
			}
		} else if gap == gapClause {
			clause++
		}
		if !ok {
			break
		}
		out.words++
		if digit {
			s.sc.low = s.sc.low[:lo]
			continue
		}
		s.words = append(s.words, word{lo: lo, hi: hi, e: lx.lookup(s.sc.low[lo:hi]), clause: clause})
	}
	flush()
	return out
}

// lookup finds a word's entry, trying it without a possessive "'s" and reading any word in
// "n't" as a negator.
func (lx lexicon) lookup(w []byte) *entry {
	if len(w) > maxLookup {
		return nil
	}
	if e, ok := lx[string(w)]; ok {
		return e
	}
	if bytes.HasSuffix(w, []byte("n't")) {
		return lx["n't"]
	}
	if bytes.HasSuffix(w, []byte("'s")) {
		return lx[string(w[:len(w)-2])]
	}
	return nil
}

// sentence returns the weighted sum of one sentence and the number of weighted words.
func (lx lexicon) sentence(ws []word, low []byte, negation float64) (float64, int) {
	markPhrases(ws, low)
	resolveMovements(ws)
	clauseFactors(ws)
	var total float64
	hits := 0
	for i := range ws {
		w := weightOf(&ws[i])
		if w == 0 {
			continue
		}
		total += w * modifier(ws, i, negation) * ws[i].factor
		hits++
	}
	return total, hits
}

// markPhrases finds the lexicon's phrases, longest first, left to right.
func markPhrases(ws []word, low []byte) {
	for i := range ws {
		e := ws[i].e
		if e == nil || ws[i].dead || len(e.phrases) == 0 {
			continue
		}
		for _, p := range e.phrases {
			if i+len(p.rest) >= len(ws) || !matches(ws[i+1:], low, p.rest) {
				continue
			}
			ws[i].phrase, ws[i].phraseW = true, p.weight
			for k := i + 1; k <= i+len(p.rest); k++ {
				ws[k].dead = true
			}
			break
		}
	}
}

func matches(ws []word, low []byte, rest []string) bool {
	for k, r := range rest {
		if string(low[ws[k].lo:ws[k].hi]) != r {
			return false
		}
	}
	return true
}

// resolveMovements gives every movement word its weight: from the quantity it points at
// (which is then taken, so that it is not counted again), else its intrinsic weight.
func resolveMovements(ws []word) {
	for i := range ws {
		e := ws[i].e
		if e == nil || e.dir == 0 || ws[i].dead || ws[i].phrase {
			continue
		}
		if j := quantityFor(ws, i); j >= 0 {
			ws[j].taken = true
			ws[i].move = e.dir * e.mag * ws[j].e.quantity
		} else {
			ws[i].move = e.base
		}
	}
}

// weightOf is a word's own weight before modifiers.
func weightOf(x *word) float64 {
	switch {
	case x.dead:
		return 0
	case x.phrase:
		return x.phraseW
	case x.e == nil:
		return 0
	case x.taken:
		return x.move
	}
	return x.e.pol + x.move
}

// quantityFor finds the nearest quantity in reach of movement word i, in its clause, or -1.
func quantityFor(ws []word, i int) int {
	look := ws[i].e.look
	if look&sideBefore != 0 {
		for j := i - 1; j >= 0 && j >= i-quantityBefore && ws[j].clause == ws[i].clause; j-- {
			if isQuantity(&ws[j]) {
				return j
			}
		}
	}
	if look&sideAfter != 0 {
		for j := i + 1; j < len(ws) && j <= i+quantityAfter && ws[j].clause == ws[i].clause; j++ {
			if isQuantity(&ws[j]) {
				return j
			}
		}
	}
	return -1
}

func isQuantity(x *word) bool {
	return x.e != nil && !x.dead && !x.taken && x.e.quantity != 0
}

// modifier is the product of the negator and amplifier reaching word i in its clause.
func modifier(ws []word, i int, negation float64) float64 {
	f := 1.0
	negated, amped := false, false
	for k := 1; k <= negWindow && i-k >= 0; k++ {
		y := &ws[i-k]
		if y.clause != ws[i].clause {
			break
		}
		if y.dead || y.e == nil {
			continue
		}
		if !negated && y.e.negator {
			f *= negation
			negated = true
		}
		if !amped && k <= ampWindow && y.e.amp != 0 {
			f *= y.e.amp
			amped = true
		}
	}
	// A movement takes the adverb right after it too: "fell sharply", "rose slightly".
	if x := &ws[i]; !amped && x.e != nil && x.e.dir != 0 && i+1 < len(ws) {
		if y := &ws[i+1]; y.clause == x.clause && !y.dead && y.e != nil && y.e.amp != 0 {
			f *= y.e.amp
		}
	}
	return f
}

// clauseFactors sets every word's factor from the contrast and concessive words of its
// sentence: a contrast weighs the words before it and after it, a concessive word the rest
// of its clause. Linear in the sentence's length.
func clauseFactors(ws []word) {
	after := 1.0 // product of the "after" weights of the contrasts seen so far
	concede, clause := 1.0, -1
	for i := range ws {
		x := &ws[i]
		if x.clause != clause {
			concede, clause = 1, x.clause
		}
		x.factor = after * concede
		if e := x.e; e != nil && !x.dead {
			if e.contrast[0] != 0 {
				after *= e.contrast[1]
			}
			if e.concede != 0 {
				concede *= e.concede
				x.factor *= e.concede
			}
		}
	}
	before := 1.0 // product of the "before" weights of the contrasts after the word
	for i := len(ws) - 1; i >= 0; i-- {
		x := &ws[i]
		x.factor *= before
		if e := x.e; e != nil && !x.dead && e.contrast[0] != 0 {
			before *= e.contrast[0]
		}
	}
}

// toneOf maps a weighted sum over n words to [-1, 1].
func toneOf(s sums, scale float64, minWords int) float64 {
	if s.words == 0 {
		return 0
	}
	return math.Tanh(scale * s.total / float64(max(s.words, minWords)))
}
