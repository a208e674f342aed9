package elastic

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/newsflow/newsflow/store"
)

// histogram is the date histogram of one search: a calendar interval and the range
// [lo, hi) it spans.
type histogram struct {
	interval string // Elasticsearch calendar_interval: hour, day, week, month, year
	lo, hi   time.Time
}

// calendarSteps are the intervals in increasing size, each with its bucket start and the
// next bucket's start (weeks start on Monday, as Elasticsearch's do).
var calendarSteps = []struct {
	name  string
	start func(time.Time) time.Time
	next  func(time.Time) time.Time
}{
	{"hour", func(t time.Time) time.Time { return t.Truncate(time.Hour) },
		func(t time.Time) time.Time { return t.Add(time.Hour) }},
	{"day", func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) },
		func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
	{"week", func(t time.Time) time.Time {
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	}, func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }},
	{"month", func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) },
		func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
	{"year", func(t time.Time) time.Time { return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC) },
		func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
}

// newHistogram picks the smallest calendar interval that covers [lo, hi) in at most
// store.MaxDateBuckets buckets (years when none does).
func newHistogram(lo, hi time.Time) *histogram {
	lo, hi = lo.UTC(), hi.UTC()
	for i, step := range calendarSteps {
		n := 0
		for t := step.start(lo); t.Before(hi) && n <= store.MaxDateBuckets; t = step.next(t) {
			n++
		}
		if n <= store.MaxDateBuckets || i == len(calendarSteps)-1 {
			return &histogram{interval: step.name, lo: lo, hi: hi}
		}
	}
	return nil // not reached
}

// histogramFor is the histogram of a search with filters f: over the filter's dates where
// set, else over the dates the store holds. nil when there is nothing to draw.
func (s *Store) histogramFor(ctx context.Context, f *store.Filters) (*histogram, error) {
	var lo, hi time.Time
	if f.From == nil || f.To == nil {
		st, err := s.Stats(ctx)
		if err != nil {
			return nil, err
		}
		if st.Oldest == nil {
			return nil, nil
		}
		lo, hi = *st.Oldest, st.Newest.Add(time.Millisecond) // hi is exclusive
	}
	if f.From != nil {
		lo = f.From.UTC()
	}
	if f.To != nil {
		hi = f.To.UTC()
	}
	if !lo.Before(hi) {
		return nil, nil
	}
	return newHistogram(lo, hi), nil
}

// agg is the date_histogram aggregation: every bucket of the range, empty ones included
// (min_doc_count 0 with extended_bounds), none outside it (hard_bounds).
func (h *histogram) agg() obj {
	bounds := obj{"min": h.lo.UnixMilli(), "max": h.hi.UnixMilli() - 1}
	return obj{"date_histogram": obj{
		"field": "date", "calendar_interval": h.interval, "time_zone": "UTC",
		"min_doc_count": 0, "extended_bounds": bounds, "hard_bounds": bounds,
	}}
}

// buckets maps the aggregation's buckets (keys in epoch milliseconds), oldest first.
func (h *histogram) buckets(raw []aggBucket) ([]store.DateBucket, error) {
	out := make([]store.DateBucket, 0, len(raw))
	for _, b := range raw {
		ms, err := strconv.ParseFloat(fmt.Sprint(b.Key), 64)
		if err != nil {
			return nil, fmt.Errorf("elastic: search: date histogram key %v: %w", b.Key, store.ErrUnavailable)
		}
		out = append(out, store.DateBucket{Start: time.UnixMilli(int64(ms)).UTC(), Count: b.DocCount})
	}
	return out, nil
}
