package enricher

import (
	"context"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/benchdata"
)

// bbcArticles returns the BBC articles normalised as the producer would, and their body
// words.
func bbcArticles(b *testing.B) ([]article.Article, int) {
	b.Helper()
	arts, words := benchdata.BBC(b)
	for i := range arts {
		arts[i].Normalize(time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC))
	}
	return arts, words
}

// BenchmarkEnrich measures the full default enrichment (language, places, entities, topics)
// on the BBC articles: words/s is the figure the enrichment target is stated in. Run with
// GOMAXPROCS=1 for the per-core rate.
func BenchmarkEnrich(b *testing.B) {
	arts, words := bbcArticles(b)
	taggers, err := DefaultTaggers()
	if err != nil {
		b.Fatal(err)
	}
	p := NewPipeline(PipelineConfig{}, taggers...)
	ctx := context.Background()
	b.ReportAllocs()
	cpu0 := benchdata.CPUTime()
	b.ResetTimer()
	for b.Loop() {
		for i := range arts {
			a := arts[i]
			if err := p.Enrich(ctx, &a); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
	// On a shared machine wall time depends on the neighbours; CPU time far less.
	b.ReportMetric(float64(words)*float64(b.N)/(benchdata.CPUTime()-cpu0).Seconds(), "words/cpu-s")
	b.ReportMetric(float64(len(arts)), "articles/op")
	// Every model loaded and every article enriched: the process's peak resident set.
	if kb := benchdata.PeakRSSKiB(); kb > 0 {
		b.ReportMetric(float64(kb)/1024, "peak-RSS-MiB")
	}
}

// BenchmarkEnrichPerTagger splits the cost of BenchmarkEnrich by tagger.
func BenchmarkEnrichPerTagger(b *testing.B) {
	arts, words := bbcArticles(b)
	taggers, err := DefaultTaggers()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, t := range taggers {
		b.Run(t.Name(), func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := benchdata.CPUTime()
			for b.Loop() {
				for i := range arts {
					a := arts[i]
					if t.Name() != "language" {
						a.Language = "en" // as the pipeline would have set it
					}
					if err := t.Tag(ctx, &a); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
			b.ReportMetric(float64(words)*float64(b.N)/(benchdata.CPUTime()-cpu0).Seconds(), "words/cpu-s")
		})
	}
}
