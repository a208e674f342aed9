package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
)

// ErrModel reports a model file that cannot be read.
var ErrModel = errors.New("ner: bad model file")

const modelMagic = "NFNER1\n"

// ModelInfo describes how a model was trained; it is stored in the model file.
type ModelInfo struct {
	Features    FeatureSet `json:"features"`
	Epochs      int        `json:"epochs"`
	Runs        int        `json:"runs"`
	Seed        int64      `json:"seed"`
	Corpora     []string   `json:"corpora"`
	Sentences   int        `json:"sentences"`
	Tokens      int        `json:"tokens"`
	Clusters    int        `json:"clusters"`
	Weights     int        `json:"weights"`
	NumFeatures int        `json:"n_features"`
	// Temperature scales label scores into confidences (softmax of score/Temperature;
	// 0 means 1). Chosen on development data so that confidences match precision.
	Temperature float64 `json:"temperature,omitempty"`
}

// Model is a trained tagger model: its lexicon and its weights. It is immutable and safe
// for concurrent use.
type Model struct {
	Info ModelInfo
	lex  *Lexicon
	w    *weightTable
	pad  *[5][numLabels]int32 // scores of the sentence-boundary features, per offset
	// common holds the frequent words with their token scores computed, shared read-only
	// by every document.
	common map[string]*tokInfo
}

func (m *Model) temperature() float64 {
	if m.Info.Temperature <= 0 {
		return 1
	}
	return m.Info.Temperature
}

// finish derives what a model computes from its weights when it is made or loaded.
func (m *Model) finish() *Model {
	x := newExtractor(m.Info.Features, m.lex)
	m.pad = x.padScores(m.w)
	m.common = make(map[string]*tokInfo, len(m.lex.Frequent))
	var buf []uint64
	for _, w := range m.lex.Frequent {
		t := newTokInfo(w, m.lex)
		_, buf = x.tokenScores(m.w, t, buf)
		m.common[w] = t
	}
	return m
}

