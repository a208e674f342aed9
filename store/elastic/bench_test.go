package elastic

import (
	"context"
	"fmt"
	"testing"

	"github.com/newsflow/newsflow/store"
)

// BenchmarkWriteEsfake measures Write through esfake (encoding, HTTP, the fake's mapping
// checks and the response parsing) in batches of 500 enriched documents.
func BenchmarkWriteEsfake(b *testing.B) {
	e := newEnv(b, true)
	base, err := store.FromArticle(goldenArticle(b, "enriched"))
	if err != nil {
		b.Fatal(err)
	}
	const batch = 500
	docs := make([]store.Document, batch)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range docs {
			docs[j] = base
			docs[j].ID = fmt.Sprintf("%d-%d", i, j)
		}
		res, err := e.store.Write(ctx, docs)
		if err != nil || res[batch-1].Outcome != store.OutcomeStored {
			b.Fatalf("%v %+v", err, res[batch-1])
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "docs/s")
}
