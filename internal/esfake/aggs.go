package esfake

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// runAggs computes the aggregations esfake knows (terms, date_histogram, min, max,
// cardinality; no sub-aggregations) over the matched documents.
func runAggs(raw json.RawMessage, hits []hit) (map[string]any, *esError) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var aggs map[string]map[string]json.RawMessage
	if err := json.Unmarshal(raw, &aggs); err != nil {
		return nil, parsingError("[aggs] malformed: %v", err)
	}
	out := map[string]any{}
	for name, def := range aggs {
		if len(def) != 1 {
			return nil, parsingError("[%s] esfake supports one aggregation type and no sub-aggregations", name)
		}
		for typ, body := range def {
			var spec struct {
				Field string `json:"field"`
				Size  *int   `json:"size"`
			}
			if err := json.Unmarshal(body, &spec); err != nil || spec.Field == "" {
				return nil, parsingError("[%s] aggregation [%s] needs a field", typ, name)
			}
			var res any
			var err *esError
			switch typ {
			case "terms":
				size := 10
				if spec.Size != nil {
					size = *spec.Size
				}
				res = termsAgg(hits, spec.Field, size)
			case "date_histogram":
				res, err = dateHistogram(hits, spec.Field, body)
			case "min", "max":
				res = extremeAgg(hits, spec.Field, typ == "max")
			case "cardinality":
				seen := map[string]bool{}
				for _, h := range hits {
					for _, v := range fieldValues(h, spec.Field) {
						seen[fmt.Sprint(v)] = true
					}
				}
				res = map[string]any{"value": len(seen)}
			default:
				return nil, parsingError("esfake: unknown aggregation type [%s]", typ)
			}
			if err != nil {
				return nil, err
			}
			out[name] = res
		}
	}
	return out, nil
}

// termsAgg counts documents per value, most frequent first, ties by value.
func termsAgg(hits []hit, field string, size int) map[string]any {
	counts := map[string]int{}
	keys := map[string]any{}
	for _, h := range hits {
		seen := map[string]bool{}
		for _, v := range fieldValues(h, field) {
			k := fmt.Sprint(v)
			if !seen[k] {
				seen[k] = true
				counts[k]++
				keys[k] = v
			}
		}
	}
	names := sortedKeys(counts)
	slices.SortStableFunc(names, func(a, b string) int { return cmp.Compare(counts[b], counts[a]) })
	other := 0
	buckets := []map[string]any{}
	for i, k := range names {
		if i >= size {
			other += counts[k]
			continue
		}
		buckets = append(buckets, map[string]any{"key": keys[k], "doc_count": counts[k]})
	}
	return map[string]any{"doc_count_error_upper_bound": 0, "sum_other_doc_count": other, "buckets": buckets}
}

// extremeAgg is min or max; on dates the value is in epoch milliseconds.
func extremeAgg(hits []hit, field string, isMax bool) map[string]any {
	var best any
	for _, h := range hits {
		for _, v := range fieldValues(h, field) {
			if best == nil || (compareValues(v, best) > 0) == isMax && compareValues(v, best) != 0 {
				best = v
			}
		}
	}
	if best == nil {
		return map[string]any{"value": nil}
	}
	if f, ok := toFloat(best); ok {
		return map[string]any{"value": f}
	}
	t, err := parseDate(mustJSON(fmt.Sprint(best)))
	if err != nil {
		return map[string]any{"value": nil}
	}
	return map[string]any{"value": float64(t.UnixMilli()), "value_as_string": t.Format("2006-01-02T15:04:05.000Z")}
}

// calendarRound returns the bucket start of t for a calendar interval, and the next start.
func calendarRound(interval string, t time.Time) (time.Time, time.Time, bool) {
	t = t.UTC()
	switch interval {
	case "minute", "1m":
		s := t.Truncate(time.Minute)
		return s, s.Add(time.Minute), true
	case "hour", "1h":
		s := t.Truncate(time.Hour)
		return s, s.Add(time.Hour), true
	case "day", "1d":
		s := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		return s, s.AddDate(0, 0, 1), true
	case "week", "1w":
		s := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		s = s.AddDate(0, 0, -((int(s.Weekday()) + 6) % 7))
		return s, s.AddDate(0, 0, 7), true
	case "month", "1M":
		s := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		return s, s.AddDate(0, 1, 0), true
	case "quarter", "1q":
		s := time.Date(t.Year(), t.Month()-(t.Month()-1)%3, 1, 0, 0, 0, 0, time.UTC)
		return s, s.AddDate(0, 3, 0), true
	case "year", "1y":
		s := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		return s, s.AddDate(1, 0, 0), true
	}
	return time.Time{}, time.Time{}, false
}

