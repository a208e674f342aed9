package quant

import (
	"strings"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/benchdata"
)

// BenchmarkTag scans the 2,225 BBC articles (about 850,000 words), one article per op,
// with a published day so that relative dates resolve, and reports words per second (wall
// and CPU time: the shared machine's load makes the wall figure too low), allocations per
// article, and the items found per article.
//
//	GOMAXPROCS=1 go test -run '^$' -bench BenchmarkTag -benchmem ./enricher/quant
func BenchmarkTag(b *testing.B) {
	bodies, words := benchdata.BBCBodies(b)
	tg := New(Config{})
	pub := time.Date(2005, 6, 15, 9, 0, 0, 0, time.UTC)
	amounts, dates := 0, 0
	b.ReportAllocs()
	cpu0 := benchdata.CPUTime()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		a, d := tg.Find(bodies[i%len(bodies)], &pub)
		amounts += len(a)
		dates += len(d)
		i++
	}
	b.StopTimer()
	cpu := benchdata.CPUTime() - cpu0
	perArticle := float64(words) / float64(len(bodies))
	b.ReportMetric(perArticle*float64(i)/b.Elapsed().Seconds(), "words/s")
	if cpu > 0 {
		b.ReportMetric(perArticle*float64(i)/cpu.Seconds(), "words/cpu-s")
	}
	b.ReportMetric(float64(amounts)/float64(i), "amounts/article")
	b.ReportMetric(float64(dates)/float64(i), "dates/article")
}

// BenchmarkTagHuge scans 512 KiB of one repeated token and of digits (bad input).
func BenchmarkTagHuge(b *testing.B) {
	tg := New(Config{})
	for _, tc := range []struct{ name, text string }{
		{"word", strings.Repeat("word ", 512<<10/5)},
		{"digits", strings.Repeat("7", 512<<10)},
		{"percent", strings.Repeat("5% ", 512<<10/3)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.text)))
			b.ReportAllocs()
			for b.Loop() {
				tg.Find(tc.text, &published)
			}
		})
	}
}
