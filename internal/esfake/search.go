package esfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// maxResultWindow is index.max_result_window.
const maxResultWindow = 10000

// getDoc serves GET /{target}/_doc/{id}; target may be an alias with exactly one index.
func (s *Server) getDoc(w http.ResponseWriter, target, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	indices, err := s.resolve(target)
	if err != nil {
		writeError(w, err)
		return
	}
	if len(indices) != 1 {
		names := make([]string, len(indices))
		for i, ix := range indices {
			names[i] = ix.name
		}
		writeError(w, badRequest("alias [%s] has more than one index associated with it [%s], can't execute a single index op", target, strings.Join(names, ", ")))
		return
	}
	ix := indices[0]
	d, ok := ix.docs[id]
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]any{"_index": ix.name, "_id": id, "found": false})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"_index": ix.name, "_id": id, "_version": d.version, "_seq_no": d.seqNo, "_primary_term": 1,
		"found": true, "_source": d.source,
	})
}

func shards(n int) map[string]int {
	return map[string]int{"total": n, "successful": n, "skipped": 0, "failed": 0}
}

// refresh serves _refresh. Documents are always visible, so it only answers.
func (s *Server) refresh(w http.ResponseWriter, target string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	indices, err := s.resolve(target)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"_shards": map[string]int{"total": 2 * len(indices), "successful": len(indices), "failed": 0}})
}

// hit is a document that matched a query.
type hit struct {
	ix     *index
	id     string
	doc    *storedDoc
	source map[string]any
	score  float64
}

// matching returns the documents behind target that match the request's query, in index
// and id order. Call with s.mu held.
func (s *Server) matching(target string, query json.RawMessage) ([]hit, *esError) {
	indices, err := s.resolve(target)
	if err != nil {
		return nil, err
	}
	q, qerr := compileQuery(query)
	if qerr != nil {
		return nil, qerr
	}
	var out []hit
	for _, ix := range indices {
		for _, id := range sortedKeys(ix.docs) {
			d := ix.docs[id]
			if d.parsed == nil {
				_ = json.Unmarshal(d.source, &d.parsed)
			}
			h := hit{ix: ix, id: id, doc: d, source: d.parsed}
			if ok, score := q(h); ok {
				h.score = score
				out = append(out, h)
			}
		}
	}
	return out, nil
}

