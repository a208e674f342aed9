package enricher

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/newsflow/newsflow/internal/article"
)

// Results of one input message, the values of the `result` label.
const (
	resultEnriched     = "enriched"
	resultDeadLettered = "dead_lettered"
)

type metrics struct {
	articles   *prometheus.CounterVec
	dlq        *prometheus.CounterVec
	process    prometheus.Histogram
	tagger     *prometheus.HistogramVec
	retries    prometheus.Counter
	truncated  prometheus.Counter
	inFlight   prometheus.Gauge
	batchSize  prometheus.Histogram
	unknownFld prometheus.Counter
	entities   *prometheus.HistogramVec
	modelInfo  *prometheus.GaugeVec
}

// entityTypes is the closed set of the `type` label of the entity histogram; entities of
// any other type are not counted there.
var entityTypes = [...]string{article.TypePerson, article.TypeOrganization, article.TypeLocation, article.TypeMisc}

func newMetrics(reg prometheus.Registerer, taggers []Tagger) *metrics {
	m := &metrics{
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsflow_enricher_articles_total",
			Help: "Input articles by result: enriched (published to news.enriched) or dead_lettered.",
		}, []string{"result"}),
		dlq: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsflow_enricher_dlq_total",
			Help: "Articles the enricher dead-lettered, by reason.",
		}, []string{"reason"}),
		process: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "newsflow_enricher_process_seconds",
			Help:    "Time to decode, validate, tag and encode one article.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 4, 9),
		}),
		tagger: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "newsflow_enricher_tagger_seconds",
			Help:    "Time one tagger spent on one article.",
			Buckets: prometheus.ExponentialBuckets(0.00005, 4, 9),
		}, []string{"tagger"}),
		retries: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsflow_enricher_publish_retries_total",
			Help: "Publish or commit attempts that failed transiently and were retried.",
		}),
		truncated: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsflow_enricher_truncated_total",
			Help: "Enriched articles whose mention lists were cut to fit the message size limit.",
		}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "newsflow_enricher_in_flight_messages",
			Help: "Messages fetched and not yet committed.",
		}),
		batchSize: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "newsflow_enricher_batch_messages",
			Help:    "Messages per publish-and-commit batch.",
			Buckets: prometheus.ExponentialBuckets(1, 2, 10),
		}),
		unknownFld: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsflow_enricher_unknown_fields_total",
			Help: "Fields this build does not know, found in input articles (kept and passed on).",
		}),
		entities: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "newsflow_enricher_entities_per_article",
			Help:    "Distinct entities of one type in one enriched article.",
			Buckets: []float64{0, 1, 2, 4, 8, 16, 32, 64},
		}, []string{"type"}),
		modelInfo: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "newsflow_enricher_model_info",
			Help: "Always 1: the model version each model-backed tagger runs, as in enricher_version.",
		}, []string{"tagger", "version"}),
	}
	for _, r := range []string{resultEnriched, resultDeadLettered} {
		m.articles.WithLabelValues(r)
	}
	for _, r := range article.Reasons {
		m.dlq.WithLabelValues(string(r))
	}
	for _, t := range taggers {
		m.tagger.WithLabelValues(t.Name())
		if v, ok := t.(Versioned); ok {
			m.modelInfo.WithLabelValues(t.Name(), v.Version()).Set(1)
		}
	}
	for _, t := range entityTypes {
		m.entities.WithLabelValues(t)
	}
	if reg != nil {
		reg.MustRegister(m.articles, m.dlq, m.process, m.tagger, m.retries, m.truncated,
			m.inFlight, m.batchSize, m.unknownFld, m.entities, m.modelInfo)
	}
	return m
}

// observeEntities counts a's entities by type, zeros included, so that each type's histogram
// counts every enriched article.
func (m *metrics) observeEntities(a *article.Article) {
	var n [len(entityTypes)]int
	for _, e := range a.Entities {
		for i, t := range entityTypes {
			if e.Type == t {
				n[i]++
				break
			}
		}
	}
	for i, t := range entityTypes {
		m.entities.WithLabelValues(t).Observe(float64(n[i]))
	}
}
