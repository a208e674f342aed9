package esfake

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// predicate says whether a document matches.
type predicate func(h hit) bool

// compileQuery understands match_all, match_none, ids, term, terms, exists, range and bool
// (must, filter, should, must_not). Terms are compared with the values in the source as
// exact strings, so a term on a text field matches only the whole value: enough for tests,
// not a search engine.
func compileQuery(raw json.RawMessage) (predicate, *esError) {
	if len(raw) == 0 || string(raw) == "null" {
		return func(hit) bool { return true }, nil
	}
	var q map[string]json.RawMessage
	if err := json.Unmarshal(raw, &q); err != nil || len(q) != 1 {
		return nil, parsingError("[query] malformed query, expected an object with one query")
	}
	for name, body := range q {
		switch name {
		case "match_all":
			return func(hit) bool { return true }, nil
		case "match_none":
			return func(hit) bool { return false }, nil
		case "ids":
			var ids struct {
				Values []string `json:"values"`
			}
			if err := json.Unmarshal(body, &ids); err != nil {
				return nil, parsingError("[ids] failed to parse: %v", err)
			}
			want := map[string]bool{}
			for _, id := range ids.Values {
				want[id] = true
			}
			return func(h hit) bool { return want[h.id] }, nil
		case "term", "terms":
			return termQuery(name, body)
		case "exists":
			var e struct {
				Field string `json:"field"`
			}
			if err := json.Unmarshal(body, &e); err != nil || e.Field == "" {
				return nil, parsingError("[exists] must be provided with a [field]")
			}
			return func(h hit) bool { return len(valuesAt(h.source, e.Field)) > 0 }, nil
		case "range":
			return rangeQuery(body)
		case "bool":
			return boolQuery(body)
		default:
			return nil, parsingError("unknown query [%s]", name)
		}
	}
	return nil, parsingError("[query] is empty")
}

func termQuery(name string, body json.RawMessage) (predicate, *esError) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil || len(m) == 0 {
		return nil, parsingError("[%s] query malformed", name)
	}
	var field string
	want := map[string]bool{}
	for f, v := range m {
		if f == "boost" {
			continue
		}
		field = f
		switch {
		case name == "terms":
			var list []json.RawMessage
			if err := json.Unmarshal(v, &list); err != nil {
				return nil, parsingError("[terms] query does not support [%s]", f)
			}
			for _, x := range list {
				want[scalarText(x)] = true
			}
		case kindOf(v) == kindObject:
			var o struct {
				Value json.RawMessage `json:"value"`
			}
			_ = json.Unmarshal(v, &o)
			want[scalarText(o.Value)] = true
		default:
			want[scalarText(v)] = true
		}
	}
	return func(h hit) bool {
		if field == "_id" {
			return want[h.id]
		}
		for _, v := range valuesAt(h.source, field) {
			if want[fmt.Sprint(v)] {
				return true
			}
		}
		return false
	}, nil
}

func rangeQuery(body json.RawMessage) (predicate, *esError) {
	var m map[string]map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil || len(m) != 1 {
		return nil, parsingError("[range] query malformed")
	}
	for field, bounds := range m {
		return func(h hit) bool {
			for _, v := range valuesAt(h.source, field) {
				if inRange(v, bounds) {
					return true
				}
			}
			return false
		}, nil
	}
	return nil, parsingError("[range] query malformed")
}

func inRange(v any, bounds map[string]json.RawMessage) bool {
	for op, raw := range bounds {
		c := compareValues(v, normalise(raw))
		ok := true
		switch op {
		case "gt":
			ok = c > 0
		case "gte":
			ok = c >= 0
		case "lt":
			ok = c < 0
		case "lte":
			ok = c <= 0
		}
		if !ok {
			return false
		}
	}
	return true
}

func normalise(raw json.RawMessage) any {
	if kindOf(raw) == kindNumber {
		f, _ := strconv.ParseFloat(string(raw), 64)
		return f
	}
	return scalarText(raw)
}

func boolQuery(body json.RawMessage) (predicate, *esError) {
	var b map[string]json.RawMessage
	if err := json.Unmarshal(body, &b); err != nil {
		return nil, parsingError("[bool] query malformed")
	}
	clauses := map[string][]predicate{}
	for occur, raw := range b {
		switch occur {
		case "must", "filter", "should", "must_not":
		case "minimum_should_match", "boost":
			continue
		default:
			return nil, parsingError("[bool] query does not support [%s]", occur)
		}
		var list []json.RawMessage
		if kindOf(raw) == kindArray {
			_ = json.Unmarshal(raw, &list)
		} else {
			list = []json.RawMessage{raw}
		}
		for _, item := range list {
			p, err := compileQuery(item)
			if err != nil {
				return nil, err
			}
			clauses[occur] = append(clauses[occur], p)
		}
	}
	return func(h hit) bool {
		for _, p := range append(clauses["must"], clauses["filter"]...) {
			if !p(h) {
				return false
			}
		}
		for _, p := range clauses["must_not"] {
			if p(h) {
				return false
			}
		}
		if len(clauses["should"]) == 0 {
			return true
		}
		for _, p := range clauses["should"] {
			if p(h) {
				return true
			}
		}
		// With must or filter clauses, should clauses are optional.
		return len(clauses["must"])+len(clauses["filter"]) > 0
	}, nil
}

// valuesAt returns the leaf values at a dotted path, flattening arrays.
func valuesAt(src any, path string) []any {
	head, rest, more := strings.Cut(path, ".")
	switch v := src.(type) {
	case map[string]any:
		child, ok := v[head]
		if !ok {
			// A key may itself contain dots.
			if whole, ok := v[path]; ok {
				return valuesAt(whole, "")
			}
			return nil
		}
		if !more {
			return valuesAt(child, "")
		}
		return valuesAt(child, rest)
	case []any:
		var out []any
		for _, e := range v {
			out = append(out, valuesAt(e, path)...)
		}
		return out
	case nil:
		return nil
	default:
		if path != "" {
			return nil
		}
		return []any{v}
	}
}

// compareValues orders numbers numerically, dates (strings that parse as dates) by time, and
// other values as strings.
func compareValues(a, b any) int {
	af, aNum := toFloat(a)
	bf, bNum := toFloat(b)
	if aNum && bNum {
		switch {
		case af < bf:
			return -1
		case af > bf:
			return 1
		}
		return 0
	}
	as, bs := fmt.Sprint(a), fmt.Sprint(b)
	ta, errA := parseDate(mustJSON(as))
	tb, errB := parseDate(mustJSON(bs))
	if errA == nil && errB == nil {
		return ta.Compare(tb)
	}
	return strings.Compare(as, bs)
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

func mustJSON(s string) []byte {
	b, _ := json.Marshal(s)
	return b
}
