package eshttp

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/elastic"
	"github.com/newsflow/newsflow/store/embedded"
	"github.com/newsflow/newsflow/store/storetest"
)

// benchBatches makes batches of 500 distinct documents from the contract corpus.
func benchBatches(b *testing.B, n int) [][]store.Document {
	b.Helper()
	all := storetest.NewCorpus().All()
	var batches [][]store.Document
	for i := 0; i < n; i += 500 {
		var batch []store.Document
		for j := i; j < min(i+500, n); j++ {
			a := *all[j%len(all)]
			a.URL = fmt.Sprintf("%s/bench/%d", a.URL, j)
			a.ID = article.NewID(a.URL, "", "")
			a.DuplicateOf = ""
			d, err := store.FromArticle(&a)
			if err != nil {
				b.Fatal(err)
			}
			batch = append(batch, d)
		}
		batches = append(batches, batch)
	}
	return batches
}

// BenchmarkBulk compares writing batches of 500 documents to the embedded store directly
// with writing them through store/elastic and this server (JSON encoding, HTTP on
// loopback, strict decoding), as a sink does. It reports docs/s.
//
//	go test -run '^$' -bench Bulk -benchtime 4x ./store/eshttp
func BenchmarkBulk(b *testing.B) {
	const docs = 5000
	for _, via := range []string{"direct", "http"} {
		b.Run(via, func(b *testing.B) {
			var total int
			for b.Loop() {
				b.StopTimer()
				batches := benchBatches(b, docs)
				st, err := embedded.Open(b.TempDir(), embedded.Options{})
				if err != nil {
					b.Fatal(err)
				}
				var w store.Writer = st
				var srv *httptest.Server
				if via == "http" {
					h, err := New(Config{Store: st})
					if err != nil {
						b.Fatal(err)
					}
					srv = httptest.NewServer(h)
					es, err := elastic.New(elastic.Config{URLs: []string{srv.URL}})
					if err != nil {
						b.Fatal(err)
					}
					defer es.Close()
					w = es
				}
				b.StartTimer()
				for _, batch := range batches {
					res, err := w.Write(context.Background(), batch)
					if err != nil || len(res) != len(batch) || res[0].Outcome != store.OutcomeStored {
						b.Fatalf("write: %v", err)
					}
				}
				b.StopTimer()
				total += docs
				if srv != nil {
					srv.Close()
				}
				_ = st.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
