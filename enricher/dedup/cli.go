package dedup

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/synth"
)

// SynthArticles generates n lines with `newsflow gen`'s generator and returns the good ones
// with distinct ids (URL variants of an article already taken are left out: they share its
// id), normalised, with the true story of each (planted near-copies share their original's).
func SynthArticles(n int, seed int64, dupRate float64) (arts []*article.Article, stories []int, err error) {
	var buf bytes.Buffer
	truth, err := synth.Generate(&buf, synth.Config{Articles: n, Seed: seed, DupRate: dupRate})
	if err != nil {
		return nil, nil, fmt.Errorf("generate: %w", err)
	}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 8<<20)
	seen := map[string]bool{}
	for i := 0; sc.Scan(); i++ {
		l := truth.Lines[i]
		if !l.Good() || seen[l.ID] {
			continue
		}
		seen[l.ID] = true
		a, err := article.Decode(sc.Bytes())
		if err != nil {
			return nil, nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		a.Normalize(time.Time{})
		a.ID = l.ID
		arts = append(arts, a)
		stories = append(stories, l.Story)
	}
	return arts, stories, sc.Err()
}

// Items signs articles for Resolve and Evaluate.
func Items(arts []*article.Article) []Item {
	items := make([]Item, len(arts))
	for i, a := range arts {
		items[i] = Item{ID: a.ID, Date: DateOf(a), Sig: SignArticle(a)}
	}
	return items
}

// RunEval is `newsflow eval dedup`: precision and recall of near-duplicate linking on the
// near-copies `newsflow gen` plants, for each seed.
func RunEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("eval dedup", flag.ContinueOnError)
	fl.SetOutput(stderr)
	n := fl.Int("articles", 5000, "synthetic lines to generate per seed")
	seeds := fl.Int("seeds", 2, "seeds 1..N, one run each")
	rate := fl.Float64("dup-rate", 0.3, "share of lines that are near-copies of an earlier story")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("eval dedup: unexpected arguments %q", fl.Args())
	}
	if *n <= 0 || *seeds <= 0 || *rate < 0 || *rate >= 1 {
		return fmt.Errorf("eval dedup: --articles and --seeds must be positive and --dup-rate in [0, 1)")
	}
	fmt.Fprintf(stdout, "Near-duplicates on `newsflow gen` near-copies: %d lines per seed, dup rate %.2f, threshold %.2f\n\n", *n, *rate, Threshold)
	fmt.Fprintln(stdout, "| seed | articles | copies | true pairs | found pairs | precision | recall | duplicate_of right |")
	fmt.Fprintln(stdout, "|---|---|---|---|---|---|---|---|")
	for seed := int64(1); seed <= int64(*seeds); seed++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		arts, stories, err := SynthArticles(*n, seed, *rate)
		if err != nil {
			return fmt.Errorf("eval dedup: %w", err)
		}
		s := Evaluate(Items(arts), stories)
		fmt.Fprintf(stdout, "| %d | %d | %d | %d | %d | %.4f | %.4f | %d/%d |\n",
			seed, s.Articles, s.Copies, s.TruePairs, s.FoundPairs, s.Precision(), s.Recall(), s.RootsRight, s.Articles)
	}
	return nil
}
