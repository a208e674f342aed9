package tone

import (
	"context"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/benchdata"
)

// readBBC returns the BBC articles as English articles, or skips tb when the shared data is
// absent.
func readBBC(tb testing.TB) []*article.Article {
	tb.Helper()
	all, _ := benchdata.BBC(tb)
	arts := make([]*article.Article, len(all))
	for i := range all {
		all[i].Language = "en"
		arts[i] = &all[i]
	}
	return arts
}

// BenchmarkTag tags the BBC articles one after another and reports words per second (run
// with GOMAXPROCS=1 for the per-core figure).
func BenchmarkTag(b *testing.B) {
	arts := readBBC(b)
	words := 0
	for _, a := range arts {
		words += len(strings.Fields(a.Title)) + len(strings.Fields(a.Body))
	}
	tg := mustNew(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := benchdata.CPUTime()
	n := 0
	for b.Loop() {
		if err := tg.Tag(ctx, arts[n%len(arts)]); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.StopTimer()
	avg := float64(words) / float64(len(arts))
	b.ReportMetric(avg*float64(n)/b.Elapsed().Seconds(), "words/s")
	b.ReportMetric(avg*float64(n)/(benchdata.CPUTime()-cpu0).Seconds(), "words/cpu-s")
}

// BenchmarkTagHuge scores 512 KiB of one repeated token (bad input).
func BenchmarkTagHuge(b *testing.B) {
	tg := mustNew(b)
	a := &article.Article{Body: strings.Repeat("crisis ", 512<<10/7)}
	b.SetBytes(int64(len(a.Body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := tg.Tag(context.Background(), a); err != nil {
			b.Fatal(err)
		}
	}
}
