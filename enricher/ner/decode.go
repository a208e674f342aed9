package ner

import "math"

// scorer adds up the label scores of a feature list.
type scorer interface {
	score(feats []uint64, s *[numLabels]float32)
}

func (t *weightTable) score(feats []uint64, s *[numLabels]float32) {
	var acc [numLabels]int32
	t.sum(feats, &acc)
	t.toFloat(&acc, s)
}

func (t *weightTable) sum(feats []uint64, acc *[numLabels]int32) {
	for _, f := range feats {
		t.add(f, acc)
	}
}

func (t *weightTable) toFloat(acc *[numLabels]int32, s *[numLabels]float32) {
	for l, v := range acc {
		s[l] = float32(v) * t.scale
	}
}

// tokenScores returns the scores of a word's token features at each offset, computed once
// per word and document. Quantised weights add up exactly, so the total equals scoring
// the full feature list.
func (x *extractor) tokenScores(w *weightTable, t *tokInfo, buf []uint64) (*[5][numLabels]int32, []uint64) {
	if t.scores != nil {
		return t.scores, buf
	}
	t.scores = new([5][numLabels]int32)
	for k := -2; k <= 2; k++ {
		buf = x.tokenFeats(t, k, buf[:0])
		w.sum(buf, &t.scores[k+2])
	}
	return t.scores, buf
}

// padScores returns the scores of the sentence-boundary features at each offset.
func (x *extractor) padScores(w *weightTable) *[5][numLabels]int32 {
	var out [5][numLabels]int32
	var buf []uint64
	for k := -2; k <= 2; k++ {
		if k != 0 {
			buf = x.padFeats(k, buf[:0])
			w.sum(buf, &out[k+2])
		}
	}
	return &out
}

// tagSentence is decodeSentence for a trained model, with the token features of each
// word scored once per document instead of once per position and offset.
func (x *extractor) tagSentence(m *Model, sd *sentData, h history, labels []uint8, probs []float32, buf []uint64) []uint64 {
	var p1, p2 uint8
	var s [numLabels]float32
	n := len(sd.tok)
	for i := 0; i < n; i++ {
		var acc [numLabels]int32
		for k := -2; k <= 2; k++ {
			var row *[numLabels]int32
			if j := i + k; j >= 0 && j < n {
				var sc *[5][numLabels]int32
				sc, x.tokBuf = x.tokenScores(m.w, sd.tok[j], x.tokBuf)
				row = &sc[k+2]
			} else {
				row = &m.pad[k+2]
			}
			for l := range acc {
				acc[l] += row[l]
			}
		}
		buf = x.contextFeats(sd, i, buf[:0])
		buf = x.dynamic(sd, i, p1, p2, h, buf)
		m.w.sum(buf, &acc)
		m.w.toFloat(&acc, &s)
		l := bestLabel(&s, p1, i == n-1)
		labels[i] = l
		if probs != nil && l != 0 { // only entity tokens need a confidence
			probs[i] = confidence(&s, p1, l, m.temperature())
		}
		h.record(sd, i, l)
		p2, p1 = p1, l
	}
	return buf
}

// bestLabel picks the highest-scoring label that may follow prev; on the last token of a
// sentence a span must close. Ties go to the lower label, so decoding is deterministic.
func bestLabel(s *[numLabels]float32, prev uint8, last bool) uint8 {
	best, bestScore := uint8(0), float32(math.Inf(-1))
	for l := uint8(0); l < numLabels; l++ {
		if !allowed(prev, l) {
			continue
		}
		if last {
			if _, p := labelType(l); p == partB || p == partI {
				continue
			}
		}
		if s[l] > bestScore {
			best, bestScore = l, s[l]
		}
	}
	return best
}

// confidence is the softmax probability of label l among the labels allowed after prev,
// at temperature temp (perceptron scores have no natural scale; see ModelInfo).
func confidence(s *[numLabels]float32, prev, l uint8, temp float64) float32 {
	sum := 0.0
	for k := uint8(0); k < numLabels; k++ {
		if allowed(prev, k) {
			sum += math.Exp(float64(s[k]-s[l]) / temp)
		}
	}
	return float32(1 / sum)
}

// decodeSentence labels one prepared sentence greedily, left to right. probs may be nil.
// buf is scratch space, returned for reuse.
// h, which may be nil, is the document's label history; it is updated.
func decodeSentence(x *extractor, sd *sentData, sc scorer, h history, temp float64, labels []uint8, probs []float32, buf []uint64) []uint64 {
	var p1, p2 uint8
	var s [numLabels]float32
	n := len(sd.tok)
	for i := 0; i < n; i++ {
		buf = x.static(sd, i, buf[:0])
		buf = x.dynamic(sd, i, p1, p2, h, buf)
		sc.score(buf, &s)
		l := bestLabel(&s, p1, i == n-1)
		labels[i] = l
		h.record(sd, i, l)
		if probs != nil && l != 0 { // only entity tokens need a confidence
			probs[i] = confidence(&s, p1, l, temp)
		}
		p2, p1 = p1, l
	}
	return buf
}