// dateHistogram buckets documents by calendar_interval (UTC only), empty buckets between
// the first and last included with min_doc_count 0 (the default), the range widened by
// extended_bounds and cut by hard_bounds.
func dateHistogram(hits []hit, field string, body json.RawMessage) (map[string]any, *esError) {
	var spec struct {
		Interval    string          `json:"calendar_interval"`
		TimeZone    string          `json:"time_zone"`
		MinDocCount int             `json:"min_doc_count"`
		Extended    *boundsSpec     `json:"extended_bounds"`
		Hard        *boundsSpec     `json:"hard_bounds"`
		Fixed       json.RawMessage `json:"fixed_interval"`
	}
	if err := json.Unmarshal(body, &spec); err != nil {
		return nil, parsingError("[date_histogram] malformed: %v", err)
	}
	if spec.TimeZone != "" && spec.TimeZone != "UTC" && spec.TimeZone != "Z" && spec.TimeZone != "+00:00" {
		return nil, parsingError("esfake: [date_histogram] supports the UTC time zone only, got [%s]", spec.TimeZone)
	}
	if _, _, ok := calendarRound(spec.Interval, time.Time{}); !ok {
		return nil, parsingError("esfake: [date_histogram] needs a calendar_interval esfake knows, got [%s]", spec.Interval)
	}
	hardLo, hardHi, herr := spec.Hard.times()
	if herr != nil {
		return nil, herr
	}
	counts := map[int64]int{}
	var lo, hi *time.Time
	for _, h := range hits {
		seen := map[int64]bool{}
		for _, v := range fieldValues(h, field) {
			t, err := parseDate(mustJSON(fmt.Sprint(v)))
			if err != nil || (hardLo != nil && t.Before(*hardLo)) || (hardHi != nil && t.After(*hardHi)) {
				continue
			}
			s, _, _ := calendarRound(spec.Interval, t)
			if !seen[s.UnixMilli()] {
				seen[s.UnixMilli()] = true
				counts[s.UnixMilli()]++
			}
			lo, hi = widen(lo, hi, s)
		}
	}
	exLo, exHi, eerr := spec.Extended.times()
	if eerr != nil {
		return nil, eerr
	}
	for _, t := range []*time.Time{exLo, exHi} {
		if t != nil && (hardLo == nil || !t.Before(*hardLo)) && (hardHi == nil || !t.After(*hardHi)) {
			s, _, _ := calendarRound(spec.Interval, *t)
			lo, hi = widen(lo, hi, s)
		}
	}
	buckets := []map[string]any{}
	if lo != nil {
		for t := *lo; !t.After(*hi); {
			n := counts[t.UnixMilli()]
			if n >= spec.MinDocCount {
				buckets = append(buckets, map[string]any{
					"key_as_string": t.Format("2006-01-02T15:04:05.000Z"), "key": t.UnixMilli(), "doc_count": n,
				})
			}
			_, t, _ = calendarRound(spec.Interval, t)
		}
	}
	return map[string]any{"buckets": buckets}, nil
}

func widen(lo, hi *time.Time, t time.Time) (*time.Time, *time.Time) {
	if lo == nil || t.Before(*lo) {
		lo = &t
	}
	if hi == nil || t.After(*hi) {
		hi = &t
	}
	return lo, hi
}

// boundsSpec is extended_bounds or hard_bounds: dates or epoch milliseconds.
type boundsSpec struct {
	Min json.RawMessage `json:"min"`
	Max json.RawMessage `json:"max"`
}

func (b *boundsSpec) times() (lo, hi *time.Time, err *esError) {
	if b == nil {
		return nil, nil, nil
	}
	read := func(raw json.RawMessage) (*time.Time, *esError) {
		if len(raw) == 0 || string(raw) == "null" {
			return nil, nil
		}
		t, e := parseDate(raw)
		if e != nil {
			return nil, parsingError("[date_histogram] bounds: %v", e)
		}
		return &t, nil
	}
	if lo, err = read(b.Min); err != nil {
		return nil, nil, err
	}
	hi, err = read(b.Max)
	return lo, hi, err
}
