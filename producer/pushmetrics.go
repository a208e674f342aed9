package producer

import (
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
)

// pushCodes are the status codes the push endpoint answers: the closed set of the code
// label.
var pushCodes = []int{202, 400, 401, 405, 413, 429, 503}

// pushMetrics are the push endpoint's series; every labelled series starts at zero.
type pushMetrics struct {
	requests *prometheus.CounterVec // {code}
	records  *prometheus.CounterVec // {result}
}

func newPushMetrics(reg prometheus.Registerer) (*pushMetrics, error) {
	m := &pushMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsflow_producer_push_requests_total",
			Help: "Push endpoint requests by answered status code.",
		}, []string{"code"}),
		records: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsflow_producer_push_records_total",
			Help: "Pushed records by outcome: produced, duplicate, rejected, failed.",
		}, []string{"result"}),
	}
	for _, c := range pushCodes {
		m.requests.WithLabelValues(strconv.Itoa(c))
	}
	for _, r := range []Result{Produced, Duplicate, Rejected, Failed} {
		m.records.WithLabelValues(r.String())
	}
	for _, c := range []prometheus.Collector{m.requests, m.records} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}
