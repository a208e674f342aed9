package esfake

import (
	"encoding/json"
	"strings"
)

// matchSpec is a parsed match or match_phrase query.
type matchSpec struct {
	phrase   bool
	field    string
	words    []string
	operator string // "and" or "or" (match only)
	boost    float64
}

func parseMatch(name string, body json.RawMessage) (*matchSpec, *esError) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil || len(m) != 1 {
		return nil, parsingError("[%s] query doesn't support multiple fields, found none or more than one", name)
	}
	spec := &matchSpec{phrase: name == "match_phrase", operator: "or", boost: 1}
	for field, v := range m {
		spec.field = field
		var text string
		if kindOf(v) == kindObject {
			var o struct {
				Query    json.RawMessage `json:"query"`
				Operator string          `json:"operator"`
				Boost    *float64        `json:"boost"`
			}
			if err := json.Unmarshal(v, &o); err != nil || o.Query == nil {
				return nil, parsingError("[%s] query malformed, no query given", name)
			}
			text = scalarText(o.Query)
			if o.Operator != "" {
				spec.operator = strings.ToLower(o.Operator)
			}
			if o.Boost != nil {
				spec.boost = *o.Boost
			}
		} else {
			text = scalarText(v)
		}
		if spec.operator != "and" && spec.operator != "or" {
			return nil, parsingError("[%s] unknown operator [%s]", name, spec.operator)
		}
		spec.words = terms(text)
	}
	return spec, nil
}

// matchQuery compiles match (every word with operator and, any with or) and match_phrase
// (the words at consecutive positions of one value). A query without words matches nothing,
// as zero_terms_query none does.
func matchQuery(name string, body json.RawMessage) (predicate, *esError) {
	spec, err := parseMatch(name, body)
	if err != nil {
		return nil, err
	}
	return func(h hit) (bool, float64) {
		if len(spec.words) == 0 {
			return false, 0
		}
		var score float64
		if spec.phrase {
			for _, v := range textValues(h, spec.field) {
				score += float64(len(phraseAt(analyse(v), spec.words)))
			}
			return score > 0, score * spec.boost
		}
		freq := map[string]int{}
		for _, v := range textValues(h, spec.field) {
			for _, t := range terms(v) {
				freq[t]++
			}
		}
		found := 0
		for _, w := range spec.words {
			if freq[w] > 0 {
				found++
				score += float64(freq[w])
			}
		}
		ok := found == len(spec.words) || (spec.operator == "or" && found > 0)
		if !ok {
			return false, 0
		}
		return true, score * spec.boost
	}, nil
}

// geoBoxQuery compiles geo_bounding_box with top_left and bottom_right points; a box whose
// left is east of its right crosses the antimeridian.
func geoBoxQuery(body json.RawMessage) (predicate, *esError) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, parsingError("[geo_bounding_box] query malformed")
	}
	var field string
	var box struct {
		TopLeft     json.RawMessage `json:"top_left"`
		BottomRight json.RawMessage `json:"bottom_right"`
	}
	for k, v := range m {
		switch k {
		case "validation_method", "ignore_unmapped", "boost", "type":
			continue
		}
		if field != "" {
			return nil, parsingError("[geo_bounding_box] query doesn't support multiple fields")
		}
		field = k
		if err := json.Unmarshal(v, &box); err != nil || box.TopLeft == nil || box.BottomRight == nil {
			return nil, parsingError("failed to parse [geo_bounding_box] query: expected top_left and bottom_right")
		}
	}
	tl, err1 := parseGeoPoint(box.TopLeft, field)
	br, err2 := parseGeoPoint(box.BottomRight, field)
	if field == "" || err1 != nil || err2 != nil {
		return nil, parsingError("failed to parse [geo_bounding_box] query on [%s]", field)
	}
	inside := func(p geoPoint) bool {
		if p.lat > tl.lat || p.lat < br.lat {
			return false
		}
		if tl.lon <= br.lon {
			return p.lon >= tl.lon && p.lon <= br.lon
		}
		return p.lon >= tl.lon || p.lon <= br.lon
	}
	return func(h hit) (bool, float64) {
		for _, v := range rawAt(h.source, field) {
			raw, err := json.Marshal(v)
			if err != nil {
				continue
			}
			if p, err := parseGeoPoint(raw, field); err == nil && inside(p) {
				return true, 1
			}
		}
		return false, 0
	}, nil
}

// fieldValues returns the leaf values of a field of h, reading a multi-field (source.keyword)
// from its parent's value.
func fieldValues(h hit, field string) []any {
	if h.ix != nil {
		field = sourcePath(h.ix.mapping, field)
	}
	return valuesAt(h.source, field)
}

// sourcePath maps a field path to the path of its value in _source: a multi-field's path is
// its parent's.
func sourcePath(root *field, path string) string {
	parts := strings.Split(path, ".")
	f := root
	for i, p := range parts {
		if f == nil {
			return path
		}
		if c, ok := f.properties[p]; ok {
			f = c
			continue
		}
		if _, ok := f.fields[p]; ok && i == len(parts)-1 && i > 0 {
			return strings.Join(parts[:i], ".")
		}
		return path
	}
	return path
}
