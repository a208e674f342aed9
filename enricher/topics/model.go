package topics

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// ErrBadModel is returned when a model file cannot be read.
var ErrBadModel = errors.New("topics: bad model file")

const modelMagic = "NFTOPIC1"

// Model is a trained linear model over hashed word and word-pair features with two heads:
//
//   - the top head, a softmax over the BBC classes (bbcClasses), divided by a temperature
//     fitted on held-out data so that its probabilities are calibrated;
//   - the subject heads, one logistic output per Reuters category (reutersSubjects), each
//     calibrated with Platt scaling (sigmoid(A·z + B)). They are trained on economy news
//     only, so each is a probability conditional on the article being about the economy.
//
// Weights are stored as int8 with one scale per output. A Model is immutable and safe for
// concurrent use.
type Model struct {
	bits uint
	idf  []uint8 // per bucket, see featurizer
	top  int     // outputs of the top head (0 or len(bbcClasses))
	subj int     // outputs of the subject heads (0 or len(reutersSubjects))
	// temp is the top head's temperature.
	temp float64
	// The top head adds beta × a naive-Bayes log posterior to its logits: nb holds
	// log P(word bucket | class), centred over the classes, as int8 × nbScale
	// [bucket*top + class]; nbPrior the log priors.
	beta    float64
	nbScale float32
	nbPrior []float32
	nb      []int8
	// plattA, plattB calibrate each subject output.
	plattA, plattB []float64
	scale, bias    []float32 // per output
	w              []int8    // [bucket*outputs + output]
}

func (m *Model) outputs() int { return m.top + m.subj }

func (m *Model) featurizer() featurizer { return featurizer{bits: m.bits, idf: m.idf} }

// logits writes the raw outputs of v into z (len outputs()).
func (m *Model) logits(v vector, z []float64) {
	no := m.outputs()
	var acc [32]float32
	a := acc[:no]
	for k, j := range v.idx {
		x := v.val[k]
		row := m.w[int(j)*no : int(j)*no+no]
		for o, q := range row {
			a[o] += float32(q) * x
		}
	}
	for o := range no {
		z[o] = float64(m.bias[o]) + float64(m.scale[o])*float64(a[o])
	}
	if m.beta != 0 && m.top > 0 {
		m.addNB(v.words, z[:m.top], m.beta)
	}
}

// addNB adds beta × the naive-Bayes log joint probability of words to z.
func (m *Model) addNB(words []uint32, z []float64, beta float64) {
	k := m.top
	var acc [8]int32
	a := acc[:k]
	for _, j := range words {
		row := m.nb[int(j)*k : int(j)*k+k]
		for c, q := range row {
			a[c] += int32(q)
		}
	}
	for c := range k {
		z[c] += beta * (float64(m.nbPrior[c]) + float64(m.nbScale)*float64(a[c]))
	}
}

// probs turns logits into calibrated probabilities in place: a softmax over the top head
// and Platt-scaled sigmoids over the subject heads.
func (m *Model) probs(z []float64) {
	softmax(z[:m.top], m.temp)
	for r := range m.subj {
		z[m.top+r] = sigmoid(m.plattA[r]*z[m.top+r] + m.plattB[r])
	}
}

func softmax(z []float64, temp float64) {
	if len(z) == 0 {
		return
	}
	mx := math.Inf(-1)
	for _, x := range z {
		mx = max(mx, x/temp)
	}
	var sum float64
	for i, x := range z {
		z[i] = math.Exp(x/temp - mx)
		sum += z[i]
	}
	for i := range z {
		z[i] /= sum
	}
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// quantize builds a Model from float weights laid out [bucket*outputs + output].
func quantize(f featurizer, top, subj int, w []float64, bias []float64) *Model {
	no := top + subj
	m := &Model{bits: f.bits, idf: f.idf, top: top, subj: subj, temp: 1,
		plattA: make([]float64, subj), plattB: make([]float64, subj),
		scale: make([]float32, no), bias: make([]float32, no), w: make([]int8, len(w))}
	for r := range subj {
		m.plattA[r] = 1
	}
	for o := range no {
		var mx float64
		for j := o; j < len(w); j += no {
			mx = max(mx, math.Abs(w[j]))
		}
		s := mx / 127
		if s == 0 {
			s = 1
		}
		m.scale[o] = float32(s)
		m.bias[o] = float32(bias[o])
		for j := o; j < len(w); j += no {
			m.w[j] = int8(math.Round(w[j] / s))
		}
	}
	return m
}

// Save writes the model, gzip-compressed, byte-identical for identical models.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("save topic model: %w", err)
	}
	bw := bufio.NewWriter(zw)
	le := binary.LittleEndian
	hdr := []any{uint32(m.bits), uint32(m.top), uint32(m.subj), m.temp, m.beta, m.nbScale, m.nbPrior, m.nb, m.plattA, m.plattB, m.scale, m.bias, m.idf, m.w}
	if _, err := bw.WriteString(modelMagic); err != nil {
		return fmt.Errorf("save topic model: %w", err)
	}
	for _, x := range hdr {
		if err := binary.Write(bw, le, x); err != nil {
			return fmt.Errorf("save topic model: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("save topic model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("save topic model: %w", err)
	}
	return nil
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadModel, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadModel, err)
	}
	if !bytes.HasPrefix(data, []byte(modelMagic)) {
		return nil, fmt.Errorf("%w: no magic", ErrBadModel)
	}
	br := bytes.NewReader(data[len(modelMagic):])
	le := binary.LittleEndian
	var bits, top, subj uint32
	for _, p := range []*uint32{&bits, &top, &subj} {
		if err := binary.Read(br, le, p); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrBadModel, err)
		}
	}
	if bits < 8 || bits > 24 || (top != 0 && top != uint32(len(bbcClasses))) || (subj != 0 && subj != uint32(len(reutersSubjects))) {
		return nil, fmt.Errorf("%w: header bits=%d top=%d subj=%d", ErrBadModel, bits, top, subj)
	}
	no := int(top + subj)
	m := &Model{bits: uint(bits), top: int(top), subj: int(subj),
		plattA: make([]float64, subj), plattB: make([]float64, subj),
		scale: make([]float32, no), bias: make([]float32, no), idf: make([]uint8, 1<<bits), w: make([]int8, no<<bits),
		nbPrior: make([]float32, top), nb: make([]int8, int(top)<<bits)}
	for _, x := range []any{&m.temp, &m.beta, &m.nbScale, m.nbPrior, m.nb, m.plattA, m.plattB, m.scale, m.bias, m.idf, m.w} {
		if err := binary.Read(br, le, x); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrBadModel, err)
		}
	}
	if br.Len() != 0 || !(m.temp > 0) {
		return nil, fmt.Errorf("%w: trailing data or bad temperature", ErrBadModel)
	}
	return m, nil
}
