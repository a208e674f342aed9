package ner

import (
	"context"
	"fmt"
	"maps"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Word clusters from unlabelled news text. Each frequent word gets a vector of its left and
// right neighbours (the most frequent words, or a shape class for the rest), Hellinger-
// scaled; a three-level spherical k-means (16 way at each level) turns the vectors into a
// 12-bit path, coarse to fine, used like Brown-cluster bit prefixes.

const (
	clusterBits     = 12
	clusterBranch   = 16
	clusterLevels   = 3
	clusterMinCount = 3
	clusterMaxWords = 40000
	contextWords    = 400
	kmeansRounds    = 8
)

// contextOffsets are the neighbour positions whose words describe a word.
var contextOffsets = []int{-1, 1}

type clusterConfig struct {
	DataDir  string
	MaxBytes int
	Seed     int64
	Extra    []Document // training sentences, whose text joins the unlabelled corpus
	MaxSents int        // stop reading after this many sentences (0: read everything)
	Logf     func(format string, args ...any)
}

// unlabelledText returns the sentences (as words) of BBC and Reuters-21578 articles under
// DataDir/topic, of WikiANN train and GMB, and of cfg.Extra. eng.testa is never read.
func unlabelledText(cfg clusterConfig) ([][]string, error) {
	var sents [][]string
	size := 0
	full := func() bool { return size >= cfg.MaxBytes || cfg.MaxSents > 0 && len(sents) >= cfg.MaxSents }
	addText := func(text string) {
		for _, s := range Segment(text) {
			words := make([]string, len(s))
			for i, t := range s {
				words[i] = text[t.Start:t.End]
			}
			sents = append(sents, words)
		}
		size += len(text)
	}
	bbc, err := filepath.Glob(filepath.Join(cfg.DataDir, "topic/bbc/*/*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(bbc)
	for _, p := range bbc {
		if full() {
			break
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read unlabelled text: %w", err)
		}
		addText(string(b))
	}
	sgm, err := filepath.Glob(filepath.Join(cfg.DataDir, "topic/reuters21578/*.sgm"))
	if err != nil {
		return nil, err
	}
	sort.Strings(sgm)
	for _, p := range sgm {
		if full() {
			break
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read unlabelled text: %w", err)
		}
		for _, t := range reutersTexts(string(b)) {
			addText(t)
		}
	}
	for _, name := range []string{"wikiann", "gmb"} {
		if full() {
			break
		}
		p := corpusPaths[name]
		docs, err := ReadCorpusFile(filepath.Join(cfg.DataDir, p[0]), p[1])
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			for _, s := range d.Sentences {
				sents = append(sents, s.Words)
			}
		}
	}
	for _, d := range cfg.Extra {
		for _, s := range d.Sentences {
			sents = append(sents, s.Words)
		}
	}
	return sents, nil
}

// reutersTexts extracts titles and bodies from Reuters-21578 SGML, unwrapping the
// hard-wrapped lines.
func reutersTexts(sgml string) []string {
	var out []string
	for _, tag := range []string{"TITLE", "BODY"} {
		open, close := "<"+tag+">", "</"+tag+">"
		rest := sgml
		for {
			i := strings.Index(rest, open)
			if i < 0 {
				break
			}
			rest = rest[i+len(open):]
			j := strings.Index(rest, close)
			if j < 0 {
				break
			}
			t := rest[:j]
			rest = rest[j+len(close):]
			t = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&#3;", "", "\n", " ").Replace(t)
			out = append(out, t)
		}
	}
	return out
}

// wordStats is what the unlabelled text teaches about words.
type wordStats struct {
	Clusters map[string]uint32
	CapPrior map[string]uint8
	Frequent []string // the most frequent words, most frequent first
}

// frequentWords is how many of the most frequent words a model keeps pre-scored.
const frequentWords = 5000

// cachedClusters reads word statistics from cache when it exists, else learns them and
// writes cache (when not empty).
func cachedClusters(ctx context.Context, cache string, cfg clusterConfig) (*wordStats, error) {
	if cache != "" {
		if b, err := os.ReadFile(cache); err == nil {
			ws := &wordStats{Clusters: map[string]uint32{}, CapPrior: map[string]uint8{}}
			for _, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
				f := strings.Split(line, "\t")
				n, err := strconv.ParseUint(f[len(f)-1], 10, 32)
				switch {
				case len(f) == 2 && err == nil:
					ws.Clusters[f[0]] = uint32(n)
				case len(f) == 3 && f[0] == "cap" && err == nil:
					ws.CapPrior[f[1]] = uint8(n)
				case len(f) == 2 && f[0] == "freq":
					ws.Frequent = append(ws.Frequent, f[1])
				default:
					return nil, fmt.Errorf("read cluster cache: bad line %q", line)
				}
			}
			cfg.Logf("clusters: read %s", cache)
			return ws, nil
		}
	}
	ws, err := learnClusters(ctx, cfg)
	if err != nil || cache == "" {
		return ws, err
	}
	var sb strings.Builder
	for _, w := range sortedKeys(ws.Clusters) {
		fmt.Fprintf(&sb, "%s\t%d\n", w, ws.Clusters[w])
	}
	for _, w := range sortedKeys(ws.CapPrior) {
		fmt.Fprintf(&sb, "cap\t%s\t%d\n", w, ws.CapPrior[w])
	}
	for _, w := range ws.Frequent {
		fmt.Fprintf(&sb, "freq\t%s\n", w)
	}
	if err := os.WriteFile(cache, []byte(sb.String()), 0o644); err != nil {
		return nil, fmt.Errorf("write cluster cache: %w", err)
	}
	return ws, nil
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// learnCapPrior buckets, for each lower-cased word seen at least capMinCount times inside
// sentences (not first, not in all-caps lines), how often it is written capitalised:
// 1 almost never, 2 sometimes, 3 mostly, 4 almost always. Sentence-initial and headline
// words lean on it, since their own capitals say nothing.
func learnCapPrior(sents [][]string) map[string]uint8 {
	type cc struct{ caps, all int32 }
	counts := map[string]*cc{}
	for _, s := range sents {
		if allCapsWords(s) {
			continue
		}
		for _, w := range s[min(1, len(s)):] {
			if startsLower(w) || isCap(w) {
				lw := strings.ToLower(w)
				c := counts[lw]
				if c == nil {
					c = &cc{}
					counts[lw] = c
				}
				c.all++
				if isCap(w) {
					c.caps++
				}
			}
		}
	}
	out := map[string]uint8{}
	for w, c := range counts {
		if c.all < capMinCount {
			continue
		}
		r := float64(c.caps) / float64(c.all)
		switch {
		case r < 0.05:
			out[w] = 1
		case r < 0.5:
			out[w] = 2
		case r < 0.95:
			out[w] = 3
		default:
			out[w] = 4
		}
	}
	return out
}

const capMinCount = 3

func allCapsWords(s []string) bool {
	n := 0
	for _, w := range s {
		if strings.ToUpper(w) != w {
			return false
		}
		if isCap(w) {
			n++
		}
	}
	return n >= 2
}

// learnClusters returns the cluster path of each frequent word.
func learnClusters(ctx context.Context, cfg clusterConfig) (*wordStats, error) {
	sents, err := unlabelledText(cfg)
	if err != nil {
		return nil, err
	}
	capPrior := learnCapPrior(sents)
	counts := map[string]int{}
	tokens := 0
	for _, s := range sents {
		for _, w := range s {
			counts[w]++
		}
		tokens += len(s)
	}
	type wc struct {
		w string
		n int
	}
	all := make([]wc, 0, len(counts))
	for w, n := range counts {
		all = append(all, wc{w, n})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].n != all[j].n {
			return all[i].n > all[j].n
		}
		return all[i].w < all[j].w
	})
	ctxIndex := map[string]int{}
	for i := 0; i < contextWords && i < len(all); i++ {
		ctxIndex[all[i].w] = i
	}
	maxWords := clusterMaxWords
	if cfg.MaxSents > 0 && cfg.MaxSents/4 < maxWords {
		maxWords = cfg.MaxSents / 4 // reduced models (CI) cluster fewer words
	}
	vocab := map[string]int{}
	var words []string
	for _, x := range all {
		if x.n < clusterMinCount || len(words) >= maxWords {
			break
		}
		vocab[x.w] = len(words)
		words = append(words, x.w)
	}
	cfg.Logf("clusters: %d sentences, %d tokens, %d words to cluster", len(sents), tokens, len(words))

	// Context classes: the frequent words, then shape classes for the rest, then the
	// sentence boundary.
	const classes = 5
	half := contextWords + classes
	dim := len(contextOffsets) * half
	ctxOf := func(s []string, j int) int {
		if j < 0 || j >= len(s) {
			return contextWords + 4
		}
		if c, ok := ctxIndex[s[j]]; ok {
			return c
		}
		w := s[j]
		switch {
		case isCap(w):
			return contextWords
		case strings.IndexAny(w, "0123456789") >= 0:
			return contextWords + 1
		case startsLower(w):
			return contextWords + 2
		}
		return contextWords + 3
	}
	dense := make([]float32, len(words)*dim)
	for _, s := range sents {
		for i, w := range s {
			v, ok := vocab[w]
			if !ok {
				continue
			}
			for b, off := range contextOffsets {
				dense[v*dim+b*half+ctxOf(s, i+off)]++
			}
		}
	}
	vecs := make([]sparseVec, len(words))
	for v := range words {
		x := dense[v*dim : (v+1)*dim]
		normalise(hellinger(x, len(contextOffsets)))
		vecs[v] = toSparse(x)
	}
	dense = nil
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewSource(cfg.Seed))
	paths := make([]uint32, len(words))
	members := make([]int, len(words))
	for i := range members {
		members[i] = i
	}
	groups := [][]int{members}
	for level := 0; level < clusterLevels; level++ {
		var next [][]int
		for _, g := range groups {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			parts := kmeans(vecs, dim, g, clusterBranch, rng)
			for k, part := range parts {
				for _, v := range part {
					paths[v] = paths[v]<<4 | uint32(k)
				}
				if len(part) > 0 {
					next = append(next, part)
				}
			}
		}
		groups = next
		cfg.Logf("clusters: level %d, %d groups", level+1, len(groups))
	}
	out := make(map[string]uint32, len(words))
	for v, w := range words {
		out[w] = paths[v]
	}
	frequent := words[:min(frequentWords, len(words))]
	return &wordStats{Clusters: out, CapPrior: capPrior, Frequent: frequent}, nil
}

