// Package telemetrytest reads metric values from a registry in tests.
package telemetrytest

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// Value returns the value of the counter or gauge series name{labels...}, where labels are
// name, value pairs that the series must carry (it may carry others). It fails the test when
// no such series exists, so that a misspelt name cannot pass as a zero.
func Value(t testing.TB, g prometheus.Gatherer, name string, labels ...string) float64 {
	t.Helper()
	for _, m := range series(t, g, name) {
		if hasLabels(m, labels) {
			return value(m)
		}
	}
	t.Fatalf("no series %s%v", name, labels)
	return 0
}

// Sum returns the sum of every series of the counter or gauge name (0 when it has none).
func Sum(t testing.TB, g prometheus.Gatherer, name string) float64 {
	t.Helper()
	var s float64
	for _, m := range series(t, g, name) {
		s += value(m)
	}
	return s
}

func series(t testing.TB, g prometheus.Gatherer, name string) []*dto.Metric {
	t.Helper()
	mfs, err := g.Gather()
	if err != nil {
		t.Fatalf("gather metrics: %v", err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name {
			return mf.GetMetric()
		}
	}
	return nil
}

func hasLabels(m *dto.Metric, labels []string) bool {
	for i := 0; i+1 < len(labels); i += 2 {
		found := false
		for _, l := range m.GetLabel() {
			if l.GetName() == labels[i] && l.GetValue() == labels[i+1] {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func value(m *dto.Metric) float64 {
	if c := m.GetCounter(); c != nil {
		return c.GetValue()
	}
	return m.GetGauge().GetValue()
}
