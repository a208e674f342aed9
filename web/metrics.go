package web

import (
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Routes are the values of the `route` label: a closed set, never a raw path.
const (
	routeSearch   = "search"
	routeArticle  = "article"
	routeStats    = "stats"
	routePage     = "page"      // the search page and its assets
	routeNotFound = "not_found" // any other path
)

var routes = []string{routeSearch, routeArticle, routeStats, routePage, routeNotFound}

// codes are the statuses this server answers with; any other one is counted as "other".
var codes = []int{200, 304, 400, 404, 405, 500, 503}

type metrics struct {
	requests *prometheus.CounterVec
	seconds  *prometheus.HistogramVec
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsflow_web_requests_total",
			Help: "HTTP requests answered by the search API and page, by route and status code.",
		}, []string{"route", "code"}),
		seconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "newsflow_web_request_seconds",
			Help:    "Time to answer an HTTP request of the search API and page, by route.",
			Buckets: []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5},
		}, []string{"route"}),
	}
	for _, c := range []prometheus.Collector{m.requests, m.seconds} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	// Every series exists from the start, so rate() and absent() work before the first request.
	for _, r := range routes {
		m.seconds.WithLabelValues(r)
		for _, c := range codes {
			m.requests.WithLabelValues(r, strconv.Itoa(c))
		}
		m.requests.WithLabelValues(r, "other")
	}
	return m, nil
}

func (m *metrics) observe(route string, code int, d time.Duration) {
	label := "other"
	for _, c := range codes {
		if c == code {
			label = strconv.Itoa(c)
			break
		}
	}
	m.requests.WithLabelValues(route, label).Inc()
	m.seconds.WithLabelValues(route).Observe(d.Seconds())
}
