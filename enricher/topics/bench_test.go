package topics

import (
	"context"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
)

// BenchmarkTag tags the BBC articles read from ../shared/data, one after another, and
// reports words per second (run with GOMAXPROCS=1 for the per-core figure).
func BenchmarkTag(b *testing.B) {
	needData(b)
	docs, err := readBBC(dataDir)
	if err != nil {
		b.Fatal(err)
	}
	arts := make([]*article.Article, len(docs))
	words := 0
	for i, d := range docs {
		title, body, _ := strings.Cut(d.text, "\n")
		arts[i] = &article.Article{Title: title, Body: body, Language: "en"}
		words += len(strings.Fields(d.text))
	}
	tg := mustDefault(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
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
}

// BenchmarkTagHuge measures one 512 KiB text of one repeated token (bad input).
func BenchmarkTagHuge(b *testing.B) {
	tg := mustDefault(b)
	a := &article.Article{Body: strings.Repeat("word ", 512<<10/5)}
	b.SetBytes(int64(len(a.Body)))
	for b.Loop() {
		if err := tg.Tag(context.Background(), a); err != nil {
			b.Fatal(err)
		}
	}
}
