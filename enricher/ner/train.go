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
	// Epochs over the training sentences (default 6).
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
	// WordNetDir holds WordNet's data.noun, whose named instances join the name lists
	// (default "/usr/share/wordnet", Debian's wordnet-base; skipped when absent).
	WordNetDir string
	// Runs is the number of perceptrons trained on different shuffles (seeds Seed,
	// Seed+1, ...) whose averaged weights are averaged into the model (default 3).
	Runs int
	// ClusterText bounds the unlabelled text read to learn word clusters, in bytes
	// (default 64 MiB, in practice all of it).
	ClusterText int
	// PruneBelow drops averaged weights with a smaller magnitude (default 0: only weights
	// that quantise to zero are dropped).
	PruneBelow float64
	// Temperature is stored in the model to turn label scores into confidences
	// (default 20: on eng.testa the mean span confidence then matches span precision).
	Temperature float64
	// ClusterCache, when set, is a file that keeps learnt clusters between runs: read when
	// it exists, written otherwise (for experiments; default: always learn).
	ClusterCache string
	// Progress receives one line per step (default: discarded).
	Progress io.Writer
}

func (c TrainConfig) withDefaults() TrainConfig {
	if c.DataDir == "" {
		c.DataDir = "../shared/data"
	}
	if c.Epochs <= 0 {
		c.Epochs = 6
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.WordNetDir == "" {
		c.WordNetDir = "/usr/share/wordnet"
	}
	if c.Runs <= 0 {
		c.Runs = 3
	}
	if c.Temperature <= 0 {
		c.Temperature = 20
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
		d, err := readCorpusFile(filepath.Join(cfg.DataDir, p[0]), p[1], cfg.MaxSentences)
		if err != nil {
			return nil, fmt.Errorf("train: %w", err)
		}
		d = limitSentences(d, cfg.MaxSentences)
		logf("read %s: %d documents, %d sentences", name, len(d), countSentences(d))
		docs = append(docs, d...)
	}

	fs := cfg.Features
	lex := &Lexicon{Folded: fs.FoldNames}
	var names *nameLists
	if !fs.Minimal && !fs.NoGazetteer {
		if err := addGazetteers(lex, filepath.Join(cfg.DataDir, "gazetteer")); err != nil {
			return nil, fmt.Errorf("train: %w", err)
		}
		if !fs.NoCorpusNames {
			if err := addCorpusNames(lex, cfg.DataDir, cfg.MaxSentences); err != nil {
				return nil, fmt.Errorf("train: %w", err)
			}
			n, err := addWordNetNames(lex, cfg.WordNetDir, cfg.MaxSentences)
			if err != nil {
				return nil, fmt.Errorf("train: %w", err)
			}
			logf("wordnet: %d instance names from %s", n, cfg.WordNetDir)
			lex.finishParts()
			logf("name parts: %d words", len(lex.NameParts))
		}
		names = collectNames(docs, fs.FoldNames)
		names.addTo(lex)
		logf("gazetteer: %d phrases", len(lex.Gaz))
	}
	if !fs.Minimal && !fs.NoClusters {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ws, err := cachedClusters(ctx, cfg.ClusterCache, clusterConfig{
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
		lex.Clusters, lex.ClusterBits, lex.CapPrior, lex.Frequent = ws.Clusters, clusterBits, ws.CapPrior, ws.Frequent
		logf("clusters: %d words", len(ws.Clusters))
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
		order    []int
		tokens   int
	)
	for _, d := range docs {
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
			tokens += len(s.Words)
		}
		order = append(order, len(prepared))
		prepared = append(prepared, td)
	}
	logf("prepared %d documents, %d tokens", len(order), tokens)

	runs := make([]map[uint64][]float64, 0, cfg.Runs)
	for r := 0; r < cfg.Runs; r++ {
		p, err := trainRun(ctx, prepared, order, cfg.Seed+int64(r), cfg.Epochs, tokens, newExtractor(fs, lex), logf)
		if err != nil {
			return nil, err
		}
		runs = append(runs, p.averages())
	}
	feats, scale := quantise(runs, cfg.PruneBelow)
	m := &Model{
		Info: ModelInfo{
			Features:    fs,
			Epochs:      cfg.Epochs,
			Runs:        cfg.Runs,
			Temperature: cfg.Temperature,
			Seed:        cfg.Seed,
			Sentences:   countSentences(docs),
			Tokens:      tokens,
			Clusters:    len(lex.Clusters),
		},
		lex: lex,
	}
	for _, f := range feats {
		m.Info.Weights += len(f.labels)
	}
	m.Info.NumFeatures = len(feats)
	m.w = newWeightTable(feats, scale)
	logf("model: %d features, %d weights", m.Info.NumFeatures, m.Info.Weights)
	return m.finish(), nil
}

// trainRun trains one averaged perceptron over the prepared documents, visiting them in
// an order shuffled by seed.
func trainRun(ctx context.Context, prepared []trainDoc, order []int, seed int64, epochs, tokens int, x *extractor, logf func(string, ...any)) (*averaged, error) {
	order = append([]int(nil), order...)
	p := newAveraged()
	rng := rand.New(rand.NewSource(seed))
	var buf []uint64
	for epoch := 1; epoch <= epochs; epoch++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		// Documents are shuffled, sentences keep their order: the label history of a
		// document builds up as it will when tagging.
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs := 0
		for _, o := range order {
			td := &prepared[o]
			h := x.newHistory()
			for si := range td.sents {
				sd := &td.sents[si]
				gold := td.gold[si]
				n := len(gold)
				var p1, p2 uint8
				var s [numLabels]float32
				for i := 0; i < n; i++ {
					buf = x.static(sd, i, buf[:0])
					buf = x.dynamic(sd, i, p1, p2, h, buf)
					p.score(buf, &s)
					pred := bestLabel(&s, p1, i == n-1)
					if pred != gold[i] {
						p.update(buf, gold[i], pred)
						errs++
					}
					p.tick()
					// Learning from its own history: later tokens see the prediction, as
					// they will when tagging.
					h.record(sd, i, pred)
					p2, p1 = p1, pred
				}
			}
		}
		logf("seed %d epoch %d/%d: %d token errors (%.2f%%), %d features", seed, epoch, epochs, errs,
			100*float64(errs)/float64(tokens), len(p.keys))
	}
	return p, nil
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
