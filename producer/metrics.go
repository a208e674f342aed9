package producer

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/newsflow/newsflow/internal/article"
)

// Label values of newsflow_producer_articles_total{result}.
const (
	resultProduced  = "produced"
	resultDuplicate = "duplicate"
	resultRejected  = "rejected"
)

// Label values of newsflow_producer_publish_seconds{writer}.
const (
	writerArticles = "articles"
	writerDLQ      = "dlq"
)

// metrics are the producer's Prometheus series. Every labelled series exists from the
// start at zero, so that rates and alerts work before the first event.
type metrics struct {
	// articles counts records by result: produced (acknowledged on news.raw), duplicate
	// (dropped in-run), rejected (bad; dead-lettered when a DLQ writer is set).
	articles *prometheus.CounterVec
	// rejected counts bad records by reason, over every article.Reason.
	rejected *prometheus.CounterVec
	// publish times WriteMessages calls until the broker acknowledged, by writer (articles,
	// dlq).
	publish *prometheus.HistogramVec
	// bytes counts the value bytes of produced articles.
	bytes prometheus.Counter
	// dedupIDs is how many (id, revision) pairs the duplicate filter holds.
	dedupIDs prometheus.Gauge
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsflow_producer_articles_total",
			Help: "Input records by result: produced (acknowledged on the articles topic), duplicate (dropped in-run), rejected (bad).",
		}, []string{"result"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsflow_producer_rejected_total",
			Help: "Bad input records by rejection reason.",
		}, []string{"reason"}),
		publish: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "newsflow_producer_publish_seconds",
			Help:    "Duration of one batch write until the broker acknowledged it, by writer (articles, dlq).",
			Buckets: prometheus.ExponentialBuckets(0.001, 2.5, 10), // 1 ms .. ~3.8 s
		}, []string{"writer"}),
		bytes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsflow_producer_produced_bytes_total",
			Help: "Value bytes of the articles acknowledged on the articles topic.",
		}),
		dedupIDs: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "newsflow_producer_dedup_ids",
			Help: "Article (id, revision) pairs held by the in-run duplicate filter.",
		}),
	}
	for _, r := range []string{resultProduced, resultDuplicate, resultRejected} {
		m.articles.WithLabelValues(r)
	}
	for _, r := range article.Reasons {
		m.rejected.WithLabelValues(string(r))
	}
	for _, w := range []string{writerArticles, writerDLQ} {
		m.publish.WithLabelValues(w)
	}
	for _, c := range []prometheus.Collector{m.articles, m.rejected, m.publish, m.bytes, m.dedupIDs} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}
