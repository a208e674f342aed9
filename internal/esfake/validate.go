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
// document parser refuses it: strict objects, field types, dates, geo points, immense terms,
// duplicate keys. It walks the source once, token by token.
type docParser struct {
	id  string
	dec *json.Decoder
}

// parse returns nil when the source fits the mapping, or the item error Elasticsearch gives.
func (p *docParser) parse(src []byte, root *field) *esError {
	p.dec = json.NewDecoder(bytes.NewReader(src))
	p.dec.UseNumber()
	tok, err := p.dec.Token()
	if err != nil {
		return p.failedToParse(err.Error())
	}
	if tok != json.Delim('{') {
		return p.failedToParse("the source must be a JSON object")
	}
	if e := p.object(root, "", root.dynamic); e != nil {
		return e
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return p.failedToParse("unexpected data after the source object")
	}
	return nil
}

// pos is Elasticsearch's [line:column] prefix, from the decoder's offset.
func (p *docParser) pos() string { return fmt.Sprintf("[1:%d]", p.dec.InputOffset()+1) }

func (p *docParser) failedToParse(detail string) *esError {
	return newError(http.StatusBadRequest, "document_parsing_exception", "%s failed to parse: %s", p.pos(), detail).
		causedBy("json_parse_exception", "%s", detail)
}

// token reads the next token; a syntax error becomes the item's error.
func (p *docParser) token() (json.Token, *esError) {
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.failedToParse(err.Error())
	}
	return tok, nil
}

// object reads the members of an object whose '{' was read, through its '}'.
func (p *docParser) object(obj *field, path, dynamic string) *esError {
	if obj.dynamic != "" {
		dynamic = obj.dynamic
	}
	seen := map[string]bool{}
	for p.dec.More() {
		tok, e := p.token()
		if e != nil {
			return e
		}
		key, _ := tok.(string)
		if seen[key] {
			return p.failedToParse(fmt.Sprintf("Duplicate field '%s'", key))
		}
		seen[key] = true
		if e := p.member(key, obj, path, dynamic); e != nil {
			return e
		}
	}
	_, e := p.token() // }
	return e
}

// member resolves one key (dots in a key are object paths) and reads its value.
func (p *docParser) member(key string, obj *field, path, dynamic string) *esError {
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
					"%s mapping set to strict, dynamic introduction of [%s] within [%s] is not allowed", p.pos(), part, within)
			}
			return p.skip() // dynamic true/false/runtime: accepted; esfake infers no mapping
		}
		path = join(path, part)
		if i == len(parts)-1 {
			return p.value(child, path, dynamic)
		}
		if child.typ != "object" {
			return newError(http.StatusBadRequest, "document_parsing_exception",
				"%s Could not dynamically add mapping for field [%s]. Existing mapping for [%s] must be of type object but found [%s].",
				p.pos(), join(path, strings.Join(parts[i+1:], ".")), path, child.typ)
		}
		if !child.enabled {
			return p.skip()
		}
		obj = child
	}
	return nil
}

// value reads the value of a mapped field; arrays hold any number of values of the type.
func (p *docParser) value(f *field, path, dynamic string) *esError {
	if f.typ == "object" && !f.enabled {
		return p.skip()
	}
	tok, e := p.token()
	if e != nil {
		return e
	}
	return p.valueFrom(tok, f, path, dynamic)
}

func (p *docParser) valueFrom(tok json.Token, f *field, path, dynamic string) *esError {
	if tok == nil {
		return nil // null: no value
	}
	switch {
	case f.typ == "object" && tok == json.Delim('{'):
		return p.object(f, path, dynamic)
	case tok == json.Delim('[') && f.typ != "geo_point":
		for p.dec.More() {
			if e := p.value(f, path, dynamic); e != nil {
				return e
			}
		}
		_, e := p.token() // ]
		return e
	case f.typ == "object":
		return newError(http.StatusBadRequest, "document_parsing_exception",
			"%s object mapping for [%s] tried to parse field [%s] as object, but found a concrete value", p.pos(), path, lastPart(path))
	case f.typ == "geo_point" && (tok == json.Delim('[') || tok == json.Delim('{')):
		v, e := p.collect(tok)
		if e != nil {
			return e
		}
		return p.geoPoints(v, f, path)
	}
	if d, ok := tok.(json.Delim); ok {
		return p.fail(f, path, fmt.Sprintf("{%c...}", d), &esError{Type: "illegal_state_exception",
			Reason: fmt.Sprintf("Can't get text on a START_OBJECT at %s", strings.Trim(p.pos(), "[]"))})
	}
	if e := p.leaf(tok, f, path); e != nil {
		return e
	}
	for _, name := range sortedKeys(f.fields) {
		if e := p.leaf(tok, f.fields[name], join(path, name)); e != nil {
			return e
		}
	}
	return nil
}

