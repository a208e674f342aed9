package keywords

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

// bbcGlob matches the BBC articles (one per file, title on the first line).
const bbcGlob = "../../../shared/data/topic/bbc/*/*.txt"

// BenchmarkTag extracts the key phrases of the BBC articles one after another and reports
// words per second (run with GOMAXPROCS=1 for the per-core figure).
func BenchmarkTag(b *testing.B) {
	files, _ := filepath.Glob(bbcGlob)
	if len(files) == 0 {
		b.Skip("no BBC data")
	}
	arts := make([]*article.Article, len(files))
	total := 0
	for i, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		title, body, _ := strings.Cut(string(raw), "\n")
		arts[i] = &article.Article{Title: title, Body: body}
		total += len(strings.Fields(string(raw)))
	}
	tg := mustNew(b)
	b.ReportAllocs()
	b.ResetTimer()
	var before syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	for i := 0; i < b.N; i++ {
		a := arts[i%len(arts)]
		a.Keywords = tg.Keywords(a.Title, a.Body)
	}
	b.StopTimer()
	var after syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	done := float64(total) / float64(len(arts)) * float64(b.N)
	b.ReportMetric(done/b.Elapsed().Seconds(), "words/s")
	// CPU time (user and system): on a shared machine the rate per CPU second is the one
	// to compare.
	cpu := time.Duration(after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano())
	b.ReportMetric(done/cpu.Seconds(), "words/cpu-s")
}

// BenchmarkHuge reads 512 KiB of one repeated token (bad input).
func BenchmarkHuge(b *testing.B) {
	tg := mustNew(b)
	body := strings.Repeat("crisis ", 512<<10/7)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		tg.Keywords("", body)
	}
}
