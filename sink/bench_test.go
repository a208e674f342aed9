package sink

import (
	"context"
	"testing"

	"github.com/newsflow/newsflow/internal/kafkaio/kafkatest"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/embedded"
)

// BenchmarkLinkBatch measures the near-duplicate linking of one 500-article batch against an
// embedded store holding the 2,000 synthetic articles before it (the batch holds copies of
// some of them): the band lookup, the signature comparisons and any re-pointing reads.
func BenchmarkLinkBatch(b *testing.B) {
	arts := synthArticles(b, 3400)
	if len(arts) < 2500 {
		b.Fatalf("%d articles", len(arts))
	}
	st, err := embedded.Open(b.TempDir(), embedded.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	var docs []store.Document
	for _, a := range arts[:2000] {
		d, err := store.FromArticle(a)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	if _, err := st.Write(ctx, docs); err != nil {
		b.Fatal(err)
	}
	svc, err := New(Config{Reader: kafkatest.NewReader(nil), Store: st, DLQ: &kafkatest.Writer{}, DeadLetter: deadLetter, Logger: quiet})
	if err != nil {
		b.Fatal(err)
	}
	var pending []*item
	for _, a := range arts[2000:2500] {
		d, err := store.FromArticle(a)
		if err != nil {
			b.Fatal(err)
		}
		pending = append(pending, &item{art: a, doc: d})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := svc.link(ctx, pending); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(pending))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
