package ner

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"path/filepath"
	"time"
)

// TrainConfig configures Train. Zero values mean the documented defaults.
type TrainConfig struct {
	// DataDir holds ner/, topic/ and gazetteer/ (default "../shared/data").
	DataDir string
	// Epochs over the training sentences (default 12).
	Epochs int
	// Seed fixes the shuffling of sentences (default 1); equal configs give equal models.
	Seed int64
	// MaxSentences keeps only the first n training sentences of each corpus (default: all).
	MaxSentences int
	// Extra names additional corpora to train on besides CoNLL-2003 train: "gmb",
	// "wikiann" (WikiANN train), "re3d".
	Extra []string
	// Features selects feature groups (default: all).
	Features FeatureSet
	// ClusterText bounds the unlabelled text read to learn word clusters, in bytes
	// (default 64 MiB, in practice all of it).
	ClusterText int
	// PruneBelow drops averaged weights with a smaller magnitude (default 0: only weights
	// that quantise to zero are dropped).
	PruneBelow float64
	// Progress receives one line per step (default: discarded).
	Progress io.Writer
}

func (c TrainConfig) withDefaults() TrainConfig {
	if c.DataDir == "" {
		c.DataDir = "../shared/data"
	}
	if c.Epochs <= 0 {
		c.Epochs = 12
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.ClusterText <= 0 {
		c.ClusterText = 64 << 20
	}
	if c.Progress == nil {
		c.Progress = io.Discard
	}
	return c
}

// corpusPaths maps corpus names to their files under DataDir and their formats.
var corpusPaths = map[string][2]string{
	"conll":   {"ner/conll2003/eng.train", FormatCoNLL},
	"gmb":     {"ner/gmb/ner_dataset.csv", FormatGMB},
	"wikiann": {"ner/wikiann_en/train", FormatWikiANN},
	"re3d":    {"ner/re3d/re3d-train.conll", FormatRe3d},
}

// trainDoc is a training document with its features prepared.
type trainDoc struct {
	sents []sentData
	gold  [][]uint8
}

// Train learns a model from CoNLL-2003 train (plus cfg.Extra). It never reads eng.testa.
func Train(ctx context.Context, cfg TrainConfig) (*Model, error) {
	cfg = cfg.withDefaults()
	start := time.Now()
	logf := func(format string, args ...any) {
		fmt.Fprintf(cfg.Progress, "[%6.1fs] ", time.Since(start).Seconds())
		fmt.Fprintf(cfg.Progress, format+"\n", args...)
	}
	corpora := append([]string{"conll"}, cfg.Extra...)
	var docs []Document
	for _, name := range corpora {
		p, ok := corpusPaths[name]
		if !ok {
			return nil, fmt.Errorf("train: unknown corpus %q", name)
		}
		d, err := ReadCorpusFile(filepath.Join(cfg.DataDir, p[0]), p[1])
		if err != nil {
			return nil, fmt.Errorf("train: %w", err)
		}
		d = limitSentences(d, cfg.MaxSentences)
		logf("read %s: %d documents, %d sentences", name, len(d), countSentences(d))
		docs = append(docs, d...)
	}

	fs := cfg.Features
	lex := &Lexicon{}
	var names *nameLists
	if !fs.Minimal && !fs.NoGazetteer {
		if err := addGazetteers(lex, filepath.Join(cfg.DataDir, "gazetteer")); err != nil {
			return nil, fmt.Errorf("train: %w", err)
		}
		names = collectNames(docs)
		names.addTo(lex)
		logf("gazetteer: %d phrases", len(lex.Gaz))
	}
	if !fs.Minimal && !fs.NoClusters {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		cl, err := learnClusters(ctx, clusterConfig{
			DataDir:  cfg.DataDir,
			MaxBytes: cfg.ClusterText,
			Seed:     cfg.Seed,
			Extra:    docs,
			MaxSents: 5 * cfg.MaxSentences,
			Logf:     logf,
		})
		if err != nil {
			return nil, fmt.Errorf("train: %w", err)
		}
		lex.Clusters, lex.ClusterBits = cl, clusterBits
		logf("clusters: %d words", len(cl))
	}

	m, err := fit(ctx, cfg, docs, lex, names, logf)
	if err != nil {
		return nil, err
	}
	m.Info.Corpora = corpora
	return m, nil
}

// fit trains the perceptron on prepared documents over a finished lexicon.
func fit(ctx context.Context, cfg TrainConfig, docs []Document, lex *Lexicon, names *nameLists, logf func(string, ...any)) (*Model, error) {
	fs := cfg.Features
	// Prepare features once; only the label-history features change between epochs.
	var (
		prepared []trainDoc
		order    [][2]int
		tokens   int
	)
	for di, d := range docs {
		words := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			words[i] = s.Words
		}
		var exclude map[uint64]uint16
		if names != nil {
			exclude = names.exclusive(d)
		}
		x := newExtractor(fs, lex)
		td := trainDoc{sents: x.prepare(words, exclude), gold: make([][]uint8, len(d.Sentences))}
		for i, s := range d.Sentences {
			td.gold[i] = make([]uint8, len(s.Words))
			encodeBILOU(td.gold[i], s.Spans)
			order = append(order, [2]int{di, i})
			tokens += len(s.Words)
		}
		prepared = append(prepared, td)
	}
	logf("prepared %d sentences, %d tokens", len(order), tokens)

	p := newAveraged()
	rng := rand.New(rand.NewSource(cfg.Seed))
	x := newExtractor(fs, lex)
	var buf []uint64
	labels := make([]uint8, 0, 256)
	for epoch := 1; epoch <= cfg.Epochs; epoch++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs := 0
		for _, o := range order {
			sd := &prepared[o[0]].sents[o[1]]
			gold := prepared[o[0]].gold[o[1]]
			n := len(gold)
			labels = labels[:0]
			var p1, p2 uint8
			var s [numLabels]float32
			for i := 0; i < n; i++ {
				buf = x.static(sd, i, buf[:0])
				buf = x.dynamic(sd, i, p1, p2, buf)
				p.score(buf, &s)
				pred := bestLabel(&s, p1, i == n-1)
				if pred != gold[i] {
					p.update(buf, gold[i], pred)
					errs++
				}
				p.tick()
				labels = append(labels, pred)
				// Learning from its own history: the next token sees the prediction, as it
				// will when tagging.
				p2, p1 = p1, pred
			}
		}
		logf("epoch %d/%d: %d token errors (%.2f%%), %d features", epoch, cfg.Epochs, errs,
			100*float64(errs)/float64(tokens), len(p.keys))
	}
	feats, scale := p.quantise(cfg.PruneBelow)
	m := &Model{
		Info: ModelInfo{
			Features:  fs,
			Epochs:    cfg.Epochs,
			Seed:      cfg.Seed,
			Sentences: len(order),
			Tokens:    tokens,
			Clusters:  len(lex.Clusters),
		},
		lex: lex,
	}
	for _, f := range feats {
		m.Info.Weights += len(f.labels)
	}
	m.Info.NumFeatures = len(feats)
	m.w = newWeightTable(feats, scale)
	logf("model: %d features, %d weights", m.Info.NumFeatures, m.Info.Weights)
	return m, nil
}

func limitSentences(docs []Document, max int) []Document {
	if max <= 0 {
		return docs
	}
	var out []Document
	n := 0
	for _, d := range docs {
		if n >= max {
			break
		}
		if n+len(d.Sentences) > max {
			d.Sentences = d.Sentences[:max-n]
		}
		n += len(d.Sentences)
		out = append(out, d)
	}
	return out
}

func countSentences(docs []Document) int {
	n := 0
	for _, d := range docs {
		n += len(d.Sentences)
	}
	return n
}
