package esfake

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// predicate says whether a document matches, and its score (a simple sum of term
// frequencies times boosts: the shape of relevance, not its quality).
type predicate func(h hit) (bool, float64)

// always and never are the predicates of match_all and match_none.
func always(hit) (bool, float64) { return true, 1 }
func never(hit) (bool, float64)  { return false, 0 }

// compileQuery understands match_all, match_none, ids, term, terms, exists, range, bool
// (must, filter, should, must_not, minimum_should_match), match, match_phrase (see text.go
// for the analyser) and geo_bounding_box. Terms are compared with the values in the source
// as exact strings (or case-insensitively with case_insensitive), so a term on a text field
// matches only the whole value: enough for tests, not a search engine.
func compileQuery(raw json.RawMessage) (predicate, *esError) {
	if len(raw) == 0 || string(raw) == "null" {
		return always, nil
	}
	var q map[string]json.RawMessage
	if err := json.Unmarshal(raw, &q); err != nil || len(q) != 1 {
		return nil, parsingError("[query] malformed query, expected an object with one query")
	}
	for name, body := range q {
		switch name {
		case "match_all":
			return always, nil
		case "match_none":
			return never, nil
		case "match", "match_phrase":
			return matchQuery(name, body)
		case "geo_bounding_box":
			return geoBoxQuery(body)
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
			return func(h hit) (bool, float64) { return want[h.id], 1 }, nil
		case "term", "terms":
			return termQuery(name, body)
		case "exists":
			var e struct {
				Field string `json:"field"`
			}
			if err := json.Unmarshal(body, &e); err != nil || e.Field == "" {
				return nil, parsingError("[exists] must be provided with a [field]")
			}
			return func(h hit) (bool, float64) { return len(fieldValues(h, e.Field)) > 0, 1 }, nil
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
	var caseless bool
	boost := 1.0
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
				Value           json.RawMessage `json:"value"`
				CaseInsensitive bool            `json:"case_insensitive"`
				Boost           *float64        `json:"boost"`
			}
			_ = json.Unmarshal(v, &o)
			want[scalarText(o.Value)] = true
			caseless = o.CaseInsensitive
			if o.Boost != nil {
				boost = *o.Boost
			}
		default:
			want[scalarText(v)] = true
		}
	}
	if caseless {
		lower := map[string]bool{}
		for w := range want {
			lower[strings.ToLower(w)] = true
		}
		want = lower
	}
	return func(h hit) (bool, float64) {
		if field == "_id" {
			return want[h.id], boost
		}
		for _, v := range fieldValues(h, field) {
			s := fmt.Sprint(v)
			if caseless {
				s = strings.ToLower(s)
			}
			if want[s] {
				return true, boost
			}
		}
		return false, 0
	}, nil
}

func rangeQuery(body json.RawMessage) (predicate, *esError) {
	var m map[string]map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil || len(m) != 1 {
		return nil, parsingError("[range] query malformed")
	}
	for field, bounds := range m {
		return func(h hit) (bool, float64) {
			for _, v := range fieldValues(h, field) {
				if inRange(v, bounds) {
					return true, 1
				}
			}
			return false, 0
		}, nil
	}
	return nil, parsingError("[range] query malformed")
}

func inRange(v any, bounds map[string]json.RawMessage) bool {
	for op, raw := range bounds {
		c := compareValues(v, normalise(raw))
		ok := true
		switch op {
		case "format", "time_zone", "boost":
			continue
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
	minShould := -1
	for occur, raw := range b {
		switch occur {
		case "must", "filter", "should", "must_not":
		case "minimum_should_match":
			n, err := strconv.Atoi(scalarText(raw))
			if err != nil {
				return nil, parsingError("[bool] minimum_should_match [%s] is not an integer (esfake supports integers only)", scalarText(raw))
			}
			minShould = n
			continue
		case "boost":
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
	if minShould < 0 {
		// With must or filter clauses, should clauses are optional.
		minShould = 1
		if len(clauses["must"])+len(clauses["filter"]) > 0 || len(clauses["should"]) == 0 {
			minShould = 0
		}
	}
	return func(h hit) (bool, float64) {
		score := 0.0
		for _, p := range clauses["must"] {
			ok, sc := p(h)
			if !ok {
				return false, 0
			}
			score += sc
		}
		for _, p := range clauses["filter"] {
			if ok, _ := p(h); !ok {
				return false, 0
			}
		}
		for _, p := range clauses["must_not"] {
			if ok, _ := p(h); ok {
				return false, 0
			}
		}
		matched := 0
		for _, p := range clauses["should"] {
			if ok, sc := p(h); ok {
				matched++
				score += sc
			}
		}
		if matched < minShould {
			return false, 0
		}
		if len(clauses["must"])+len(clauses["should"]) == 0 {
			score = 0 // filter context only
			if len(clauses["filter"]) == 0 {
				score = 1 // must_not only: like match_all
			}
		}
		return true, score
	}, nil
}

// valuesAt returns the leaf values at a dotted path, flattening arrays.
func valuesAt(src any, path string) []any { return walkPath(src, path, false) }

// rawAt returns the values at a dotted path, objects included (geo points), flattening
// arrays (a geo_point's [lon, lat] array form is not supported there).
func rawAt(src any, path string) []any { return walkPath(src, path, true) }

func walkPath(src any, path string, objects bool) []any {
	head, rest, more := strings.Cut(path, ".")
	switch v := src.(type) {
	case map[string]any:
		if path == "" && objects {
			return []any{v}
		}
		child, ok := v[head]
		if !ok {
			// A key may itself contain dots.
			if whole, ok := v[path]; ok {
				return walkPath(whole, "", objects)
			}
			return nil
		}
		if !more {
			return walkPath(child, "", objects)
		}
		return walkPath(child, rest, objects)
	case []any:
		var out []any
		for _, e := range v {
			out = append(out, walkPath(e, path, objects)...)
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