// count serves _count with an optional {"query": ...}.
func (s *Server) count(w http.ResponseWriter, target string, body []byte) {
	var req struct {
		Query json.RawMessage `json:"query"`
	}
	if len(body) > 0 {
		if err := json.Unmarshal(body, &req); err != nil {
			writeError(w, parsingError("request body is not valid JSON: %v", err))
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	hits, err := s.matching(target, req.Query)
	if err != nil {
		writeError(w, err)
		return
	}
	indices, _ := s.resolve(target)
	writeJSON(w, http.StatusOK, map[string]any{"count": len(hits), "_shards": shards(len(indices))})
}

// search serves a small _search: query (see compileQuery), from, size, sort (by fields and
// _score; without sort by score, ties in index and id order), search_after, highlight (see
// highlight.go), aggs (see aggs.go) and collapse. _source filtering is ignored: hits carry
// the whole source.
func (s *Server) search(w http.ResponseWriter, r *http.Request, target string, body []byte) {
	req := struct {
		Query     json.RawMessage `json:"query"`
		From      *int            `json:"from"`
		Size      *int            `json:"size"`
		Sort      json.RawMessage `json:"sort"`
		After     []any           `json:"search_after"`
		Highlight json.RawMessage `json:"highlight"`
		Aggs      json.RawMessage `json:"aggs"`
		Aggs2     json.RawMessage `json:"aggregations"`
		Collapse  *collapseSpec   `json:"collapse"`
	}{}
	if len(body) > 0 {
		if err := json.Unmarshal(body, &req); err != nil {
			writeError(w, parsingError("request body is not valid JSON: %v", err))
			return
		}
	}
	from, size := 0, 10
	if req.From != nil {
		from = *req.From
	}
	if req.Size != nil {
		size = *req.Size
	}
	for name, dst := range map[string]*int{"from": &from, "size": &size} {
		if v := r.URL.Query().Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				writeError(w, badRequest("Failed to parse int parameter [%s] with value [%s]", name, v))
				return
			}
			*dst = n
		}
	}
	if from < 0 || size < 0 {
		writeError(w, badRequest("[from] and [size] parameters must not be negative"))
		return
	}
	if from+size > maxResultWindow {
		e := newError(http.StatusBadRequest, "search_phase_execution_exception", "all shards failed")
		e.CausedBy = &esError{Type: "illegal_argument_exception", Reason: fmt.Sprintf(
			"Result window is too large, from + size must be less than or equal to: [%d] but was [%d]. See the scroll api for a more efficient way to request large data sets.", maxResultWindow, from+size)}
		writeError(w, e)
		return
	}
	sorts, serr := parseSort(req.Sort)
	if serr != nil {
		writeError(w, serr)
		return
	}
	if req.After != nil && len(req.After) != len(sorts) {
		writeError(w, badRequest("search_after has %d value(s) but sort has %d", len(req.After), len(sorts)))
		return
	}

	hl, herr := compileHighlight(req.Highlight, req.Query)
	if herr != nil {
		writeError(w, herr)
		return
	}
	if req.Aggs == nil {
		req.Aggs = req.Aggs2
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	matched, err := s.matching(target, req.Query)
	if err != nil {
		writeError(w, err)
		return
	}
	if len(sorts) > 0 {
		sort.SliceStable(matched, func(i, j int) bool { return lessBy(sorts, matched[i], matched[j]) })
	} else {
		sort.SliceStable(matched, func(i, j int) bool { return matched[i].score > matched[j].score })
	}
	total := len(matched)
	aggs, aerr := runAggs(req.Aggs, matched)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var groups map[string]*group
	if req.Collapse != nil {
		matched, groups = collapse(matched, req.Collapse.Field)
	}
	if req.After != nil {
		// search_after pages past the cursor; the total still counts every match.
		kept := matched[:0:0]
		for _, h := range matched {
			if isAfter(sorts, h, req.After) {
				kept = append(kept, h)
			}
		}
		matched = kept
	}
	if from > len(matched) {
		from = len(matched)
	}
	page := matched[from:min(from+size, len(matched))]
	hits := make([]map[string]any, 0, len(page))
	for _, h := range page {
		m := map[string]any{"_index": h.ix.name, "_id": h.id, "_score": h.score, "_source": json.RawMessage(h.doc.source)}
		if hl != nil {
			if frags := hl.highlight(h); len(frags) > 0 {
				m["highlight"] = frags
			}
		}
		if req.Collapse != nil {
			req.Collapse.annotate(m, h, groups)
		}
		if len(sorts) > 0 {
			if !sortsByScore(sorts) {
				m["_score"] = nil
			}
			vals := make([]any, len(sorts))
			for i, sk := range sorts {
				vals[i] = sortValue(h, sk.field)
			}
			m["sort"] = vals
		}
		hits = append(hits, m)
	}
	var maxScore any
	if total > 0 && (len(sorts) == 0 || sortsByScore(sorts)) {
		best := matched[0].score
		for _, h := range matched {
			best = max(best, h.score)
		}
		maxScore = best
	}
	indices, _ := s.resolve(target)
	reply := map[string]any{
		"took": 1, "timed_out": false, "_shards": shards(len(indices)),
		"hits": map[string]any{
			"total":     map[string]any{"value": total, "relation": "eq"},
			"max_score": maxScore,
			"hits":      hits,
		},
	}
	if aggs != nil {
		reply["aggregations"] = aggs
	}
	writeJSON(w, http.StatusOK, reply)
}

func sortsByScore(keys []sortKey) bool {
	for _, k := range keys {
		if k.field == "_score" {
			return true
		}
	}
	return false
}

type sortKey struct {
	field string
	desc  bool
}

// parseSort reads "field", {"field": "asc"} and {"field": {"order": "desc"}} forms.
func parseSort(raw json.RawMessage) ([]sortKey, *esError) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var list []json.RawMessage
	if kindOf(raw) == kindArray {
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, parsingError("[sort] malformed: %v", err)
		}
	} else {
		list = []json.RawMessage{raw}
	}
	var keys []sortKey
	for _, item := range list {
		switch kindOf(item) {
		case kindString:
			keys = append(keys, sortKey{field: scalarText(item), desc: scalarText(item) == "_score"})
		case kindObject:
			var m map[string]json.RawMessage
			_ = json.Unmarshal(item, &m)
			for f, spec := range m {
				order := scalarText(spec)
				if kindOf(spec) == kindObject {
					var o struct {
						Order string `json:"order"`
					}
					_ = json.Unmarshal(spec, &o)
					order = o.Order
				}
				if order != "" && order != "asc" && order != "desc" {
					return nil, parsingError("[sort] unknown order [%s]", order)
				}
				keys = append(keys, sortKey{field: f, desc: order == "desc"})
			}
		default:
			return nil, parsingError("[sort] malformed sort element")
		}
	}
	return keys, nil
}

func sortValue(h hit, field string) any {
	switch field {
	case "_id":
		return h.id
	case "_score":
		return h.score
	case "_doc":
		return nil
	}
	vals := valuesAt(h.source, field)
	if len(vals) == 0 {
		return nil
	}
	return vals[0]
}

func lessBy(keys []sortKey, a, b hit) bool {
	for _, k := range keys {
		va, vb := sortValue(a, k.field), sortValue(b, k.field)
		if va == nil || vb == nil {
			if (va == nil) != (vb == nil) {
				return vb == nil // missing values sort last, whatever the order
			}
			continue
		}
		c := compareValues(va, vb)
		if c == 0 {
			continue
		}
		if k.desc {
			return c > 0
		}
		return c < 0
	}
	return false
}

// isAfter reports whether h sorts strictly after the search_after cursor.
func isAfter(keys []sortKey, h hit, after []any) bool {
	for i, k := range keys {
		v := sortValue(h, k.field)
		if v == nil || after[i] == nil {
			continue
		}
		c := compareValues(v, after[i])
		if k.desc {
			c = -c
		}
		if c != 0 {
			return c > 0
		}
	}
	return false
}
