package geo

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
)

// DefaultAmbiguityTable is the hand-written ambiguity table, seen from the repository root.
const DefaultAmbiguityTable = "enricher/geo/testdata/ambiguity.tsv"

// RunEval is `newsflow eval places`: the Reuters-21578 ModApte PLACES evaluation beside the
// plain name-lexicon baselines, then the hand-written ambiguity table.
func RunEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("eval places", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var cfg reutersEvalConfig
	fl.StringVar(&cfg.reutersDir, "reuters", "../shared/data/topic/reuters21578", `Reuters-21578 directory (reut2-*.sgm); "" to skip`)
	fl.StringVar(&cfg.gazetteerDir, "gazetteer", "../shared/data/gazetteer", "gazetteer directory, for the PLACES tag mapping and the baselines")
	fl.BoolVar(&cfg.dateline, "dateline", true, "include each story's dateline in its text")
	ambiguity := fl.String("ambiguity", DefaultAmbiguityTable, `hand-written ambiguity table (TSV); "" to skip`)
	topErrors := fl.Int("errors", 15, "list the tagger's this many most frequent country disagreements on Reuters")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("eval places: unexpected arguments %q", fl.Args())
	}
	t, err := New()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Places tagger %s\n\n", t.Version())
	if cfg.reutersDir != "" {
		r, err := evaluateReutersPlaces(ctx, t, cfg)
		if err != nil {
			return err
		}
		r.Write(stdout, *topErrors)
		fmt.Fprintln(stdout)
	}
	if *ambiguity != "" {
		f, err := os.Open(*ambiguity)
		if err != nil {
			return fmt.Errorf("eval places: %w", err)
		}
		cases, err := ReadAmbiguity(f)
		f.Close()
		if err != nil {
			return err
		}
		t.EvaluateAmbiguity(cases).Write(stdout)
	}
	return nil
}
