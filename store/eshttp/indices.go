package eshttp

import (
	"encoding/json"
	"errors"
	"net/http"
	"path"
	"strings"

	"github.com/newsflow/newsflow/store"
)

// The administrative requests of elastic.Store.EnsureTemplate. The store has one fixed
// mapping and one index, which always exists behind the alias; these requests are accepted
// (idempotently) so that a client written for Elasticsearch proceeds, and refused with a
// clear reason when they name another alias or index.

// template serves /_index_template/{name}: a put is kept (and shown by a get) but changes
// nothing, since the store's mapping is its own.
func (s *Server) template(w http.ResponseWriter, method, name string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch method {
	case http.MethodPut, http.MethodPost:
		var t struct {
			IndexPatterns json.RawMessage `json:"index_patterns"`
		}
		if err := json.Unmarshal(body, &t); err != nil {
			writeError(w, newError(http.StatusBadRequest, "x_content_parse_exception", "[1:1] [index_template] failed to parse: %v", err))
			return
		}
		if len(t.IndexPatterns) == 0 {
			writeError(w, newError(http.StatusBadRequest, "action_request_validation_exception", "Validation Failed: 1: index patterns are missing;"))
			return
		}
		s.templates[name] = append(json.RawMessage(nil), body...)
		writeJSON(w, http.StatusOK, acknowledged)
	case http.MethodGet, http.MethodHead:
		var list []map[string]any
		for n, raw := range s.templates {
			if ok, _ := path.Match(name, n); ok {
				list = append(list, map[string]any{"name": n, "index_template": raw})
			}
		}
		if len(list) == 0 {
			writeError(w, newError(http.StatusNotFound, "resource_not_found_exception", "index template matching [%s] not found", name))
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"index_templates": list})
	case http.MethodDelete:
		delete(s.templates, name)
		writeJSON(w, http.StatusOK, acknowledged)
	default:
		writeError(w, newError(http.StatusMethodNotAllowed, "illegal_argument_exception", "method [%s] is not supported on /_index_template", method))
	}
}

// aliasBody is the alias of the index, as GET _alias shows it.
func (s *Server) aliasBody() map[string]any {
	return map[string]any{s.cfg.Index: map[string]any{"aliases": map[string]any{
		s.cfg.Alias: map[string]any{"is_write_index": true},
	}}}
}

// getAlias serves GET /_alias/{names} and GET /{index}/_alias/{names}.
func (s *Server) getAlias(w http.ResponseWriter, index, names string) {
	if index != "" && !s.ours(index) {
		writeError(w, indexNotFound(index))
		return
	}
	for _, want := range strings.Split(names, ",") {
		if ok, _ := path.Match(want, s.cfg.Alias); ok {
			writeJSON(w, http.StatusOK, s.aliasBody())
			return
		}
	}
	writeJSON(w, http.StatusNotFound, map[string]any{"error": "alias [" + names + "] missing", "status": http.StatusNotFound})
}

// onlyOurs is the refusal of a request about another alias or index.
func (s *Server) onlyOurs(name string) *esError {
	return newError(http.StatusBadRequest, "illegal_argument_exception",
		"this newsflow store serves only the alias [%s] (index [%s]), not [%s]: start the sink with --es-alias %s",
		s.cfg.Alias, s.cfg.Index, name, s.cfg.Alias)
}

// index serves /{index}: a create of ours answers that it exists; a get or head shows it.
func (s *Server) index(w http.ResponseWriter, method, name string, body []byte) {
	switch {
	case (method == http.MethodGet || method == http.MethodHead) && s.ours(name):
		writeJSON(w, http.StatusOK, map[string]any{s.cfg.Index: map[string]any{
			"aliases":  map[string]any{s.cfg.Alias: map[string]any{"is_write_index": true}},
			"mappings": map[string]any{"dynamic": "strict"},
			"settings": map[string]any{"index": map[string]any{"number_of_shards": "1", "number_of_replicas": "0"}},
		}})
	case method == http.MethodGet || method == http.MethodHead:
		writeError(w, indexNotFound(name))
	case method == http.MethodPut && s.ours(name):
		e := newError(http.StatusBadRequest, "resource_already_exists_exception", "index [%s] already exists", s.cfg.Index)
		e.Index = s.cfg.Index
		writeError(w, e)
	case method == http.MethodPut:
		writeError(w, s.onlyOurs(name))
	default:
		writeError(w, newError(http.StatusMethodNotAllowed, "illegal_argument_exception",
			"method [%s] is not supported on /{index} by the newsflow store", method))
	}
}

