package producer

import (
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/newsflow/newsflow/internal/article"
)

// TestMetricsInitialised checks that every labelled series exists at zero before the first
// record, so that rates and alerts work from the start.
func TestMetricsInitialised(t *testing.T) {
	reg := prometheus.NewRegistry()
	if _, err := New(Config{Writer: &fakeWriter{}, Registerer: reg}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		series int
	}{
		{"newsflow_producer_articles_total", 3},
		{"newsflow_producer_rejected_total", len(article.Reasons)},
		{"newsflow_producer_publish_seconds", 2},
		{"newsflow_producer_produced_bytes_total", 1},
		{"newsflow_producer_dedup_ids", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := testutil.GatherAndCount(reg, tt.name)
			if err != nil || n != tt.series {
				t.Errorf("%d series (%v), want %d", n, err, tt.series)
			}
		})
	}
	want := `
# HELP newsflow_producer_articles_total Input records by result: produced (acknowledged on the articles topic), duplicate (dropped in-run), rejected (bad).
# TYPE newsflow_producer_articles_total counter
newsflow_producer_articles_total{result="duplicate"} 0
newsflow_producer_articles_total{result="produced"} 0
newsflow_producer_articles_total{result="rejected"} 0
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "newsflow_producer_articles_total"); err != nil {
		t.Error(err)
	}
	if problems, err := testutil.GatherAndLint(reg); err != nil || len(problems) > 0 {
		t.Errorf("lint: %v %v", problems, err)
	}
}
