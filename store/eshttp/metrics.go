package eshttp

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/newsflow/newsflow/store"
)

type metrics struct {
	requests *prometheus.CounterVec
	items    *prometheus.CounterVec
	seconds  prometheus.Histogram
}

// bulkCodes are the statuses a bulk request is answered with.
var bulkCodes = []string{"200", "400", "500", "503"}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsflow_store_bulk_requests_total",
			Help: "Bulk requests answered by the store's Elasticsearch endpoint, by status code (503: the store could not write; the client retries them all).",
		}, []string{"code"}),
		items: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsflow_store_bulk_items_total",
			Help: "Bulk items of answered bulk requests, by outcome (stored, stale, retry, rejected).",
		}, []string{"outcome"}),
		seconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "newsflow_store_bulk_request_seconds",
			Help:    "Time to answer a bulk request that was written, durable writes included.",
			Buckets: []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10},
		}),
	}
	for _, c := range []prometheus.Collector{m.requests, m.items, m.seconds} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	for _, c := range bulkCodes {
		m.requests.WithLabelValues(c)
	}
	for _, o := range store.Outcomes {
		m.items.WithLabelValues(string(o))
	}
	return m, nil
}
