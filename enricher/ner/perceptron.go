package ner

import (
	"math"
	"sort"
)

// averaged is an averaged multi-class perceptron over hashed features, used while training.
// Averaging uses the usual trick: besides w it keeps u, the sum of c*delta over updates, so
// that the average after c steps is w - u/c without touching every weight at every step.
type averaged struct {
	index map[uint64]int32
	keys  []uint64
	w     []float32
	u     []float64
	c     float64
}

func newAveraged() *averaged {
	return &averaged{index: make(map[uint64]int32, 1<<16), c: 1}
}

func (p *averaged) row(f uint64) int32 {
	if r, ok := p.index[f]; ok {
		return r
	}
	r := int32(len(p.keys))
	p.index[f] = r
	p.keys = append(p.keys, f)
	p.w = append(p.w, make([]float32, numLabels)...)
	p.u = append(p.u, make([]float64, numLabels)...)
	return r
}

func (p *averaged) score(feats []uint64, s *[numLabels]float32) {
	*s = [numLabels]float32{}
	for _, f := range feats {
		r, ok := p.index[f]
		if !ok {
			continue
		}
		row := p.w[int(r)*numLabels : int(r+1)*numLabels]
		for l, v := range row {
			s[l] += v
		}
	}
}

// update moves weight from the predicted label to the gold one.
func (p *averaged) update(feats []uint64, gold, pred uint8) {
	for _, f := range feats {
		r := int(p.row(f)) * numLabels
		p.w[r+int(gold)]++
		p.u[r+int(gold)] += p.c
		p.w[r+int(pred)]--
		p.u[r+int(pred)] -= p.c
	}
}

// tick counts one training instance.
func (p *averaged) tick() { p.c++ }

// averages returns the averaged weights by feature: w - u/c.
func (p *averaged) averages() map[uint64][]float64 {
	out := make(map[uint64][]float64, len(p.keys))
	for r, key := range p.keys {
		row := make([]float64, numLabels)
		for l := range row {
			i := r*numLabels + l
			row[l] = float64(p.w[i]) - p.u[i]/p.c
		}
		out[key] = row
	}
	return out
}

// quantise averages the weights of several perceptrons (trained on different orders),
// drops those below minAbs, and scales the rest to int16. The result does not depend on
// map order.
func quantise(models []map[uint64][]float64, minAbs float64) ([]featureWeights, float32) {
	sum := map[uint64][]float64{}
	for _, m := range models {
		for k, row := range m {
			acc := sum[k]
			if acc == nil {
				acc = make([]float64, numLabels)
				sum[k] = acc
			}
			for l, v := range row {
				acc[l] += v / float64(len(models))
			}
		}
	}
	keys := make([]uint64, 0, len(sum))
	maxAbs := 0.0
	for k, row := range sum {
		keys = append(keys, k)
		for _, v := range row {
			maxAbs = math.Max(maxAbs, math.Abs(v))
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := maxAbs / 32767
	var out []featureWeights
	for _, key := range keys {
		var fw featureWeights
		for l, v := range sum[key] {
			if math.Abs(v) < minAbs {
				continue
			}
			q := math.Round(v / scale)
			if q == 0 {
				continue
			}
			fw.labels = append(fw.labels, uint8(l))
			fw.weights = append(fw.weights, int16(q))
		}
		if len(fw.labels) > 0 {
			fw.key = key
			out = append(out, fw)
		}
	}
	return out, float32(scale)
}
