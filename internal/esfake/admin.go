package esfake

import (
	"encoding/json"
	"net/http"
	"path"
	"strings"
)

var acknowledged = map[string]any{"acknowledged": true}

// handleTemplate serves /_index_template/{name}.
func (s *Server) handleTemplate(w http.ResponseWriter, method, name string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch method {
	case http.MethodPut, http.MethodPost:
		t, err := parseTemplate(name, body)
		if err != nil {
			writeError(w, err)
			return
		}
		s.templates[name] = t
		writeJSON(w, http.StatusOK, acknowledged)
	case http.MethodGet, http.MethodHead:
		var list []map[string]any
		for _, n := range sortedKeys(s.templates) {
			if ok, _ := path.Match(name, n); ok {
				list = append(list, map[string]any{"name": n, "index_template": s.templates[n].raw})
			}
		}
		if len(list) == 0 {
			writeError(w, newError(http.StatusNotFound, "resource_not_found_exception", "index template matching [%s] not found", name))
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"index_templates": list})
	case http.MethodDelete:
		if _, ok := s.templates[name]; !ok {
			writeError(w, newError(http.StatusNotFound, "resource_not_found_exception", "index_template [%s] missing", name))
			return
		}
		delete(s.templates, name)
		writeJSON(w, http.StatusOK, acknowledged)
	default:
		writeError(w, badRequest("method [%s] is not supported on /_index_template", method))
	}
}

// handleIndex serves /{index}: create, exists, get, delete.
func (s *Server) handleIndex(w http.ResponseWriter, method, name string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch method {
	case http.MethodPut:
		ix, err := s.createIndex(name, body)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"acknowledged": true, "shards_acknowledged": true, "index": ix.name})
	case http.MethodGet, http.MethodHead:
		indices, err := s.resolve(name)
		if err != nil {
			writeError(w, err)
			return
		}
		out := map[string]any{}
		for _, ix := range indices {
			settings := json.RawMessage(`{}`)
			if len(ix.settings) > 0 {
				settings = ix.settings
			}
			out[ix.name] = map[string]any{"aliases": ix.aliases, "mappings": rawOrEmpty(ix.mappings), "settings": settings}
		}
		writeJSON(w, http.StatusOK, out)
	case http.MethodDelete:
		ix, ok := s.indices[name]
		if !ok {
			writeError(w, indexNotFound(name))
			return
		}
		delete(s.indices, ix.name)
		writeJSON(w, http.StatusOK, acknowledged)
	default:
		writeError(w, badRequest("method [%s] is not supported on /{index}", method))
	}
}

func rawOrEmpty(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 || string(raw) == "null" {
		return json.RawMessage(`{}`)
	}
	return raw
}

// handleMapping serves /{target}/_mapping: put (merged into every index behind target, all or
// none) and get.
func (s *Server) handleMapping(w http.ResponseWriter, method, target string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	indices, err := s.resolve(target)
	if err != nil {
		writeError(w, err)
		return
	}
	if method == http.MethodGet || method == http.MethodHead {
		out := map[string]any{}
		for _, ix := range indices {
			out[ix.name] = map[string]any{"mappings": rawOrEmpty(ix.mappings)}
		}
		writeJSON(w, http.StatusOK, out)
		return
	}
	type update struct {
		ix       *index
		mappings json.RawMessage
		mapping  *field
	}
	var updates []update
	for _, ix := range indices {
		merged, err := mergeMappings(ix.mappings, body)
		if err != nil {
			writeError(w, err)
			return
		}
		compiled, err := compileMapping(merged)
		if err != nil {
			writeError(w, err)
			return
		}
		updates = append(updates, update{ix, compactJSON(merged), compiled})
	}
	for _, u := range updates {
		u.ix.mappings, u.ix.mapping = u.mappings, u.mapping
	}
	writeJSON(w, http.StatusOK, acknowledged)
}

// getAlias serves GET /_alias/{name} and GET /{index}/_alias/{name}.
func (s *Server) getAlias(w http.ResponseWriter, indexFilter, names string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]any{}
	for _, n := range sortedKeys(s.indices) {
		ix := s.indices[n]
		if indexFilter != "" && indexFilter != n {
			continue
		}
		found := map[string]aliasProps{}
		for a, p := range ix.aliases {
			for _, want := range strings.Split(names, ",") {
				if ok, _ := path.Match(want, a); ok {
					found[a] = p
				}
			}
		}
		if len(found) > 0 {
			out[n] = map[string]any{"aliases": found}
		}
	}
	if len(out) == 0 {
		writeJSON(w, http.StatusNotFound, map[string]any{"error": "alias [" + names + "] missing", "status": http.StatusNotFound})
		return
	}
	writeJSON(w, http.StatusOK, out)
}

type aliasAction struct {
	add          bool
	index, alias string
	isWriteIndex *bool
}

// updateAliases serves POST /_aliases {"actions":[{"add":{...}},{"remove":{...}}]}.
func (s *Server) updateAliases(w http.ResponseWriter, body []byte) {
	var req struct {
		Actions []map[string]struct {
			Index        string `json:"index"`
			Alias        string `json:"alias"`
			IsWriteIndex *bool  `json:"is_write_index"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		writeError(w, parsingError("[aliases] failed to parse field [actions]: %v", err))
		return
	}
	var actions []aliasAction
	for _, a := range req.Actions {
		for verb, p := range a {
			if verb != "add" && verb != "remove" {
				writeError(w, parsingError("Unsupported action [%s]", verb))
				return
			}
			actions = append(actions, aliasAction{add: verb == "add", index: p.Index, alias: p.Alias, isWriteIndex: p.IsWriteIndex})
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.applyAliasActions(w, actions)
}

// putAlias serves PUT /{index}/_alias/{name}.
func (s *Server) putAlias(w http.ResponseWriter, indexName, alias string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.applyAliasActions(w, []aliasAction{{add: true, index: indexName, alias: alias}})
}

// applyAliasActions applies alias changes atomically. Call with s.mu held.
func (s *Server) applyAliasActions(w http.ResponseWriter, actions []aliasAction) {
	for _, a := range actions {
		if _, ok := s.indices[a.index]; !ok {
			writeError(w, indexNotFound(a.index))
			return
		}
		if _, clash := s.indices[a.alias]; a.add && clash {
			writeError(w, newError(http.StatusBadRequest, "invalid_alias_name_exception",
				"Invalid alias name [%s]: an index or data stream exists with the same name as the alias", a.alias))
			return
		}
	}
	for _, a := range actions {
		ix := s.indices[a.index]
		if a.add {
			ix.aliases[a.alias] = aliasProps{IsWriteIndex: a.isWriteIndex}
		} else {
			delete(ix.aliases, a.alias)
		}
	}
	writeJSON(w, http.StatusOK, acknowledged)
}
