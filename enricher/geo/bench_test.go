package geo

import (
	"context"
	"runtime"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/benchdata"
)

// BenchmarkTag tags the 2,225 BBC articles, one article per op, and reports words per
// second and allocations per article.
//
//	go test -run '^$' -bench BenchmarkTag -benchmem ./enricher/geo
func BenchmarkTag(b *testing.B) {
	tg := newTagger(b)
	bodies, words := benchdata.BBCBodies(b)
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
