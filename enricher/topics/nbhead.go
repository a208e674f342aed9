package topics

import "math"

// setNBHead trains the naive-Bayes part of m's top head on the documents idx (multinomial,
// Laplace smoothing, over the same word buckets as the model) and stores it quantized.
func setNBHead(m *Model, X []vector, docs []labelled, idx []int) {
	k := m.top
	dim := 1 << m.bits
	counts := make([]float64, dim*k)
	totals := make([]float64, k)
	ndocs := make([]float64, k)
	seen := make([]bool, dim)
	vocab := 0
	for _, di := range idx {
		c := docs[di].labels[0]
		ndocs[c]++
		for _, j := range X[di].words {
			counts[int(j)*k+c]++
			totals[c]++
			if !seen[j] {
				seen[j] = true
				vocab++
			}
		}
	}
	m.nbPrior = make([]float32, k)
	for c := range k {
		m.nbPrior[c] = float32(math.Log((ndocs[c] + 1) / (float64(len(idx)) + float64(k))))
	}
	// Log probabilities centred per bucket: a softmax sees only their differences, and
	// centred values quantize with a smaller step.
	lp := make([]float64, len(counts))
	var mx float64
	for j := range dim {
		var mean float64
		for c := range k {
			x := math.Log(counts[j*k+c]+1) - math.Log(totals[c]+float64(vocab))
			lp[j*k+c] = x
			mean += x
		}
		mean /= float64(k)
		for c := range k {
			lp[j*k+c] -= mean
			mx = max(mx, math.Abs(lp[j*k+c]))
		}
	}
	s := mx / 127
	if s == 0 {
		s = 1
	}
	m.nbScale = float32(s)
	m.nb = make([]int8, len(lp))
	for i, x := range lp {
		m.nb[i] = int8(math.Round(x / s))
	}
}

// nbWeights are the mixing weights tried for the naive-Bayes part of the top head.
var nbWeights = []float64{0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1}

// fitBetaTemperature chooses the naive-Bayes weight of m's top head with the most correct
// top-1 answers on the calibration documents (then the lowest negative log-likelihood), and
// the temperature that minimises that likelihood.
func fitBetaTemperature(m *Model, X []vector, docs []labelled, calIdx []int) (beta, temp float64) {
	bestNLL, bestOK := math.Inf(1), -1
	beta, temp = 0, 1
	z := make([]float64, m.outputs())
	for _, b := range nbWeights {
		m.beta = b
		ok := 0
		for _, di := range calIdx {
			m.logits(X[di], z)
			if argmax(z[:m.top]) == docs[di].labels[0] {
				ok++
			}
		}
		t, nll := fitTemperature(m, X, docs, calIdx)
		if ok > bestOK || ok == bestOK && nll < bestNLL {
			bestOK, bestNLL, beta, temp = ok, nll, b, t
		}
	}
	m.beta = 0
	return beta, temp
}
