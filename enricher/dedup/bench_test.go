package dedup

import (
	"testing"
)

// BenchmarkSign signs synthetic articles (title and body, 200-2,000 words) and reports words
// per second.
func BenchmarkSign(b *testing.B) {
	var buf bytesArticles
	buf.load(b, 300)
	b.ReportAllocs()
	b.ResetTimer()
	words := 0
	for i := 0; b.Loop(); i++ {
		a := buf.arts[i%len(buf.arts)]
		Sign(a.title, a.body)
		words += a.words
	}
	b.ReportMetric(float64(words)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkResolve links 2,500 synthetic articles.
func BenchmarkResolve(b *testing.B) {
	items, _ := synthItems(b, 3000, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Resolve(items)
	}
}
