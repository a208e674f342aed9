package ner

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// DefaultModelOut is where `newsflow train ner` writes by default: the embedded model, seen
// from the repository root.
const DefaultModelOut = "enricher/ner/" + EmbeddedModelPath

// RunTrain is `newsflow train ner`: it trains a model and writes it (by default over the
// embedded model in the repository), then scores it on a development file if one is given.
func RunTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("train ner", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var (
		cfg   TrainConfig
		out   = fl.String("out", DefaultModelOut, "model output path")
		extra = fl.String("extra", "", "extra training corpora, comma-separated: gmb, wikiann, re3d")
		dev   = fl.String("dev", "", "CoNLL file to score the trained model on (e.g. eng.testa, for model selection)")
	)
	fl.StringVar(&cfg.DataDir, "data", "../shared/data", "data directory (ner/, topic/, gazetteer/)")
	fl.IntVar(&cfg.Epochs, "epochs", 6, "training epochs")
	fl.Int64Var(&cfg.Seed, "seed", 1, "shuffling seed")
	fl.StringVar(&cfg.WordNetDir, "wordnet", "/usr/share/wordnet", "WordNet dictionary directory (data.noun); skipped when absent")
	fl.Float64Var(&cfg.Temperature, "temperature", 20, "confidence temperature stored in the model")
	fl.IntVar(&cfg.Runs, "runs", 3, "perceptrons trained on different shuffles and averaged")
	fl.IntVar(&cfg.MaxSentences, "max-sentences", 0, "train on at most this many sentences per corpus (0: all)")
	fl.Float64Var(&cfg.PruneBelow, "prune", 0, "drop averaged weights of smaller magnitude")
	fl.BoolVar(&cfg.Features.Minimal, "minimal", false, "baseline features only")
	fl.BoolVar(&cfg.Features.NoClusters, "no-clusters", false, "without word clusters")
	fl.BoolVar(&cfg.Features.NoGazetteer, "no-gazetteer", false, "without name lists")
	fl.StringVar(&cfg.ClusterCache, "cluster-cache", "", "file keeping learnt word clusters between runs (experiments)")
	fl.BoolVar(&cfg.Features.NoCorpusNames, "no-corpus-names", false, "without WikiANN and GMB name lists")
	fl.BoolVar(&cfg.Features.NoHistory, "no-history", false, "without the document's label history")
	fl.BoolVar(&cfg.Features.NoDocContext, "no-doc-context", false, "without document context features")
	fl.BoolVar(&cfg.Features.FoldNames, "fold-names", false, "match name lists without accents (session-3 experiment; off in the shipped model)")
	fl.BoolVar(&cfg.Features.NeighbourCapPrior, "neighbour-cap-prior", false, "add the capitalisation prior of the words at ±1 (session-3 experiment; off in the shipped model)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *extra != "" {
		cfg.Extra = strings.Split(*extra, ",")
	}
	cfg.Progress = stderr
	m, err := Train(ctx, cfg)
	if err != nil {
		return err
	}
	if err := saveFile(m, *out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	if *dev != "" {
		docs, err := ReadCorpusFile(*dev, FormatCoNLL)
		if err != nil {
			return err
		}
		Evaluate(m, docs).Write(stdout)
	}
	return nil
}

func saveFile(m *Model, path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if err := m.Save(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write model: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return nil
}

// LoadFile reads a model file.
func LoadFile(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open model: %w", err)
	}
	defer f.Close()
	return Load(f)
}

// Evaluate scores m on gold documents, exact spans.
func Evaluate(m *Model, docs []Document) *Score {
	s := NewScore()
	for _, d := range docs {
		pred := m.Predict(d)
		for i, sent := range d.Sentences {
			s.Add(sent.Spans, pred[i])
		}
	}
	return s
}

// entityTexts returns the texts (words joined by spaces) of the gold entities of docs.
func entityTexts(docs []Document) map[string]bool {
	out := map[string]bool{}
	for _, d := range docs {
		for _, s := range d.Sentences {
			for _, sp := range s.Spans {
				out[strings.Join(s.Words[sp.Start:sp.End], " ")] = true
			}
		}
	}
	return out
}

// EvaluateBySeen scores m on docs twice: on the spans (gold and predicted) whose text is not
// in seen, and on those whose text is. The first measures what generalises to new names.
func EvaluateBySeen(m *Model, docs []Document, seen map[string]bool) (unseen, known *Score) {
	unseen, known = NewScore(), NewScore()
	for _, d := range docs {
		pred := m.Predict(d)
		for i, sent := range d.Sentences {
			split := func(spans []TokenSpan) (a, b []TokenSpan) {
				for _, sp := range spans {
					if seen[strings.Join(sent.Words[sp.Start:sp.End], " ")] {
						b = append(b, sp)
					} else {
						a = append(a, sp)
					}
				}
				return a, b
			}
			gu, gk := split(sent.Spans)
			pu, pk := split(pred[i])
			unseen.Add(gu, pu)
			known.Add(gk, pk)
		}
	}
	return unseen, known
}

// RunEval is `newsflow eval ner --conll FILE`: it prints precision, recall and F1 per type
// and overall, exact span, CoNLL convention, for the embedded model or --model, and with
// --baseline minimal also for the minimal perceptron trained on the spot.
func RunEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("eval ner", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var (
		file     = fl.String("conll", "", "gold file to score (required)")
		format   = fl.String("format", FormatCoNLL, "gold file format: conll, wikiann, re3d, gmb")
		model    = fl.String("model", "", "model file (default: the embedded model)")
		baseline = fl.String("baseline", "", `also score a baseline: "minimal" (minimal perceptron, trained now on CoNLL train)`)
		data     = fl.String("data", "../shared/data", "data directory, for --baseline")
		seenIn   = fl.String("seen", "", "CoNLL training file: also score names seen and unseen in it apart")
	)
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *file == "" {
		return errors.New("eval ner: --conll FILE is required")
	}
	docs, err := ReadCorpusFile(*file, *format)
	if err != nil {
		return err
	}
	var m *Model
	if *model != "" {
		if m, err = LoadFile(*model); err != nil {
			return err
		}
	} else {
		t, err := Default()
		if err != nil {
			return err
		}
		m = t.Model()
	}
	var seen map[string]bool
	if *seenIn != "" {
		train, err := ReadCorpusFile(*seenIn, FormatCoNLL)
		if err != nil {
			return err
		}
		seen = entityTexts(train)
	}
	report := func(name string, m *Model) {
		start := time.Now()
		s := Evaluate(m, docs)
		fmt.Fprintf(stdout, "== %s on %s (%s, %.1fs)\n", name, *file, *format, time.Since(start).Seconds())
		s.Write(stdout)
		if seen != nil {
			un, se := EvaluateBySeen(m, docs, seen)
			fmt.Fprintf(stdout, "-- names not in %s\n", *seenIn)
			un.Write(stdout)
			fmt.Fprintf(stdout, "-- names in %s\n", *seenIn)
			se.Write(stdout)
		}
	}
	report("newsflow", m)
	switch *baseline {
	case "":
	case "minimal":
		bm, err := Train(ctx, MinimalConfig(*data, stderr))
		if err != nil {
			return err
		}
		report("minimal perceptron", bm)
	default:
		return fmt.Errorf("eval ner: unknown baseline %q", *baseline)
	}
	return nil
}

// MinimalConfig is the baseline of the issue: the minimal averaged perceptron, CoNLL train
// only, basic features, one run of 10 epochs.
func MinimalConfig(dataDir string, progress io.Writer) TrainConfig {
	return TrainConfig{DataDir: dataDir, Epochs: 10, Runs: 1, Features: FeatureSet{Minimal: true}, Progress: progress}
}