// geoPoints checks a composite geo_point value: one point ({...} or [lon, lat]) or an array
// of points.
func (p *docParser) geoPoints(v any, f *field, path string) *esError {
	if list, ok := v.([]any); ok && len(list) > 0 {
		if _, isNum := list[0].(json.Number); !isNum {
			for _, elem := range list {
				if e := p.geoPoints(elem, f, path); e != nil {
					return e
				}
			}
			return nil
		}
	}
	raw, _ := json.Marshal(v)
	if _, err := parseGeoPoint(raw, path); err != nil {
		return p.fail(f, path, string(raw), &esError{Type: "illegal_argument_exception", Reason: err.Error()})
	}
	return nil
}

// fail is Elasticsearch's error for a value its field type cannot take.
func (p *docParser) fail(f *field, path, value string, cause *esError) *esError {
	e := newError(http.StatusBadRequest, "document_parsing_exception",
		"%s failed to parse field [%s] of type [%s] in document with id '%s'. Preview of field's value: '%s'",
		p.pos(), path, f.typ, p.id, preview(value))
	e.CausedBy = cause
	return e
}

// leaf checks one scalar token (string, json.Number or bool) against a leaf type.
func (p *docParser) leaf(tok json.Token, f *field, path string) *esError {
	text := fmt.Sprint(tok)
	raw, _ := json.Marshal(tok)
	switch f.typ {
	case "keyword":
		if f.ignoreAbove > 0 && utf8.RuneCountInString(text) > f.ignoreAbove {
			return nil
		}
		if len(text) > maxTermBytes {
			return immenseTerm(path, text)
		}
	case "date", "date_nanos":
		if _, err := parseDate(raw); err != nil {
			return p.fail(f, path, text, &esError{Type: "illegal_argument_exception", Reason: err.Error(),
				CausedBy: &esError{Type: "date_time_parse_exception", Reason: fmt.Sprintf("Text '%s' could not be parsed at index 0", preview(text))}})
		}
	case "long", "integer", "short", "byte":
		v, err := parseNumber(raw)
		if err != nil {
			return p.fail(f, path, text, &esError{Type: "number_format_exception", Reason: err.Error()})
		}
		if r := integerRanges[f.typ]; v < r[0] || v > r[1] {
			return p.fail(f, path, text, &esError{Type: "illegal_argument_exception", Reason: fmt.Sprintf("Value [%s] is out of range for %s", text, f.typ)})
		}
	case "double", "float", "half_float", "scaled_float":
		if _, err := parseNumber(raw); err != nil {
			return p.fail(f, path, text, &esError{Type: "number_format_exception", Reason: err.Error()})
		}
	case "boolean":
		if err := parseBool(raw); err != nil {
			return p.fail(f, path, text, &esError{Type: "illegal_argument_exception", Reason: err.Error()})
		}
	case "geo_point":
		if _, err := parseGeoPoint(raw, path); err != nil {
			return p.fail(f, path, text, &esError{Type: "illegal_argument_exception", Reason: err.Error()})
		}
	}
	return nil
}

// skip reads and ignores the next value (Decode scans it much faster than Token walks it).
func (p *docParser) skip() *esError {
	var raw json.RawMessage
	if err := p.dec.Decode(&raw); err != nil {
		return p.failedToParse(err.Error())
	}
	return nil
}

// collect reads the rest of a composite value whose first token was read.
func (p *docParser) collect(tok json.Token) (any, *esError) {
	switch tok {
	case json.Delim('{'):
		m := map[string]any{}
		for p.dec.More() {
			k, e := p.token()
			if e != nil {
				return nil, e
			}
			v, e := p.next()
			if e != nil {
				return nil, e
			}
			m[fmt.Sprint(k)] = v
		}
		_, e := p.token()
		return m, e
	case json.Delim('['):
		list := []any{}
		for p.dec.More() {
			v, e := p.next()
			if e != nil {
				return nil, e
			}
			list = append(list, v)
		}
		_, e := p.token()
		return list, e
	}
	return tok, nil
}

func (p *docParser) next() (any, *esError) {
	tok, e := p.token()
	if e != nil {
		return nil, e
	}
	return p.collect(tok)
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
