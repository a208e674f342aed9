package keywords

import (
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/benchdata"
)

// BenchmarkTag extracts the key phrases of the BBC articles one after another and reports
// words (of title and body) per second (run with GOMAXPROCS=1 for the per-core figure).
func BenchmarkTag(b *testing.B) {
	arts, _ := benchdata.BBC(b)
	total := 0
	for _, a := range arts {
		total += len(strings.Fields(a.Title)) + len(strings.Fields(a.Body))
	}
	tg := mustNew(b)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := benchdata.CPUTime()
	for i := 0; i < b.N; i++ {
		a := &arts[i%len(arts)]
		a.Keywords = tg.Keywords(a.Title, a.Body)
	}
	b.StopTimer()
	benchdata.PerCPUSecond(b, float64(total)/float64(len(arts))*float64(b.N), "words", cpu0)
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
