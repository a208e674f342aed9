package sink

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
)

// Final results of one input message, the values of the `result` label.
const (
	resultStored       = "stored"
	resultStale        = "stale"
	resultDeadLettered = "dead_lettered"
)

type metrics struct {
	articles   *prometheus.CounterVec
	dlq        *prometheus.CounterVec
	items      *prometheus.CounterVec
	retries    *prometheus.CounterVec
	bulk       prometheus.Histogram
	batch      prometheus.Histogram
	endToEnd   prometheus.Histogram
	storeUp    prometheus.Gauge
	committed  prometheus.Counter
	unknownFld prometheus.Counter
	duplicates prometheus.Counter
	repointed  prometheus.Counter
	unlinked   prometheus.Counter
	rechecked  prometheus.Counter
	unreadable prometheus.Counter
	dupLookup  prometheus.Histogram
}

// retry kinds, the values of the `kind` label.
const (
	retryRequest = "request" // the whole bulk request failed
	retryItem    = "item"    // single items failed transiently
	retryKafka   = "kafka"   // a DLQ publish or a commit failed
)

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsflow_sink_articles_total",
			Help: "Input articles by final result: stored, stale (an older revision than the store holds) or dead_lettered.",
		}, []string{"result"}),
		dlq: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsflow_sink_dlq_total",
			Help: "Articles the sink dead-lettered, by reason.",
		}, []string{"reason"}),
		items: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsflow_sink_bulk_items_total",
			Help: "Per-item results of bulk writes, by outcome (a retried item counts once per attempt).",
		}, []string{"outcome"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsflow_sink_retries_total",
			Help: "Retries after transient failures, by kind: request (whole bulk), item, kafka (DLQ publish or commit).",
		}, []string{"kind"}),
		bulk: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "newsflow_sink_bulk_seconds",
			Help:    "Duration of one bulk write request.",
			Buckets: prometheus.ExponentialBuckets(0.001, 3, 10),
		}),
		batch: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "newsflow_sink_batch_messages",
			Help:    "Messages per batch.",
			Buckets: prometheus.ExponentialBuckets(1, 2, 12),
		}),
		endToEnd: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "newsflow_sink_end_to_end_seconds",
			Help:    "Time from the article's news.raw timestamp to its acknowledgement by the store.",
			Buckets: prometheus.ExponentialBuckets(0.005, 3, 12),
		}),
		storeUp: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "newsflow_sink_store_up",
			Help: "1 when the last bulk request reached the store, 0 while it is failing.",
		}),
		committed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsflow_sink_committed_messages_total",
			Help: "Input messages whose offsets were committed.",
		}),
		unknownFld: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsflow_sink_unknown_fields_total",
			Help: "Fields this build does not know, found in enriched articles (kept in the stored article).",
		}),
		duplicates: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsflow_sink_duplicates_total",
			Help: "Articles written as near-duplicate copies of an earlier article (duplicate_of set).",
		}),
		repointed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsflow_sink_duplicate_repoints_total",
			Help: "Stored documents rewritten with a new duplicate_of because an earlier copy of their story arrived, or stories merged.",
		}),
		unlinked: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsflow_sink_duplicate_unlinked_total",
			Help: "Articles written without near-duplicate linking because the store refused the lookup (for example a server without _search).",
		}),
		rechecked: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsflow_sink_duplicate_recheck_rewrites_total",
			Help: "Documents rewritten by the check after a batch's write, which links copies another sink wrote meanwhile.",
		}),
		unreadable: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsflow_sink_duplicate_unreadable_total",
			Help: "Stored documents a near-duplicate lookup found whose near-duplicate fields (date, revision, story_id, minhash) or article could not be read: skipped, not linked, each counted once.",
		}),
		dupLookup: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "newsflow_sink_duplicate_lookup_seconds",
			Help:    "Duration of linking one batch's near-duplicates (the store lookups included).",
			Buckets: prometheus.ExponentialBuckets(0.0005, 3, 10),
		}),
	}
	for _, r := range []string{resultStored, resultStale, resultDeadLettered} {
		m.articles.WithLabelValues(r)
	}
	for _, r := range article.Reasons {
		m.dlq.WithLabelValues(string(r))
	}
	for _, o := range store.Outcomes {
		m.items.WithLabelValues(string(o))
	}
	for _, k := range []string{retryRequest, retryItem, retryKafka} {
		m.retries.WithLabelValues(k)
	}
	if reg != nil {
		reg.MustRegister(m.articles, m.dlq, m.items, m.retries, m.bulk, m.batch, m.endToEnd,
			m.storeUp, m.committed, m.unknownFld, m.duplicates, m.repointed, m.unlinked, m.rechecked,
			m.unreadable, m.dupLookup)
	}
	return m
}
