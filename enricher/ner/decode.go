package ner

import "math"

// scorer adds up the label scores of a feature list.
type scorer interface {
	score(feats []uint64, s *[numLabels]float32)
}

func (t *weightTable) score(feats []uint64, s *[numLabels]float32) {
	var acc [numLabels]int32
	for _, f := range feats {
		t.add(f, &acc)
	}
	for l, v := range acc {
		s[l] = float32(v) * t.scale
	}
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

// confidence is the softmax probability of label l among the labels allowed after prev.
func confidence(s *[numLabels]float32, prev, l uint8) float32 {
	sum := 0.0
	for k := uint8(0); k < numLabels; k++ {
		if allowed(prev, k) {
			sum += math.Exp(float64(s[k] - s[l]))
		}
	}
	return float32(1 / sum)
}

// decodeSentence labels one prepared sentence greedily, left to right. probs may be nil.
// buf is scratch space, returned for reuse.
func decodeSentence(x *extractor, sd *sentData, sc scorer, labels []uint8, probs []float32, buf []uint64) []uint64 {
	var p1, p2 uint8
	var s [numLabels]float32
	n := len(sd.tok)
	for i := 0; i < n; i++ {
		buf = x.static(sd, i, buf[:0])
		buf = x.dynamic(sd, i, p1, p2, buf)
		sc.score(buf, &s)
		l := bestLabel(&s, p1, i == n-1)
		labels[i] = l
		if probs != nil {
			probs[i] = confidence(&s, p1, l)
		}
		p2, p1 = p1, l
	}
	return buf
}
