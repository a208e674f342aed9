package lang

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
)

// bbcArticles reads the BBC corpus from ../shared/data (title on the first line), or skips.
func bbcArticles(tb testing.TB) []article.Article {
	tb.Helper()
	files, _ := filepath.Glob("../../../shared/data/topic/bbc/*/*.txt")
	if len(files) == 0 {
		tb.Skip("../shared/data/topic/bbc not present")
	}
	out := make([]article.Article, 0, len(files))
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		title, body, _ := strings.Cut(string(raw), "\n")
		out = append(out, article.Article{Title: strings.TrimSpace(title), Body: strings.TrimSpace(body)})
	}
	return out
}

// BenchmarkTagBBC is the language tagger on every BBC article (all English): the cost the
// enricher pays per article in the common case.
func BenchmarkTagBBC(b *testing.B) {
	arts := bbcArticles(b)
	t := New()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		for i := range arts {
			a := arts[i]
			if err := t.Tag(ctx, &a); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(arts)), "articles/op")
}

// BenchmarkDetect is Detect on one short text per language, English and not.
func BenchmarkDetect(b *testing.B) {
	for _, c := range benchSamples {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Detect(c.text)
			}
		})
	}
}

var benchSamples = []struct{ name, text string }{
	{"en", "The council said on Tuesday that the new bridge would open in the spring, two years later than planned, because the steel for its deck had arrived damaged from the mill."},
	{"fr", "Le conseil a annoncé mardi que le nouveau pont ouvrirait au printemps, deux ans plus tard que prévu, parce que l'acier de son tablier était arrivé abîmé de l'usine."},
	{"ru", "Совет заявил во вторник, что новый мост откроется весной, на два года позже плана, потому что сталь для настила пришла с завода повреждённой."},
}
