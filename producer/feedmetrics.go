package producer

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/newsflow/newsflow/producer/fetch"
)

// Reason labels of feed errors that are not fetch errors (those are fetch.Reasons).
const (
	feedReasonRead      = "read"       // a local feed file could not be read
	feedReasonParse     = "parse"      // not a feed gofeed can read
	feedReasonUnsafeXML = "unsafe_xml" // a DTD declaring entities: refused unparsed
	feedReasonNotHTML   = "not_html"   // an item's link is not an HTML page
	feedReasonNoText    = "no_text"    // an item's page has no extractable article text
)

// feedErrorReasons is the closed set of the reason label.
var feedErrorReasons = append([]string{feedReasonRead, feedReasonParse, feedReasonUnsafeXML,
	feedReasonNotHTML, feedReasonNoText}, fetch.Reasons...)

// Label values of newsflow_producer_feed_fulltext_total{result}.
const (
	fulltextPage    = "page"    // the page's text replaced the teaser
	fulltextSummary = "summary" // the page could not be used: the teaser was kept
)

// feedMetrics are the per-feed series. The feed label takes only the names of the feed
// list, so its set is closed; every series starts at zero.
type feedMetrics struct {
	polls       *prometheus.CounterVec // {feed}
	notModified *prometheus.CounterVec // {feed}
	items       *prometheus.CounterVec // {feed}: items listed by fetched feeds
	articles    *prometheus.CounterVec // {feed}: new items acknowledged on the articles topic
	errors      *prometheus.CounterVec // {feed, reason}
	bytes       *prometheus.CounterVec // {feed}: body bytes of feeds and pages, decompressed
	fulltext    *prometheus.CounterVec // {feed, result}
}

func newFeedMetrics(reg prometheus.Registerer, feeds []Feed) (*feedMetrics, error) {
	counter := func(name, help string, labels ...string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, append([]string{"feed"}, labels...))
	}
	m := &feedMetrics{
		polls:       counter("newsflow_producer_feed_polls_total", "Feed polls started, by feed."),
		notModified: counter("newsflow_producer_feed_not_modified_total", "Feed polls answered 304 Not Modified (or an unchanged file), by feed."),
		items:       counter("newsflow_producer_feed_items_total", "Items listed by fetched feeds, new or not, by feed."),
		articles:    counter("newsflow_producer_feed_articles_total", "New feed items acknowledged on the articles topic, by feed."),
		errors:      counter("newsflow_producer_feed_errors_total", "Failed feed polls and item page fetches, by feed and reason.", "reason"),
		bytes:       counter("newsflow_producer_feed_bytes_total", "Body bytes (after decompression) of fetched feeds and pages, by feed."),
		fulltext:    counter("newsflow_producer_feed_fulltext_total", "Short items whose page was fetched for the full text, by feed and result (page: used; summary: fell back to the teaser).", "result"),
	}
	for _, f := range feeds {
		for _, c := range []*prometheus.CounterVec{m.polls, m.notModified, m.items, m.articles, m.bytes} {
			c.WithLabelValues(f.Name)
		}
		for _, r := range feedErrorReasons {
			m.errors.WithLabelValues(f.Name, r)
		}
		for _, r := range []string{fulltextPage, fulltextSummary} {
			m.fulltext.WithLabelValues(f.Name, r)
		}
	}
	for _, c := range []prometheus.Collector{m.polls, m.notModified, m.items, m.articles, m.errors, m.bytes, m.fulltext} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}