// Save writes the model in its gzip-compressed binary form. The output is a function of the
// model alone (sorted tables, a fixed compression level, no timestamps).
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.DefaultCompression)
	if err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	bw := bufio.NewWriter(zw)
	enc := &binWriter{w: bw}
	enc.bytes([]byte(modelMagic))
	meta, err := json.Marshal(m.Info)
	if err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	enc.uvarint(uint64(len(meta)))
	enc.bytes(meta)

	words := sortedKeys(m.lex.Clusters)
	enc.uvarint(uint64(m.lex.ClusterBits))
	enc.uvarint(uint64(len(words)))
	for _, w := range words {
		enc.uvarint(uint64(len(w)))
		enc.bytes([]byte(w))
		enc.uvarint(uint64(m.lex.Clusters[w]))
	}

	caps := sortedKeys(m.lex.CapPrior)
	enc.uvarint(uint64(len(caps)))
	for _, w := range caps {
		enc.uvarint(uint64(len(w)))
		enc.bytes([]byte(w))
		enc.uvarint(uint64(m.lex.CapPrior[w]))
	}

	parts := sortedKeys(m.lex.NameParts)
	enc.uvarint(uint64(len(parts)))
	for _, w := range parts {
		enc.uvarint(uint64(len(w)))
		enc.bytes([]byte(w))
		enc.uvarint(uint64(m.lex.NameParts[w]))
	}

	enc.uvarint(uint64(len(m.lex.Frequent)))
	for _, w := range m.lex.Frequent {
		enc.uvarint(uint64(len(w)))
		enc.bytes([]byte(w))
	}

	keys := make([]uint64, 0, len(m.lex.Gaz))
	for k := range m.lex.Gaz {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	enc.uvarint(uint64(m.lex.GazMaxLen))
	enc.uvarint(uint64(len(keys)))
	for _, k := range keys {
		enc.u64(k)
		enc.uvarint(uint64(m.lex.Gaz[k]))
	}

	t := m.w
	enc.u32(math.Float32bits(t.scale))
	enc.uvarint(uint64(t.n))
	enc.uvarint(uint64(len(t.slots)))
	enc.uvarint(uint64(len(t.entries)))
	for _, v := range t.slots {
		enc.u32(uint32(v))
	}
	for _, v := range t.slots {
		enc.u32(uint32(v >> 32))
	}
	for _, e := range t.entries {
		enc.u32(e)
	}
	if enc.err != nil {
		return fmt.Errorf("save model: %w", enc.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	return nil
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModel, err)
	}
	defer zr.Close()
	d := &binReader{r: bufio.NewReaderSize(zr, 1<<16)}
	magic := d.bytes(len(modelMagic))
	if d.err == nil && string(magic) != modelMagic {
		return nil, fmt.Errorf("%w: not a newsflow NER model", ErrModel)
	}
	m := &Model{lex: &Lexicon{}}
	meta := d.bytes(d.count(1 << 20))
	if d.err == nil {
		if err := json.Unmarshal(meta, &m.Info); err != nil {
			return nil, fmt.Errorf("%w: meta: %v", ErrModel, err)
		}
	}
	m.lex.Folded = m.Info.Features.FoldNames
	m.lex.ClusterBits = int(d.count(32))
	nc := d.count(1 << 24)
	m.lex.Clusters = make(map[string]uint32, nc)
	for i := 0; i < nc && d.err == nil; i++ {
		w := string(d.bytes(d.count(1 << 16)))
		m.lex.Clusters[w] = uint32(d.uvarint())
	}
	ncap := d.count(1 << 24)
	m.lex.CapPrior = make(map[string]uint8, ncap)
	for i := 0; i < ncap && d.err == nil; i++ {
		w := string(d.bytes(d.count(1 << 16)))
		m.lex.CapPrior[w] = uint8(d.uvarint())
	}
	nparts := d.count(1 << 24)
	m.lex.NameParts = make(map[string]uint8, nparts)
	for i := 0; i < nparts && d.err == nil; i++ {
		w := string(d.bytes(d.count(1 << 16)))
		m.lex.NameParts[w] = uint8(d.uvarint())
	}
	nfreq := d.count(1 << 20)
	for i := 0; i < nfreq && d.err == nil; i++ {
		m.lex.Frequent = append(m.lex.Frequent, string(d.bytes(d.count(1<<16))))
	}
	m.lex.GazMaxLen = d.count(64)
	ng := d.count(1 << 24)
	m.lex.Gaz = make(map[uint64]uint16, ng)
	for i := 0; i < ng && d.err == nil; i++ {
		k := d.u64()
		m.lex.Gaz[k] = uint16(d.uvarint())
	}
	t := &weightTable{}
	t.scale = math.Float32frombits(d.u32())
	t.n = d.count(1 << 28)
	size := d.count(1 << 28)
	ne := d.count(1 << 30)
	if d.err == nil && (size == 0 || size&(size-1) != 0) {
		return nil, fmt.Errorf("%w: table size %d", ErrModel, size)
	}
	t.mask = uint64(size - 1)
	keys := d.u32s(size)
	offs := d.u32s(size)
	t.entries = d.u32s(ne)
	if d.err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModel, d.err)
	}
	t.slots = make([]uint64, size)
	for i, k := range keys {
		if k != 0 && int(offs[i]) >= len(t.entries) {
			return nil, fmt.Errorf("%w: entry offset out of range", ErrModel)
		}
		t.slots[i] = uint64(offs[i])<<32 | uint64(k)
	}
	if len(t.entries) > 0 && t.entries[len(t.entries)-1]&lastEntry == 0 {
		return nil, fmt.Errorf("%w: unterminated entries", ErrModel)
	}
	m.w = t
	return m.finish(), nil
}

type binWriter struct {
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

func (e *binWriter) bytes(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *binWriter) uvarint(v uint64) { e.bytes(e.buf[:binary.PutUvarint(e.buf[:], v)]) }

func (e *binWriter) u32(v uint32) {
	binary.LittleEndian.PutUint32(e.buf[:4], v)
	e.bytes(e.buf[:4])
}

func (e *binWriter) u64(v uint64) {
	binary.LittleEndian.PutUint64(e.buf[:8], v)
	e.bytes(e.buf[:8])
}

type binReader struct {
	r   *bufio.Reader
	err error
}

func (d *binReader) bytes(n int) []byte {
	if d.err != nil {
		return nil
	}
	b := make([]byte, n)
	_, d.err = io.ReadFull(d.r, b)
	return b
}

func (d *binReader) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	d.err = err
	return v
}

// count reads a length and checks it against a sanity bound, so that a corrupt file cannot
// make Load allocate without limit.
func (d *binReader) count(max int) int {
	v := d.uvarint()
	if d.err == nil && v > uint64(max) {
		d.err = fmt.Errorf("length %d out of range", v)
	}
	if d.err != nil {
		return 0
	}
	return int(v)
}

func (d *binReader) u32() uint32 {
	b := d.bytes(4)
	if d.err != nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

func (d *binReader) u64() uint64 {
	b := d.bytes(8)
	if d.err != nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}

func (d *binReader) u32s(n int) []uint32 {
	b := d.bytes(4 * n)
	if d.err != nil {
		return nil
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return out
}