// mapping serves /{target}/_mapping: a put on ours is acknowledged (the store's mapping
// is fixed and strict), a get shows that it is strict.
func (s *Server) mapping(w http.ResponseWriter, method, target string, body []byte) {
	if !s.oursOrAll(target) {
		writeError(w, indexNotFound(target))
		return
	}
	switch method {
	case http.MethodGet, http.MethodHead:
		writeJSON(w, http.StatusOK, map[string]any{s.cfg.Index: map[string]any{"mappings": map[string]any{"dynamic": "strict"}}})
	case http.MethodPut, http.MethodPost:
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err != nil {
			writeError(w, newError(http.StatusBadRequest, "x_content_parse_exception", "[1:1] failed to parse mapping: %v", err))
			return
		}
		writeJSON(w, http.StatusOK, acknowledged)
	default:
		writeError(w, newError(http.StatusMethodNotAllowed, "illegal_argument_exception", "method [%s] is not supported on /_mapping", method))
	}
}

// putAlias serves PUT /{index}/_alias/{alias}.
func (s *Server) putAlias(w http.ResponseWriter, index, alias string) {
	if index != s.cfg.Index {
		writeError(w, indexNotFound(index))
		return
	}
	if alias != s.cfg.Alias {
		writeError(w, s.onlyOurs(alias))
		return
	}
	writeJSON(w, http.StatusOK, acknowledged)
}

// updateAliases serves POST /_aliases: adding our alias to our index is acknowledged.
func (s *Server) updateAliases(w http.ResponseWriter, body []byte) {
	var req struct {
		Actions []map[string]struct {
			Index string `json:"index"`
			Alias string `json:"alias"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		writeError(w, newError(http.StatusBadRequest, "parsing_exception", "[aliases] failed to parse field [actions]: %v", err))
		return
	}
	for _, a := range req.Actions {
		for verb, p := range a {
			switch {
			case verb != "add":
				writeError(w, newError(http.StatusBadRequest, "illegal_argument_exception",
					"the newsflow store supports only the add alias action, not [%s]", verb))
				return
			case p.Index != s.cfg.Index:
				writeError(w, indexNotFound(p.Index))
				return
			case p.Alias != s.cfg.Alias:
				writeError(w, s.onlyOurs(p.Alias))
				return
			}
		}
	}
	writeJSON(w, http.StatusOK, acknowledged)
}

// refresh serves _refresh: writes are visible once acknowledged, so it only answers.
func (s *Server) refresh(w http.ResponseWriter, target string) {
	if !s.oursOrAll(target) {
		writeError(w, indexNotFound(target))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"_shards": shards()})
}

func shards() map[string]int { return map[string]int{"total": 1, "successful": 1, "failed": 0} }

// count serves _count of every document; a query is refused (the store counts all only).
func (s *Server) count(w http.ResponseWriter, r *http.Request, target string, body []byte) {
	if !s.oursOrAll(target) {
		writeError(w, indexNotFound(target))
		return
	}
	if len(strings.TrimSpace(string(body))) > 0 || r.URL.Query().Has("q") {
		var req map[string]json.RawMessage
		if err := json.Unmarshal(body, &req); err != nil || len(req) > 0 || r.URL.Query().Has("q") {
			writeError(w, newError(http.StatusBadRequest, "illegal_argument_exception",
				"the newsflow store counts every document only: use its search API (/api/search) to query"))
			return
		}
	}
	st, err := s.cfg.Store.Stats(r.Context())
	if err != nil {
		s.storeFailed(w, "count", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"count": st.Documents, "_shards": shards()})
}

// getDoc serves GET /{target}/_doc/{id}: the document rebuilt from the stored article.
func (s *Server) getDoc(w http.ResponseWriter, r *http.Request, target, id string) {
	if !s.ours(target) {
		writeError(w, indexNotFound(target))
		return
	}
	a, found, err := s.cfg.Store.Article(r.Context(), id)
	if err != nil {
		s.storeFailed(w, "get", err)
		return
	}
	if !found {
		writeJSON(w, http.StatusNotFound, map[string]any{"_index": s.cfg.Index, "_id": id, "found": false})
		return
	}
	d, err := store.FromArticle(a)
	if err != nil {
		s.storeFailed(w, "get", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"_index": s.cfg.Index, "_id": id, "_version": d.Revision, "_seq_no": 0, "_primary_term": 1,
		"found": true, "_source": &d,
	})
}

// storeFailed answers a failed store call: 503 when retrying may help (the store is
// unavailable, closed, or the client went away), 500 otherwise.
// It returns the status.
func (s *Server) storeFailed(w http.ResponseWriter, op string, err error) int {
	if errors.Is(err, store.ErrUnavailable) || errors.Is(err, store.ErrClosed) || isContextErr(err) {
		s.log.Warn("store unavailable", "op", op, "error", err)
		writeError(w, newError(http.StatusServiceUnavailable, "unavailable_shards_exception",
			"the newsflow store could not %s: %v", op, err))
		return http.StatusServiceUnavailable
	}
	s.log.Error("store failed", "op", op, "error", err)
	writeError(w, newError(http.StatusInternalServerError, "exception", "the newsflow store could not %s: %v", op, err))
	return http.StatusInternalServerError
}
