package enricher

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

// bbcArticles reads the BBC corpus from ../shared/data (title on the first line), or skips.
func bbcArticles(b *testing.B) ([]article.Article, int) {
	b.Helper()
	files, _ := filepath.Glob("../../shared/data/topic/bbc/*/*.txt")
	if len(files) == 0 {
		b.Skip("../shared/data/topic/bbc not present")
	}
	var out []article.Article
	words := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		title, body, _ := strings.Cut(string(raw), "\n")
		a := article.Article{Title: strings.TrimSpace(title), Body: strings.TrimSpace(body)}
		a.Normalize(time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC))
		out = append(out, a)
		words += len(strings.Fields(a.Body))
	}
	return out, words
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
	cpu0 := cpuTime()
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
	b.ReportMetric(float64(words)*float64(b.N)/(cpuTime()-cpu0).Seconds(), "words/cpu-s")
	b.ReportMetric(float64(len(arts)), "articles/op")
	// Every model loaded and every article enriched: the process's peak resident set.
	if kb := peakRSSKiB(); kb > 0 {
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
			cpu0 := cpuTime()
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
			b.ReportMetric(float64(words)*float64(b.N)/(cpuTime()-cpu0).Seconds(), "words/cpu-s")
		})
	}
}

// peakRSSKiB is the process's peak resident set size so far (VmHWM), or 0 when
// /proc/self/status cannot tell.
func peakRSSKiB() int {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return kb
		}
	}
	return 0
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
