package tone

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
)

// bbcDir holds the BBC articles (one per file, title on the first line).
const bbcDir = "../../../shared/data/topic/bbc"

// readBBC returns the BBC articles, or skips tb when the shared data is absent.
func readBBC(tb testing.TB) []*article.Article {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(bbcDir, "*", "*.txt"))
	if len(files) == 0 {
		tb.Skip("no BBC data in " + bbcDir)
	}
	arts := make([]*article.Article, 0, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		title, body, _ := strings.Cut(string(b), "\n")
		arts = append(arts, &article.Article{Title: title, Body: body, Language: "en"})
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
	cpu0 := cpuTime()
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
	b.ReportMetric(avg*float64(n)/(cpuTime()-cpu0), "words/cpu-s")
}

// cpuTime is the process's user and system CPU time in seconds: on a shared machine the
// words per CPU second say more than the wall-clock rate.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
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
