package geo

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
)

// bbcArticles reads the BBC articles under ../shared/data (title line dropped), or skips.
func bbcArticles(b *testing.B) (bodies []string, words int) {
	b.Helper()
	paths, err := filepath.Glob(filepath.Join(sharedData, "topic", "bbc", "*", "*.txt"))
	if err != nil || len(paths) == 0 {
		b.Skipf("skipped: no BBC articles under %s", sharedData)
	}
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		_, body, _ := strings.Cut(string(raw), "\n")
		bodies = append(bodies, body)
		words += len(strings.Fields(body))
	}
	return bodies, words
}

// BenchmarkTag tags the 2,225 BBC articles, one article per op, and reports words per
// second and allocations per article.
//
//	go test -run '^$' -bench BenchmarkTag -benchmem ./enricher/geo
func BenchmarkTag(b *testing.B) {
	tg := newTagger(b)
	bodies, words := bbcArticles(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		a := article.Article{Body: bodies[i%len(bodies)]}
		if err := tg.Tag(ctx, &a); err != nil {
			b.Fatal(err)
		}
		n += len(a.Places)
	}
	perArticle := float64(words) / float64(len(bodies))
	b.ReportMetric(perArticle*float64(b.N)/b.Elapsed().Seconds(), "words/s")
	b.ReportMetric(float64(n)/float64(b.N), "places/article")
}

// BenchmarkLoad parses the embedded lexicon (what New does once per process) and reports the
// heap the parsed lexicon holds.
//
//	go test -run '^$' -bench BenchmarkLoad -benchmem ./enricher/geo
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var keep *Tagger
	for i := 0; i < b.N; i++ {
		t, err := load(lexiconGz)
		if err != nil {
			b.Fatal(err)
		}
		keep = t
	}
	b.StopTimer()
	var before, after runtime.MemStats
	keep = nil
	runtime.GC()
	runtime.ReadMemStats(&before)
	keep, _ = load(lexiconGz)
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc)-float64(before.HeapAlloc), "heap-bytes")
	runtime.KeepAlive(keep)
}
