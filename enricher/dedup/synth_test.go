package dedup

import (
	"flag"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
)

var synthLines = flag.Int("lines", 0, "lines of synthetic input for TestSynthNearCopies (0: 1,000, or 600 with -short)")

// synthArticles is SynthArticles at the tests' duplicate rate, failing tb on error.
func synthArticles(tb testing.TB, n int, seed int64) ([]*article.Article, []int) {
	tb.Helper()
	arts, stories, err := SynthArticles(n, seed, 0.3)
	if err != nil {
		tb.Fatal(err)
	}
	return arts, stories
}

// synthItems is synthArticles as items.
func synthItems(tb testing.TB, n int, seed int64) ([]Item, []int) {
	arts, stories := synthArticles(tb, n, seed)
	return Items(arts), stories
}

// bytesArticles are synthetic titles and bodies with their word counts, for benchmarks.
type bytesArticles struct {
	arts []struct {
		title, body string
		words       int
	}
}

func (b *bytesArticles) load(tb testing.TB, n int) {
	arts, _ := synthArticles(tb, n, 1)
	for _, a := range arts {
		b.arts = append(b.arts, struct {
			title, body string
			words       int
		}{a.Title, a.Body, len(strings.Fields(a.Title)) + len(strings.Fields(a.Body))})
	}
}

// TestSynthNearCopies measures precision and recall on the near-copies that `newsflow gen`
// plants (syndicated copies with a dateline, a tense change, a dropped last paragraph, a
// credit line, a retitling). Its numbers are reported in docs/enrichment.md; the floors below
// are those numbers rounded down.
func TestSynthNearCopies(t *testing.T) {
	n, seeds := 1000, []int64{1, 2}
	if testing.Short() {
		n, seeds = 600, seeds[:1]
	}
	if *synthLines > 0 {
		n = *synthLines
	}
	for _, seed := range seeds {
		items, stories := synthItems(t, n, seed)
		s := Evaluate(items, stories)
		t.Logf("seed %d: %d articles, %d copies; pairs: %d true, %d found, %d both; precision %.4f recall %.4f; duplicate_of right for %d/%d",
			seed, s.Articles, s.Copies, s.TruePairs, s.FoundPairs, s.BothPairs, s.Precision(), s.Recall(), s.RootsRight, s.Articles)
		if s.Copies < n/10 {
			t.Fatalf("seed %d: only %d planted copies: the test measures nothing", seed, s.Copies)
		}
		// The margin: the least similar copies of one story against the most similar articles
		// of different stories (estimated Jaccard).
		minSame, maxOther := 1.0, 0.0
		for i := range items {
			for j := i + 1; j < len(items); j++ {
				if items[i].Sig == nil || items[j].Sig == nil {
					continue
				}
				if est := items[i].Sig.Jaccard(items[j].Sig); stories[i] == stories[j] {
					minSame = min(minSame, est)
				} else {
					maxOther = max(maxOther, est)
				}
			}
		}
		t.Logf("seed %d: least similar copies %.3f, most similar different stories %.3f (threshold %.2f)", seed, minSame, maxOther, Threshold)
		if s.Precision() < 0.99 || s.Recall() < 0.99 {
			t.Errorf("seed %d: precision %.4f, recall %.4f; want both >= 0.99", seed, s.Precision(), s.Recall())
		}
	}
}
