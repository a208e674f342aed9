package topics

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
)

// TrainConfig configures Train. Zero values mean the defaults given.
type TrainConfig struct {
	// DataDir holds topic/bbc and topic/reuters21578. Default "../shared/data".
	DataDir string
	// Seed fixes the shuffling and the calibration split; training is deterministic for a
	// seed. Default 1.
	Seed uint64
	// Epochs of stochastic gradient descent. Default 30.
	Epochs int
	// Bits is log2 of the number of hashed feature buckets. Default 17.
	Bits uint
	// LearningRate is the initial step size (it decays as 1/(1+epoch)). Default 10.
	LearningRate float64
	// L2 is the weight decay per example. Default 1e-8 (in effect the number of epochs
	// and the weight averaging regularise).
	L2 float64
	// MaxDocs, when positive, trains on at most this many documents per corpus (the first
	// ones in file order): for fast reduced trainings in tests.
	MaxDocs int
	// Progress, when set, receives one line per trained head.
	Progress io.Writer
}

func (c TrainConfig) withDefaults() TrainConfig {
	if c.DataDir == "" {
		c.DataDir = "../shared/data"
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.Epochs == 0 {
		c.Epochs = 30
	}
	if c.Bits == 0 {
		c.Bits = 17
	}
	if c.LearningRate == 0 {
		c.LearningRate = 10
	}
	if c.L2 == 0 {
		c.L2 = 1e-8
	}
	return c
}

// Train trains the shipped model: the top head on every BBC article, the subject heads on
// the Reuters-21578 ModApte training stories.
func Train(ctx context.Context, cfg TrainConfig) (*Model, error) {
	cfg = cfg.withDefaults()
	bbc, err := readBBC(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	rtrain, _, err := readReuters(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	if cfg.MaxDocs > 0 {
		bbc = spread(bbc, cfg.MaxDocs)
		rtrain = rtrain[:min(len(rtrain), cfg.MaxDocs)]
	}
	return fit(ctx, cfg, bbc, reutersLabelled(rtrain))
}

// spread keeps n documents taken evenly over docs (which are grouped by class).
func spread(docs []labelled, n int) []labelled {
	if n >= len(docs) {
		return docs
	}
	out := make([]labelled, 0, n)
	for i := range n {
		out = append(out, docs[i*len(docs)/n])
	}
	return out
}

func reutersLabelled(docs []reutersDoc) []labelled {
	out := make([]labelled, len(docs))
	for i, d := range docs {
		out[i] = d.labelled
	}
	return out
}

// fit trains a model with a top head on top (if any) and subject heads on subj (if any).
// Each head is first trained on four fifths of its documents (split by content hash) and
// calibrated on the rest; then it is trained again on all of them and keeps that
// calibration.
func fit(ctx context.Context, cfg TrainConfig, top, subj []labelled) (*Model, error) {
	cfg = cfg.withDefaults()
	texts := make([]string, 0, len(top)+len(subj))
	for _, d := range top {
		texts = append(texts, d.text)
	}
	for _, d := range subj {
		texts = append(texts, d.text)
	}
	f := featurizer{bits: cfg.Bits}.withIDF(texts)
	topX, subjX := vectors(f, top), vectors(f, subj)
	nTop, nSubj := 0, 0
	if len(top) > 0 {
		nTop = len(bbcClasses)
	}
	if len(subj) > 0 {
		nSubj = len(reutersSubjects)
	}
	// Calibration pass.
	fitIdx, calIdx := calibrationSplit(top, cfg.Seed)
	sfitIdx, scalIdx := calibrationSplit(subj, cfg.Seed)
	m0, err := trainHeads(ctx, cfg, f, topX, top, fitIdx, subjX, subj, sfitIdx, nTop, nSubj)
	if err != nil {
		return nil, err
	}
	temp, beta := 1.0, 0.0
	if nTop > 0 {
		setNBHead(m0, topX, top, fitIdx)
		beta, temp = fitBetaTemperature(m0, topX, top, calIdx)
	}
	pa, pb := make([]float64, nSubj), make([]float64, nSubj)
	for r := range nSubj {
		pa[r], pb[r] = fitPlatt(m0, subjX, subj, scalIdx, r)
	}
	// Final pass on everything.
	m, err := trainHeads(ctx, cfg, f, topX, top, allIdx(len(top)), subjX, subj, allIdx(len(subj)), nTop, nSubj)
	if err != nil {
		return nil, err
	}
	if nTop > 0 {
		setNBHead(m, topX, top, allIdx(len(top)))
	}
	m.temp, m.beta, m.plattA, m.plattB = temp, beta, pa, pb
	if cfg.Progress != nil {
		fmt.Fprintf(cfg.Progress, "topics: top head %d docs (naive-Bayes weight %.3f, temperature %.3f), subject heads %d docs\n", len(top), beta, temp, len(subj))
	}
	return m, nil
}

func vectors(f featurizer, docs []labelled) []vector {
	out := make([]vector, len(docs))
	for i, d := range docs {
		out[i] = f.vectorOf(d.text)
	}
	return out
}

func allIdx(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// calibrationSplit puts one document in five, chosen by content hash and seed, aside for
// calibration.
func calibrationSplit(docs []labelled, seed uint64) (fitIdx, calIdx []int) {
	for i, d := range docs {
		if mix(d.hash, seed^0xca1b)%5 == 0 {
			calIdx = append(calIdx, i)
		} else {
			fitIdx = append(fitIdx, i)
		}
	}
	return fitIdx, calIdx
}

// mix is a seeded hash finaliser (splitmix64).
func mix(h, seed uint64) uint64 {
	x := h ^ (seed * 0x9e3779b97f4a7c15)
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// trainHeads trains both heads into one quantized model.
func trainHeads(ctx context.Context, cfg TrainConfig, f featurizer, topX []vector, top []labelled, topIdx []int,
	subjX []vector, subj []labelled, subjIdx []int, nTop, nSubj int) (*Model, error) {
	dim := 1 << cfg.Bits
	no := nTop + nSubj
	w := make([]float64, dim*no)
	bias := make([]float64, no)
	if nTop > 0 {
		tw, tb, err := sgd(ctx, cfg, topX, top, topIdx, nTop, true)
		if err != nil {
			return nil, err
		}
		interleave(w, tw, no, 0, nTop)
		copy(bias, tb)
	}
	if nSubj > 0 {
		sw, sb, err := sgd(ctx, cfg, subjX, subj, subjIdx, nSubj, false)
		if err != nil {
			return nil, err
		}
		interleave(w, sw, no, nTop, nSubj)
		copy(bias[nTop:], sb)
	}
	return quantize(f, nTop, nSubj, w, bias), nil
}

// interleave copies head weights laid out [bucket*k + o] into w laid out
// [bucket*no + off + o].
func interleave(w, head []float64, no, off, k int) {
	for j := 0; j*k < len(head); j++ {
		copy(w[j*no+off:j*no+off+k], head[j*k:j*k+k])
	}
}

// sgd trains k linear outputs by stochastic gradient descent on the logistic loss: a
// softmax over the outputs (one label per document), or k independent sigmoids (any number
// of labels). L2 decay uses a global scale so that each step touches only the document's
// features. Deterministic for cfg.Seed.
func sgd(ctx context.Context, cfg TrainConfig, X []vector, docs []labelled, idx []int, k int, soft bool) ([]float64, []float64, error) {
	dim := 1 << cfg.Bits
	v := make([]float64, dim*k)
	bias := make([]float64, k)
	scale := 1.0
	order := append([]int(nil), idx...)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x70f1c5))
	z := make([]float64, k)
	y := make([]float64, k)
	t := 0
	// The result is the mean of the weights at the end of each epoch of the second half
	// (tail averaging), steadier than the last iterate.
	avg := make([]float64, len(v))
	avgBias := make([]float64, k)
	var nAvg float64
	for ep := range cfg.Epochs {
		if err := ctx.Err(); err != nil {
			return nil, nil, fmt.Errorf("train topics: %w", err)
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, di := range order {
			x := X[di]
			lr := cfg.LearningRate / (1 + float64(t)/float64(len(order)))
			t++
			for o := range k {
				z[o] = bias[o]
				y[o] = 0
			}
			for _, l := range docs[di].labels {
				y[l] = 1
			}
			for n, j := range x.idx {
				xv := float64(x.val[n]) * scale
				row := v[int(j)*k : int(j)*k+k]
				for o := range k {
					z[o] += row[o] * xv
				}
			}
			if soft {
				softmax(z, 1)
			} else {
				for o := range k {
					z[o] = sigmoid(z[o])
				}
			}
			scale *= 1 - lr*cfg.L2
			for n, j := range x.idx {
				xv := float64(x.val[n]) * lr / scale
				row := v[int(j)*k : int(j)*k+k]
				for o := range k {
					row[o] -= (z[o] - y[o]) * xv
				}
			}
			for o := range k {
				bias[o] -= lr * (z[o] - y[o])
			}
			if scale < 1e-6 {
				for i := range v {
					v[i] *= scale
				}
				scale = 1
			}
		}
		if 2*ep >= cfg.Epochs {
			for i, x := range v {
				avg[i] += x * scale
			}
			for o, b := range bias {
				avgBias[o] += b
			}
			nAvg++
		}
	}
	for i := range avg {
		avg[i] /= nAvg
	}
	for o := range avgBias {
		avgBias[o] /= nAvg
	}
	return avg, avgBias, nil
}

// fitTemperature returns the temperature that minimises the negative log-likelihood of
// the top head on the calibration documents (a grid over log T; deterministic), and that
// likelihood.
func fitTemperature(m *Model, X []vector, docs []labelled, calIdx []int) (float64, float64) {
	if len(calIdx) == 0 {
		return 1, 0
	}
	zs := make([][]float64, len(calIdx))
	for i, di := range calIdx {
		zs[i] = make([]float64, m.outputs())
		m.logits(X[di], zs[i])
	}
	best, bestT := math.Inf(1), 1.0
	p := make([]float64, m.top)
	for s := -300; s <= 300; s++ {
		t := math.Exp(float64(s) / 100)
		var nll float64
		for i, di := range calIdx {
			copy(p, zs[i][:m.top])
			softmax(p, t)
			nll -= math.Log(max(p[docs[di].labels[0]], 1e-12))
		}
		if nll < best {
			best, bestT = nll, t
		}
	}
	return bestT, best
}

// fitPlatt fits sigmoid(A·z + B) to subject output r on the calibration documents by
// Newton's method on the log loss, with Platt's smoothed targets.
func fitPlatt(m *Model, X []vector, docs []labelled, calIdx []int, r int) (a, b float64) {
	zs := make([]float64, len(calIdx))
	ys := make([]float64, len(calIdx))
	buf := make([]float64, m.outputs())
	var pos, neg float64
	for i, di := range calIdx {
		m.logits(X[di], buf)
		zs[i] = buf[m.top+r]
		for _, l := range docs[di].labels {
			if l == r {
				ys[i] = 1
			}
		}
		if ys[i] == 1 {
			pos++
		} else {
			neg++
		}
	}
	hi, lo := (pos+1)/(pos+2), 1/(neg+2)
	for i := range ys {
		if ys[i] == 1 {
			ys[i] = hi
		} else {
			ys[i] = lo
		}
	}
	a, b = 1, 0
	for range 50 {
		var ga, gb, haa, hab, hbb float64
		for i, z := range zs {
			p := sigmoid(a*z + b)
			d := p - ys[i]
			ga += d * z
			gb += d
			h := max(p*(1-p), 1e-9)
			haa += h * z * z
			hab += h * z
			hbb += h
		}
		haa += 1e-6
		hbb += 1e-6
		det := haa*hbb - hab*hab
		if det <= 0 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		a -= da
		b -= db
		if math.Abs(da)+math.Abs(db) < 1e-9 {
			break
		}
	}
	return a, b
}
