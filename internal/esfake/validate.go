package esfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"
)

// maxTermBytes is Lucene's limit on one indexed term (a keyword value).
const maxTermBytes = 32766

// docParser checks one document source against an index mapping, the way Elasticsearch's
// document parser refuses it: strict objects, field types, dates, geo points, immense terms.
type docParser struct {
	id string
}

// parse returns nil when the source fits the mapping, or the item error Elasticsearch gives.
func (p *docParser) parse(src []byte, root *field) *esError {
	if !json.Valid(src) {
		return p.failedToParse(0, "Unexpected character: the source is not valid JSON")
	}
	if kindOf(src) != kindObject {
		return p.failedToParse(0, "the source must be a JSON object")
	}
	return p.object(src, 0, root, "", root.dynamic)
}

func (p *docParser) failedToParse(pos int, detail string) *esError {
	return newError(http.StatusBadRequest, "document_parsing_exception", "[1:%d] failed to parse: %s", pos+1, detail).
		causedBy("json_parse_exception", "%s", detail)
}

// object walks the members of a JSON object with their offsets (base is raw's offset in the
// source, for the [line:column] that prefixes Elasticsearch's reasons).
func (p *docParser) object(raw []byte, base int, obj *field, path, dynamic string) *esError {
	if obj.dynamic != "" {
		dynamic = obj.dynamic
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // {
		return p.failedToParse(base, err.Error())
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return p.failedToParse(base, err.Error())
		}
		key, _ := tok.(string)
		pos := base + int(dec.InputOffset())
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return p.failedToParse(pos, err.Error())
		}
		if seen[key] {
			return p.failedToParse(pos, fmt.Sprintf("Duplicate field '%s'", key))
		}
		seen[key] = true
		if err := p.member(key, value, pos, obj, path, dynamic); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil && err != io.EOF { // }
		return p.failedToParse(base, err.Error())
	}
	return nil
}

// member resolves one key (dots in a key are object paths) and checks its value.
func (p *docParser) member(key string, value []byte, pos int, obj *field, path, dynamic string) *esError {
	parts := strings.Split(key, ".")
	for i, part := range parts {
		if obj.dynamic != "" {
			dynamic = obj.dynamic
		}
		child, ok := obj.properties[part]
		if !ok {
			if dynamic == "strict" {
				within := path
				if within == "" {
					within = "_doc"
				}
				return newError(http.StatusBadRequest, "strict_dynamic_mapping_exception",
					"[1:%d] mapping set to strict, dynamic introduction of [%s] within [%s] is not allowed", pos+1, part, within)
			}
			return nil // dynamic true/false/runtime: accepted; esfake infers no mapping
		}
		path = join(path, part)
		if i == len(parts)-1 {
			return p.value(value, pos, child, path, dynamic)
		}
		if child.typ != "object" {
			return newError(http.StatusBadRequest, "document_parsing_exception",
				"[1:%d] Could not dynamically add mapping for field [%s]. Existing mapping for [%s] must be of type object but found [%s].",
				pos+1, join(path, strings.Join(parts[i+1:], ".")), path, child.typ)
		}
		if !child.enabled {
			return nil
		}
		obj = child
	}
	return nil
}

// value checks the value of a mapped field; arrays hold any number of values of the type.
func (p *docParser) value(raw []byte, pos int, f *field, path, dynamic string) *esError {
	k := kindOf(raw)
	if k == kindNull {
		return nil
	}
	if f.typ == "object" {
		if !f.enabled {
			return nil
		}
		switch k {
		case kindObject:
			return p.object(raw, pos, f, path, dynamic)
		case kindArray:
			return p.each(raw, pos, func(elem []byte) *esError { return p.value(elem, pos, f, path, dynamic) })
		default:
			return newError(http.StatusBadRequest, "document_parsing_exception",
				"[1:%d] object mapping for [%s] tried to parse field [%s] as object, but found a concrete value", pos+1, path, lastPart(path))
		}
	}
	if k == kindArray && !(f.typ == "geo_point" && isCoordinateArray(raw)) {
		return p.each(raw, pos, func(elem []byte) *esError { return p.value(elem, pos, f, path, dynamic) })
	}
	if err := p.leaf(raw, pos, f, path); err != nil {
		return err
	}
	for _, name := range sortedKeys(f.fields) {
		if err := p.leaf(raw, pos, f.fields[name], join(path, name)); err != nil {
			return err
		}
	}
	return nil
}