// hellinger scales each of the blocks of v (one per context offset) to the square roots
// of its proportions.
func hellinger(v []float32, blocks int) []float32 {
	size := len(v) / blocks
	for b := 0; b < blocks; b++ {
		part := v[b*size : (b+1)*size]
		sum := float32(0)
		for _, x := range part {
			sum += x
		}
		if sum == 0 {
			continue
		}
		for i, x := range part {
			part[i] = float32(math.Sqrt(float64(x / sum)))
		}
	}
	return v
}

func normalise(v []float32) {
	n := float32(0)
	for _, x := range v {
		n += x * x
	}
	if n == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(float64(n)))
	for i := range v {
		v[i] *= inv
	}
}

// sparseVec is a unit vector of context weights, non-zero dimensions only.
type sparseVec struct {
	idx []uint16
	val []float32
}

func toSparse(x []float32) sparseVec {
	var v sparseVec
	for i, f := range x {
		if f != 0 {
			v.idx = append(v.idx, uint16(i))
			v.val = append(v.val, f)
		}
	}
	return v
}

func (v sparseVec) dot(dense []float32) float32 {
	s := float32(0)
	for k, i := range v.idx {
		s += v.val[k] * dense[i]
	}
	return s
}

func (v sparseVec) addTo(dense []float32) {
	for k, i := range v.idx {
		dense[i] += v.val[k]
	}
}

