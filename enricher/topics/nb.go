package topics

import "math"

// naiveBayes is the baseline every evaluation runs beside the model: multinomial naive
// Bayes over word counts (words hashed into 1<<nbBits buckets, which leaves the vocabulary
// practically collision-free), Laplace smoothing (alpha 1), as in the textbook.
type naiveBayes struct {
	prior []float64   // log P(class)
	logp  [][]float64 // log P(bucket | class)
}

const nbBits = 18

// wordCounts returns the bucket of every word of text (repeated per occurrence).
func wordCounts(text string) []uint32 {
	f := featurizer{bits: nbBits}
	toks := tokens(nil, text)
	out := make([]uint32, len(toks))
	for i, t := range toks {
		out[i] = f.bucket(t.h)
	}
	return out
}

// trainNB trains a k-class naive Bayes on the documents idx of X, class of(d).
func trainNB(X [][]uint32, idx []int, k int, class func(int) int) *naiveBayes {
	dim := 1 << nbBits
	counts := make([][]float64, k)
	for c := range counts {
		counts[c] = make([]float64, dim)
	}
	docs := make([]float64, k)
	seen := make([]bool, dim)
	vocab := 0
	for _, di := range idx {
		c := class(di)
		docs[c]++
		for _, j := range X[di] {
			counts[c][j]++
			if !seen[j] {
				seen[j] = true
				vocab++
			}
		}
	}
	nb := &naiveBayes{prior: make([]float64, k), logp: make([][]float64, k)}
	for c := range k {
		var total float64
		for _, n := range counts[c] {
			total += n
		}
		nb.prior[c] = math.Log((docs[c] + 1) / (float64(len(idx)) + float64(k)))
		lp := counts[c]
		den := math.Log(total + float64(vocab))
		for j := range lp {
			lp[j] = math.Log(lp[j]+1) - den
		}
		nb.logp[c] = lp
	}
	return nb
}

// scores returns the log joint probability of each class.
func (nb *naiveBayes) scores(x []uint32) []float64 {
	s := append([]float64(nil), nb.prior...)
	for c := range s {
		for _, j := range x {
			s[c] += nb.logp[c][j]
		}
	}
	return s
}

func argmax(s []float64) int {
	best := 0
	for i, x := range s {
		if x > s[best] {
			best = i
		}
	}
	return best
}
