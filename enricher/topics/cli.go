package topics

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// DefaultModelOut is where `newsflow train topics` writes by default: the embedded model,
// seen from the repository root.
const DefaultModelOut = "enricher/topics/" + EmbeddedModelPath

func trainFlags(fl *flag.FlagSet, cfg *TrainConfig) {
	fl.StringVar(&cfg.DataDir, "data", "../shared/data", "data directory (holds topic/bbc and topic/reuters21578)")
	fl.Uint64Var(&cfg.Seed, "seed", 1, "seed of shuffling, calibration split and folds")
	fl.IntVar(&cfg.Epochs, "epochs", 30, "training epochs")
	fl.UintVar(&cfg.Bits, "bits", 17, "log2 of the number of hashed feature buckets")
	fl.Float64Var(&cfg.LearningRate, "lr", 10, "initial learning rate")
	fl.Float64Var(&cfg.L2, "l2", 1e-8, "L2 weight decay per example")
	fl.IntVar(&cfg.MaxDocs, "max-docs", 0, "use at most this many documents per corpus (0: all)")
}

// RunTrain is `newsflow train topics`: it trains the model (by default over the embedded
// model in the repository) and prints its SHA-256.
func RunTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("train topics", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var cfg TrainConfig
	trainFlags(fl, &cfg)
	out := fl.String("out", DefaultModelOut, "model output path")
	if err := fl.Parse(args); err != nil {
		return err
	}
	cfg.Progress = stderr
	m, err := Train(ctx, cfg)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return err
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	sum := sha256.Sum256(buf.Bytes())
	fmt.Fprintf(stdout, "wrote %s (%d bytes, sha256 %s)\n", *out, buf.Len(), hex.EncodeToString(sum[:]))
	return nil
}

func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write topic model: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("write topic model: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write topic model: %w", err)
	}
	return nil
}

// RunEval is `newsflow eval topics`: BBC cross-validation and Reuters ModApte beside naive
// Bayes (both train in the run), then the shipped model (or -model) on the check set.
func RunEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("eval topics", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var cfg TrainConfig
	trainFlags(fl, &cfg)
	folds := fl.Int("folds", 5, "cross-validation folds")
	check := fl.String("checkset", DefaultCheckSet, "hand-written check set (JSONL)")
	model := fl.String("model", "", "model file for the check set (default: the embedded model)")
	skipData := fl.Bool("checkset-only", false, "only score the check set (no ../shared/data needed)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if !*skipData {
		cv, err := CrossValidateBBC(ctx, cfg, *folds)
		if err != nil {
			return err
		}
		cv.Write(stdout)
		rr, err := EvaluateReuters(ctx, cfg)
		if err != nil {
			return err
		}
		rr.Write(stdout)
	}
	t, err := Default()
	if *model != "" {
		f, ferr := os.Open(*model)
		if ferr != nil {
			return fmt.Errorf("eval topics: %w", ferr)
		}
		m, lerr := Load(f)
		f.Close()
		if lerr != nil {
			return lerr
		}
		t, err = New(m, "file:"+filepath.Base(*model), Config{}), nil
	}
	if err != nil {
		return err
	}
	cr, err := EvaluateCheckSet(t, *check)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Model %s\n\n", t.Version())
	cr.Write(stdout)
	if !*skipData {
		wr, err := EvaluateTaggerOnCorpora(t, cfg.withDefaults().DataDir, cfg.MaxDocs)
		if err != nil {
			return err
		}
		wr.Write(stdout)
	}
	return nil
}