func (p *docParser) each(raw []byte, pos int, fn func([]byte) *esError) *esError {
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		return p.failedToParse(pos, err.Error())
	}
	for _, e := range elems {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// isCoordinateArray reports whether raw is one geo point written as [lon, lat].
func isCoordinateArray(raw []byte) bool {
	var elems []json.RawMessage
	if json.Unmarshal(raw, &elems) != nil || len(elems) == 0 {
		return false
	}
	return kindOf(elems[0]) == kindNumber
}

// leaf checks one scalar value against a leaf type.
func (p *docParser) leaf(raw []byte, pos int, f *field, path string) *esError {
	k := kindOf(raw)
	fail := func(cause *esError) *esError {
		e := newError(http.StatusBadRequest, "document_parsing_exception",
			"[1:%d] failed to parse field [%s] of type [%s] in document with id '%s'. Preview of field's value: '%s'",
			pos+1, path, f.typ, p.id, preview(scalarText(raw)))
		e.CausedBy = cause
		return e
	}
	switch f.typ {
	case "keyword", "constant_keyword", "wildcard", "text", "match_only_text", "ip":
		if k == kindObject || k == kindArray {
			return fail(&esError{Type: "illegal_state_exception", Reason: fmt.Sprintf("Can't get text on a START_OBJECT at 1:%d", pos+1)})
		}
		if f.typ != "keyword" {
			return nil
		}
		s := scalarText(raw)
		if f.ignoreAbove > 0 && utf8.RuneCountInString(s) > f.ignoreAbove {
			return nil
		}
		if len(s) > maxTermBytes {
			return immenseTerm(path, s)
		}
	case "date", "date_nanos":
		if _, err := parseDate(raw); err != nil {
			return fail(&esError{Type: "illegal_argument_exception", Reason: err.Error(),
				CausedBy: &esError{Type: "date_time_parse_exception", Reason: fmt.Sprintf("Text '%s' could not be parsed at index 0", preview(scalarText(raw)))}})
		}
	case "long", "integer", "short", "byte":
		v, err := parseNumber(raw)
		if err != nil {
			return fail(&esError{Type: "number_format_exception", Reason: err.Error()})
		}
		if r := integerRanges[f.typ]; v < r[0] || v > r[1] {
			return fail(&esError{Type: "illegal_argument_exception", Reason: fmt.Sprintf("Value [%s] is out of range for %s", scalarText(raw), f.typ)})
		}
	case "double", "float", "half_float", "scaled_float":
		if _, err := parseNumber(raw); err != nil {
			return fail(&esError{Type: "number_format_exception", Reason: err.Error()})
		}
	case "boolean":
		if err := parseBool(raw); err != nil {
			return fail(&esError{Type: "illegal_argument_exception", Reason: err.Error()})
		}
	case "geo_point":
		if _, err := parseGeoPoint(raw, path); err != nil {
			return fail(&esError{Type: "illegal_argument_exception", Reason: err.Error()})
		}
	}
	return nil
}

// immenseTerm is Lucene's refusal of a keyword longer than 32,766 bytes, which Elasticsearch
// reports as an illegal_argument_exception for the item.
func immenseTerm(path, s string) *esError {
	prefix := []byte(s[:30])
	nums := make([]string, len(prefix))
	for i, b := range prefix {
		nums[i] = fmt.Sprint(int8(b))
	}
	return newError(http.StatusBadRequest, "illegal_argument_exception",
		"Document contains at least one immense term in field=\"%s\" (whose UTF8 encoding is longer than the max length %d), all of which were skipped.  Please correct the analyzer to not produce such terms.  The prefix of the first immense term is: '[%s]...', original message: bytes can be at most %d in length; got %d",
		path, maxTermBytes, strings.Join(nums, ", "), maxTermBytes, len(s)).
		causedBy("max_bytes_length_exceeded_exception", "bytes can be at most %d in length; got %d", maxTermBytes, len(s))
}

func lastPart(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}
