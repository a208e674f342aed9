package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"

	"github.com/newsflow/newsflow/internal/synth"
)

func init() {
	register("gen", "write deterministic synthetic articles (JSON Lines) for tests and benchmarks", runGen)
}

func runGen(_ context.Context, env Env, args []string) error {
	fs := newFlagSet("gen", "", "Writes synthetic news articles as JSON Lines: 200-2,000 words each, with URL variants,\n"+
		"planted near-copies and bad records of every kind the pipeline rejects. The same flags\n"+
		"always give the same bytes.", env.Stderr)
	var cfg synth.Config
	var output string
	fs.IntVar(&cfg.Articles, "articles", 1000, "number of records (good and bad) to write")
	fs.Int64Var(&cfg.Seed, "seed", 1, "random seed; the same seed gives the same output")
	fs.Float64Var(&cfg.DupRate, "dup-rate", 0.1, "share of records that copy an earlier story (URL variants and near-copies)")
	fs.Float64Var(&cfg.BadRate, "bad-rate", 0.02, "share of records the pipeline must reject")
	fs.StringVar(&output, "output", "-", "file to write, - for stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return usageError{err}
	}
	w := env.Stdout
	if output != "-" {
		f, err := os.Create(output)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	stats, err := synth.Generate(bw, cfg)
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "newsflow gen: %d records, %d bad\n", cfg.Articles, len(stats.BadLines()))
	return nil
}
