package enricher

import (
	"context"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"

	"github.com/newsflow/newsflow/internal/benchdata"
)

// BenchmarkEnrichVsProse runs the full default enrichment and prose v2's entity tagger (the
// obvious Go library, which does far less: entities only, no offsets, no linking) over the
// same BBC articles in the same process, and reports both rates in CPU time and their ratio:
// the figure the "≥ 12× prose v2" is stated in. prose is slow, so it reads every
// fifth article; the ratio compares words per CPU-second, which does not depend on how many
// articles each side read. Run with GOMAXPROCS=1.
func BenchmarkEnrichVsProse(b *testing.B) {
	arts, _ := bbcArticles(b)
	taggers, err := DefaultTaggers()
	if err != nil {
		b.Fatal(err)
	}
	p := NewPipeline(PipelineConfig{}, taggers...)
	doc, err := prose.NewDocument("Init.", prose.WithSegmentation(false))
	if err != nil {
		b.Fatal(err)
	}
	model := doc.Model // built once; NewDocument without UsingModel rebuilds it
	ctx := context.Background()
	var ours, theirs, oursCPU, theirsCPU float64
	for b.Loop() {
		c0 := benchdata.CPUTime()
		for i := range arts {
			a := arts[i]
			if err := p.Enrich(ctx, &a); err != nil {
				b.Fatal(err)
			}
			ours += float64(wordCount(a.Body))
		}
		c1 := benchdata.CPUTime()
		for i := 0; i < len(arts); i += 5 {
			d, err := prose.NewDocument(arts[i].Body, prose.WithSegmentation(false), prose.UsingModel(model))
			if err != nil {
				b.Fatal(err)
			}
			_ = d.Entities()
			theirs += float64(wordCount(arts[i].Body))
		}
		c2 := benchdata.CPUTime()
		oursCPU += (c1 - c0).Seconds()
		theirsCPU += (c2 - c1).Seconds()
	}
	b.ReportMetric(ours/oursCPU, "newsflow-words/cpu-s")
	b.ReportMetric(theirs/theirsCPU, "prose-words/cpu-s")
	b.ReportMetric((ours/oursCPU)/(theirs/theirsCPU), "ratio")
}

// wordCount counts words as bbcArticles does: runs of non-space.
func wordCount(s string) int { return len(strings.Fields(s)) }
