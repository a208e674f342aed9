package keywords

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/enricher/keywords/internal/words"
)

// Matching rule of the check set: an expected phrase is found when one of the tagger's top
// 10 phrases has a lower-case word set whose Jaccard overlap with the expected one's is at
// least minJaccard.
const (
	minJaccard = 0.5
	evalTop    = 10
)

// Floors of the hand-written check set (testdata/articles), set a little under the first
// measurement (see docs/enrichment.md); the articles never tune the vocabulary or weights.
const (
	floorRecall    = 0.85 // expected phrases found in the top 10
	floorPrecision = 0.65 // of the top 5 phrases, those matching an expected one
)

type checkArticle struct {
	name, title, body string
	want              []string
}

func readCheckSet(t *testing.T) []checkArticle {
	t.Helper()
	files, err := filepath.Glob("testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatal("no check articles")
	}
	var out []checkArticle
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, want, ok := strings.Cut(string(b), "\n---\n")
		title, body, _ := strings.Cut(text, "\n")
		if !ok || title == "" || body == "" {
			t.Fatalf("%s: want title, body, --- and phrases", f)
		}
		a := checkArticle{name: filepath.Base(f), title: title, body: strings.TrimSpace(body)}
		for _, w := range strings.Split(strings.TrimSpace(want), "\n") {
			a.want = append(a.want, strings.TrimSpace(w))
		}
		out = append(out, a)
	}
	return out
}

// wordSet is the set of lower-case words of a phrase.
func wordSet(p string) []string {
	var set []string
	for i := 0; ; {
		w, next, ok := words.Next(p, i)
		if !ok {
			break
		}
		i = next
		lw := string(words.AppendLower(nil, p[w.Start:w.End]))
		if !slices.Contains(set, lw) {
			set = append(set, lw)
		}
	}
	return set
}

func jaccard(a, b []string) float64 {
	inter := 0
	for _, x := range a {
		if slices.Contains(b, x) {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

func matchesAny(p string, list []string) bool {
	ws := wordSet(p)
	return slices.ContainsFunc(list, func(q string) bool { return jaccard(ws, wordSet(q)) >= minJaccard })
}

// scoreCheckSet returns recall (expected phrases found in the top 10) and precision of the
// top 5, logging each article's misses.
func scoreCheckSet(t *testing.T, set []checkArticle, keywords func(checkArticle) []string) (recall, precision float64) {
	found, expected, good, shown := 0, 0, 0, 0
	for _, a := range set {
		got := keywords(a)
		top := got[:min(len(got), evalTop)]
		var missed []string
		for _, w := range a.want {
			expected++
			if matchesAny(w, top) {
				found++
			} else {
				missed = append(missed, w)
			}
		}
		for _, g := range got[:min(len(got), 5)] {
			shown++
			if matchesAny(g, a.want) {
				good++
			}
		}
		if len(missed) > 0 {
			t.Logf("%s: missed %q; got %q", a.name, missed, top)
		}
	}
	return float64(found) / float64(expected), float64(good) / float64(max(shown, 1))
}

// TestCheckSet reports how many hand-written key phrases the tagger finds (run with -v).
func TestCheckSet(t *testing.T) {
	tg := mustNew(t)
	set := readCheckSet(t)
	if len(set) < 30 {
		t.Fatalf("%d articles, want >= 30", len(set))
	}
	recall, precision := scoreCheckSet(t, set, func(a checkArticle) []string { return tg.Keywords(a.title, a.body) })
	t.Logf("%d articles: expected phrases found in the top %d (Jaccard >= %.1f): %.3f; top-5 precision %.3f",
		len(set), evalTop, minJaccard, recall, precision)
	if recall < floorRecall {
		t.Errorf("recall %.3f < floor %.3f", recall, floorRecall)
	}
	if precision < floorPrecision {
		t.Errorf("precision %.3f < floor %.3f", precision, floorPrecision)
	}
}

func mustNew(tb testing.TB) *Tagger {
	tb.Helper()
	tg, err := New(Config{})
	if err != nil {
		tb.Fatal(err)
	}
	return tg
}