// kmeans splits the members into at most k groups by spherical k-means; groups too small
// to split are returned whole as group 0. Seeds are spread by a farthest-point pass over a
// sample, starting from the most frequent member.
func kmeans(vecs []sparseVec, dim int, members []int, k int, rng *rand.Rand) [][]int {
	if len(members) < 2*k {
		return [][]int{members}
	}
	cent := make([]float32, k*dim)
	sample := members
	if len(sample) > 4000 {
		sample = make([]int, 4000)
		for i := range sample {
			sample[i] = members[rng.Intn(len(members))]
		}
	}
	best := make([]float32, len(sample))
	for i := range best {
		best[i] = -2
	}
	vecs[members[0]].addTo(cent[:dim])
	for c := 1; c < k; c++ {
		prev := cent[(c-1)*dim : c*dim]
		far, farSim := sample[0], float32(2)
		for i, v := range sample {
			if s := vecs[v].dot(prev); s > best[i] {
				best[i] = s
			}
			if best[i] < farSim {
				far, farSim = v, best[i]
			}
		}
		vecs[far].addTo(cent[c*dim : (c+1)*dim])
	}
	assign := make([]int, len(members))
	for round := 0; round < kmeansRounds; round++ {
		for i, v := range members {
			bc, bs := 0, float32(-2)
			for c := 0; c < k; c++ {
				if s := vecs[v].dot(cent[c*dim : (c+1)*dim]); s > bs {
					bc, bs = c, s
				}
			}
			assign[i] = bc
		}
		for i := range cent {
			cent[i] = 0
		}
		for i, v := range members {
			vecs[v].addTo(cent[assign[i]*dim : (assign[i]+1)*dim])
		}
		for c := 0; c < k; c++ {
			normalise(cent[c*dim : (c+1)*dim])
		}
	}
	parts := make([][]int, k)
	for i, v := range members {
		parts[assign[i]] = append(parts[assign[i]], v)
	}
	return parts
}
