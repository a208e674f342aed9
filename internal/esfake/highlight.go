package esfake

import (
	"encoding/json"
	"html"
	"slices"
	"unicode/utf8"
)

// highlightOptions are the settings of a highlight request or of one of its fields.
type highlightOptions struct {
	PreTags           []string `json:"pre_tags"`
	PostTags          []string `json:"post_tags"`
	Encoder           string   `json:"encoder"`
	FragmentSize      *int     `json:"fragment_size"`
	NumberOfFragments *int     `json:"number_of_fragments"`
	NoMatchSize       *int     `json:"no_match_size"`
}

// highlighter is a compiled highlight request.
type highlighter struct {
	global  highlightOptions
	fields  map[string]highlightOptions
	order   []string
	matches []*matchSpec // the query's match and match_phrase clauses (not under must_not)
}

// compileHighlight reads the highlight request (fields as an object or as an array of
// one-field objects) and collects the query's words to mark.
func compileHighlight(raw, query json.RawMessage) (*highlighter, *esError) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var req struct {
		highlightOptions
		Fields json.RawMessage `json:"fields"`
	}
	if err := json.Unmarshal(raw, &req); err != nil {
		return nil, parsingError("[highlight] malformed: %v", err)
	}
	h := &highlighter{global: req.highlightOptions, fields: map[string]highlightOptions{}}
	var list []map[string]highlightOptions
	if kindOf(req.Fields) == kindArray {
		if err := json.Unmarshal(req.Fields, &list); err != nil {
			return nil, parsingError("[highlight] fields malformed: %v", err)
		}
	} else {
		var m map[string]highlightOptions
		if err := json.Unmarshal(req.Fields, &m); err != nil {
			return nil, parsingError("[highlight] fields malformed: %v", err)
		}
		for _, name := range sortedKeys(m) {
			list = append(list, map[string]highlightOptions{name: m[name]})
		}
	}
	for _, one := range list {
		for name, opts := range one {
			h.fields[name] = opts
			h.order = append(h.order, name)
		}
	}
	collectMatches(query, &h.matches)
	return h, nil
}

// collectMatches appends the match and match_phrase clauses of a query, skipping must_not.
func collectMatches(raw json.RawMessage, out *[]*matchSpec) {
	var q map[string]json.RawMessage
	if json.Unmarshal(raw, &q) != nil {
		return
	}
	for name, body := range q {
		switch name {
		case "match", "match_phrase":
			if spec, err := parseMatch(name, body); err == nil {
				*out = append(*out, spec)
			}
		case "bool":
			var b map[string]json.RawMessage
			_ = json.Unmarshal(body, &b)
			for _, occur := range []string{"must", "should", "filter"} {
				raw := b[occur]
				var list []json.RawMessage
				if kindOf(raw) == kindArray {
					_ = json.Unmarshal(raw, &list)
				} else if raw != nil {
					list = []json.RawMessage{raw}
				}
				for _, item := range list {
					collectMatches(item, out)
				}
			}
		}
	}
}

// span is a byte range of a value to mark.
type span struct{ start, end int }

// spans returns the ranges of v (a value of field) that the query's clauses match, in order.
func (h *highlighter) spans(field, v string) []span {
	toks := analyse(v)
	seen := map[span]bool{}
	var out []span
	add := func(t token) {
		s := span{t.start, t.end}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, m := range h.matches {
		if m.field != field {
			continue
		}
		if m.phrase {
			for _, i := range phraseAt(toks, m.words) {
				for j := range m.words {
					add(toks[i+j])
				}
			}
			continue
		}
		for _, t := range toks {
			if slices.Contains(m.words, t.term) {
				add(t)
			}
		}
	}
	slices.SortFunc(out, func(a, b span) int { return a.start - b.start })
	return out
}

// highlight returns the fragments of each highlighted field of hit h (fields without any
// are left out).
func (h *highlighter) highlight(hh hit) map[string][]string {
	out := map[string][]string{}
	for _, field := range h.order {
		o := h.fields[field]
		opt := func(f, g *int, def int) int {
			switch {
			case f != nil:
				return *f
			case g != nil:
				return *g
			}
			return def
		}
		size := opt(o.FragmentSize, h.global.FragmentSize, 100)
		n := opt(o.NumberOfFragments, h.global.NumberOfFragments, 5)
		noMatch := opt(o.NoMatchSize, h.global.NoMatchSize, 0)
		pre, post := "<em>", "</em>"
		if tags := firstNonEmpty(o.PreTags, h.global.PreTags); len(tags) > 0 {
			pre = tags[0]
		}
		if tags := firstNonEmpty(o.PostTags, h.global.PostTags); len(tags) > 0 {
			post = tags[0]
		}
		enc := func(s string) string { return s }
		if o.Encoder == "html" || (o.Encoder == "" && h.global.Encoder == "html") {
			enc = html.EscapeString
		}
		var frags []string
		for _, v := range textValues(hh, field) {
			frags = append(frags, fragments(v, h.spans(field, v), size, n, pre, post, enc)...)
		}
		if len(frags) == 0 && noMatch > 0 {
			for _, v := range textValues(hh, field) {
				if end := runeEnd(v, min(noMatch, len(v))); end > 0 {
					frags = append(frags, enc(v[:end]))
					break
				}
			}
		}
		if len(frags) > 0 {
			out[field] = frags
		}
	}
	return out
}

func firstNonEmpty(a, b []string) []string {
	if len(a) > 0 {
		return a
	}
	return b
}

// runeEnd moves i forward to the start of a rune (or the end of s).
func runeEnd(s string, i int) int {
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// fragments cuts v into up to n fragments of about size bytes around the spans, on rune
// boundaries, marking the spans (n 0: the whole value, marked). None without spans.
func fragments(v string, spans []span, size, n int, pre, post string, enc func(string) string) []string {
	if len(spans) == 0 {
		return nil
	}
	type frag struct {
		start, end int
		spans      []span
	}
	var frags []frag
	if n == 0 {
		frags = []frag{{0, len(v), spans}}
	} else {
		for _, s := range spans {
			if k := len(frags) - 1; k >= 0 && s.end <= frags[k].end {
				frags[k].spans = append(frags[k].spans, s)
				continue
			}
			if len(frags) == n {
				break
			}
			start := max(0, s.start-max(0, size-(s.end-s.start))/2)
			end := min(len(v), max(start+size, s.end))
			if end == len(v) {
				start = max(0, min(start, end-size))
			}
			for start > 0 && !utf8.RuneStart(v[start]) {
				start--
			}
			frags = append(frags, frag{start, runeEnd(v, end), []span{s}})
		}
	}
	out := make([]string, 0, len(frags))
	for _, f := range frags {
		var b []byte
		pos := f.start
		for _, s := range f.spans {
			b = append(b, enc(v[pos:s.start])...)
			b = append(b, pre...)
			b = append(b, enc(v[s.start:s.end])...)
			b = append(b, post...)
			pos = s.end
		}
		b = append(b, enc(v[pos:f.end])...)
		out = append(out, string(b))
	}
	return out
}
