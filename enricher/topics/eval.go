package topics

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// CVResult is the outcome of the BBC cross-validation: the model and the naive-Bayes
// baseline on identical folds.
type CVResult struct {
	Folds        int
	Docs         int
	ModelAcc     []float64 // top-1 accuracy per fold
	NBAcc        []float64
	ECE          float64 // expected calibration error of the model's top-1 confidence, 10 bins, over all folds
	Confusion    [][]int // [true][predicted] over bbcClasses, model
	NBConfusion  [][]int
	Temperatures []float64
	NBWeights    []float64 // the naive-Bayes weight chosen per fold
}

// Mean returns the mean of xs.
func Mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(max(len(xs), 1))
}

// foldOf assigns a document to one of k folds by content hash: identical texts share a fold.
func foldOf(hash, seed uint64, k int) int { return int(mix(hash, seed^0xf01d) % uint64(k)) }

// CrossValidateBBC runs k-fold cross-validation on the BBC corpus.
func CrossValidateBBC(ctx context.Context, cfg TrainConfig, k int) (*CVResult, error) {
	cfg = cfg.withDefaults()
	docs, err := readBBC(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	if cfg.MaxDocs > 0 {
		docs = spread(docs, cfg.MaxDocs)
	}
	return crossValidate(ctx, cfg, docs, k)
}

// crossValidate runs k-fold cross-validation of the top head and naive Bayes on docs.
func crossValidate(ctx context.Context, cfg TrainConfig, docs []labelled, k int) (*CVResult, error) {
	cfg = cfg.withDefaults()
	nc := len(bbcClasses)
	res := &CVResult{Folds: k, Docs: len(docs), Confusion: square(nc), NBConfusion: square(nc)}
	counts := make([][]uint32, len(docs))
	for i, d := range docs {
		counts[i] = wordCounts(d.text)
	}
	var confs []float64
	var hits []bool
	for fold := range k {
		var train []labelled
		var trainIdx, testIdx []int
		for i, d := range docs {
			if foldOf(d.hash, cfg.Seed, k) == fold {
				testIdx = append(testIdx, i)
			} else {
				train = append(train, d)
				trainIdx = append(trainIdx, i)
			}
		}
		m, err := fit(ctx, cfg, train, nil)
		if err != nil {
			return nil, err
		}
		res.Temperatures = append(res.Temperatures, m.temp)
		res.NBWeights = append(res.NBWeights, m.beta)
		nb := trainNB(counts, trainIdx, nc, func(i int) int { return docs[i].labels[0] })
		z := make([]float64, m.outputs())
		var ok, nbOK int
		for _, i := range testIdx {
			m.logits(m.featurizer().vectorOf(docs[i].text), z)
			m.probs(z)
			p := argmax(z[:nc])
			want := docs[i].labels[0]
			res.Confusion[want][p]++
			confs = append(confs, z[p])
			hits = append(hits, p == want)
			if p == want {
				ok++
			}
			q := argmax(nb.scores(counts[i]))
			res.NBConfusion[want][q]++
			if q == want {
				nbOK++
			}
		}
		res.ModelAcc = append(res.ModelAcc, float64(ok)/float64(max(len(testIdx), 1)))
		res.NBAcc = append(res.NBAcc, float64(nbOK)/float64(max(len(testIdx), 1)))
	}
	res.ECE = ece(confs, hits, 10)
	return res, nil
}

func square(n int) [][]int {
	m := make([][]int, n)
	for i := range m {
		m[i] = make([]int, n)
	}
	return m
}

// ece is the expected calibration error: the weighted mean over equal-width confidence
// bins of |accuracy − mean confidence|.
func ece(conf []float64, hit []bool, bins int) float64 {
	n := make([]float64, bins)
	sc := make([]float64, bins)
	sa := make([]float64, bins)
	for i, c := range conf {
		b := min(int(c*float64(bins)), bins-1)
		n[b]++
		sc[b] += c
		if hit[i] {
			sa[b]++
		}
	}
	var e float64
	for b := range bins {
		if n[b] > 0 {
			e += math.Abs(sa[b]-sc[b]) / float64(len(conf))
		}
	}
	return e
}

// ReutersResult is the outcome of the ModApte evaluation over the ten mapped categories.
type ReutersResult struct {
	Train, Test   int
	Top10         []string // the ten most frequent training categories, most frequent first
	ModelMicroF1  float64
	NBMicroF1     float64
	ModelF1, NBF1 []float64 // per category of reutersSubjects
}

// EvaluateReuters trains subject heads and the naive-Bayes baseline on the ModApte
// training stories and scores both on the test stories.
func EvaluateReuters(ctx context.Context, cfg TrainConfig) (*ReutersResult, error) {
	cfg = cfg.withDefaults()
	train, test, err := readReuters(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	if cfg.MaxDocs > 0 {
		train = train[:min(len(train), cfg.MaxDocs)]
		test = test[:min(len(test), cfg.MaxDocs)]
	}
	res := &ReutersResult{Train: len(train), Test: len(test), Top10: topCategories(train, 10)}
	m, err := fit(ctx, cfg, nil, reutersLabelled(train))
	if err != nil {
		return nil, err
	}
	f := m.featurizer()
	nr := len(reutersSubjects)
	var tp, fp, fn, ntp, nfp, nfn = make([]int, nr), make([]int, nr), make([]int, nr), make([]int, nr), make([]int, nr), make([]int, nr)
	z := make([]float64, m.outputs())
	for _, d := range test {
		m.logits(f.vectorOf(d.text), z)
		m.probs(z)
		for r := range nr {
			count(z[r] >= 0.5, slices.Contains(d.labels, r), r, tp, fp, fn)
		}
	}
	counts := make([][]uint32, len(train))
	for i, d := range train {
		counts[i] = wordCounts(d.text)
	}
	testCounts := make([][]uint32, len(test))
	for i, d := range test {
		testCounts[i] = wordCounts(d.text)
	}
	for r := range nr {
		nb := trainNB(counts, allIdx(len(train)), 2, func(i int) int {
			if slices.Contains(train[i].labels, r) {
				return 1
			}
			return 0
		})
		for i, d := range test {
			s := nb.scores(testCounts[i])
			count(s[1] > s[0], slices.Contains(d.labels, r), r, ntp, nfp, nfn)
		}
	}
	res.ModelMicroF1, res.ModelF1 = f1s(tp, fp, fn)
	res.NBMicroF1, res.NBF1 = f1s(ntp, nfp, nfn)
	return res, nil
}

func count(pred, want bool, r int, tp, fp, fn []int) {
	switch {
	case pred && want:
		tp[r]++
	case pred:
		fp[r]++
	case want:
		fn[r]++
	}
}

func f1(tp, fp, fn int) float64 {
	if tp == 0 {
		return 0
	}
	return 2 * float64(tp) / float64(2*tp+fp+fn)
}

func f1s(tp, fp, fn []int) (micro float64, per []float64) {
	var a, b, c int
	for r := range tp {
		per = append(per, f1(tp[r], fp[r], fn[r]))
		a, b, c = a+tp[r], b+fp[r], c+fn[r]
	}
	return f1(a, b, c), per
}

func topCategories(docs []reutersDoc, n int) []string {
	freq := map[string]int{}
	for _, d := range docs {
		for _, t := range d.topics {
			freq[t]++
		}
	}
	cats := make([]string, 0, len(freq))
	for c := range freq {
		cats = append(cats, c)
	}
	slices.SortFunc(cats, func(a, b string) int {
		if freq[a] != freq[b] {
			return freq[b] - freq[a]
		}
		return strings.Compare(a, b)
	})
	return cats[:min(n, len(cats))]
}

// WriteCV prints a CV result as Markdown.
func (r *CVResult) Write(w io.Writer) {
	fmt.Fprintf(w, "BBC %d-fold cross-validation (%d articles, folds by content hash)\n\n", r.Folds, r.Docs)
	fmt.Fprintf(w, "| fold | model top-1 | naive Bayes top-1 |\n|---|---|---|\n")
	for i := range r.ModelAcc {
		fmt.Fprintf(w, "| %d | %.4f | %.4f |\n", i+1, r.ModelAcc[i], r.NBAcc[i])
	}
	fmt.Fprintf(w, "| mean | %.4f | %.4f |\n\n", Mean(r.ModelAcc), Mean(r.NBAcc))
	fmt.Fprintf(w, "ECE (10 bins, top-1 confidence, all folds): %.4f; temperatures %s; naive-Bayes weights %s\n\n", r.ECE, fmtFloats(r.Temperatures), fmtFloats(r.NBWeights))
	for _, c := range []struct {
		name string
		m    [][]int
	}{{"model", r.Confusion}, {"naive Bayes", r.NBConfusion}} {
		fmt.Fprintf(w, "Confusion (%s; rows true, columns predicted)\n\n|  |", c.name)
		for _, b := range bbcClasses {
			fmt.Fprintf(w, " %s |", b.Folder)
		}
		fmt.Fprintf(w, "\n|---|%s\n", strings.Repeat("---|", len(bbcClasses)))
		for i, row := range c.m {
			fmt.Fprintf(w, "| %s |", bbcClasses[i].Folder)
			for _, n := range row {
				fmt.Fprintf(w, " %d |", n)
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w)
	}
}

func fmtFloats(xs []float64) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprintf("%.2f", x)
	}
	return strings.Join(s, " ")
}

// Write prints a Reuters result as Markdown.
func (r *ReutersResult) Write(w io.Writer) {
	fmt.Fprintf(w, "Reuters-21578 ModApte (%d training, %d test stories with at least one topic)\n\n", r.Train, r.Test)
	fmt.Fprintf(w, "Ten most frequent training categories: %s\n\n", strings.Join(r.Top10, ", "))
	fmt.Fprintf(w, "| category | IPTC subject | model F1 | naive Bayes F1 |\n|---|---|---|---|\n")
	for i, s := range reutersSubjects {
		fmt.Fprintf(w, "| %s | %s %s | %.4f | %.4f |\n", s.Category, s.Code, s.Label, r.ModelF1[i], r.NBF1[i])
	}
	fmt.Fprintf(w, "| micro-F1 | | %.4f | %.4f |\n\n", r.ModelMicroF1, r.NBMicroF1)
}
