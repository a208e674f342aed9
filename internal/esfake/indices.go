package esfake

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"path"
	"sort"
	"strings"
)

// indexTemplate is a composable index template (PUT _index_template/NAME).
type indexTemplate struct {
	name     string
	raw      json.RawMessage // the body as received, returned by GET
	patterns []string
	priority int
	mappings json.RawMessage
	settings json.RawMessage
	aliases  map[string]aliasProps
}

type aliasProps struct {
	IsWriteIndex *bool `json:"is_write_index,omitempty"`
}

// index is one concrete index.
type index struct {
	name     string
	uuid     string
	mappings json.RawMessage // merged "mappings" object, returned by GET _mapping
	mapping  *field
	settings json.RawMessage
	aliases  map[string]aliasProps
	docs     map[string]*storedDoc
	seqNo    int64
}

type storedDoc struct {
	source  json.RawMessage
	version int64
	seqNo   int64
	parsed  map[string]any // source decoded on first search, then reused
}

func newUUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)[:22]
}

// parseTemplate reads a composable index template body.
func parseTemplate(name string, body []byte) (*indexTemplate, *esError) {
	var t struct {
		IndexPatterns json.RawMessage `json:"index_patterns"`
		Priority      int             `json:"priority"`
		Template      struct {
			Settings json.RawMessage       `json:"settings"`
			Mappings json.RawMessage       `json:"mappings"`
			Aliases  map[string]aliasProps `json:"aliases"`
		} `json:"template"`
	}
	if err := json.Unmarshal(body, &t); err != nil {
		return nil, newError(http.StatusBadRequest, "x_content_parse_exception", "[1:1] [index_template] failed to parse: %v", err)
	}
	var patterns []string
	if err := json.Unmarshal(t.IndexPatterns, &patterns); err != nil {
		var one string
		if json.Unmarshal(t.IndexPatterns, &one) != nil || one == "" {
			return nil, newError(http.StatusBadRequest, "action_request_validation_exception",
				"Validation Failed: 1: index patterns are missing;")
		}
		patterns = []string{one}
	}
	if _, err := compileMapping(t.Template.Mappings); err != nil {
		return nil, err
	}
	return &indexTemplate{
		name: name, raw: append(json.RawMessage(nil), body...), patterns: patterns, priority: t.Priority,
		mappings: t.Template.Mappings, settings: t.Template.Settings, aliases: t.Template.Aliases,
	}, nil
}

// compactJSON removes insignificant space, so that stored mappings read back the same way
// however they were sent.
func compactJSON(raw json.RawMessage) json.RawMessage {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return raw
	}
	return b.Bytes()
}

func (t *indexTemplate) matches(name string) bool {
	for _, p := range t.patterns {
		if ok, _ := path.Match(p, name); ok {
			return true
		}
	}
	return false
}

// validIndexName applies Elasticsearch's index naming rules.
func validIndexName(name string) *esError {
	invalid := func(why string) *esError {
		e := newError(http.StatusBadRequest, "invalid_index_name_exception", "Invalid index name [%s], %s", name, why)
		e.Index, e.IndexUUID = name, "_na_"
		return e
	}
	switch {
	case name == "" || name == "." || name == "..":
		return invalid("must not be empty, '.' or '..'")
	case strings.ToLower(name) != name:
		return invalid("must be lowercase")
	case strings.ContainsAny(name, `\/*?"<>| ,#:`):
		return invalid(`must not contain the following characters [ , ", *, \, <, |, ,, >, /, ?]`)
	case strings.HasPrefix(name, "_") || strings.HasPrefix(name, "-") || strings.HasPrefix(name, "+"):
		return invalid("must not start with '_', '-', or '+'")
	case len(name) > 255:
		return invalid("index name is too long")
	}
	return nil
}

// createIndex makes an index from the matching template (highest priority) and the request
// body (settings, mappings and aliases over the template's). Call with s.mu held.
func (s *Server) createIndex(name string, body []byte) (*index, *esError) {
	if err := validIndexName(name); err != nil {
		return nil, err
	}
	if ix, ok := s.indices[name]; ok {
		e := newError(http.StatusBadRequest, "resource_already_exists_exception", "index [%s/%s] already exists", name, ix.uuid)
		e.Index, e.IndexUUID = name, ix.uuid
		return nil, e
	}
	if len(s.aliasIndices(name)) > 0 {
		return nil, newError(http.StatusBadRequest, "invalid_index_name_exception", "Invalid index name [%s], already exists as alias", name)
	}
	var req struct {
		Settings json.RawMessage       `json:"settings"`
		Mappings json.RawMessage       `json:"mappings"`
		Aliases  map[string]aliasProps `json:"aliases"`
	}
	if len(body) > 0 {
		if err := json.Unmarshal(body, &req); err != nil {
			return nil, newError(http.StatusBadRequest, "x_content_parse_exception", "[1:1] failed to parse create index request: %v", err)
		}
	}
	ix := &index{name: name, uuid: newUUID(), aliases: map[string]aliasProps{}, docs: map[string]*storedDoc{}}
	if t := s.templateFor(name); t != nil {
		ix.mappings, ix.settings = t.mappings, t.settings
		for a, p := range t.aliases {
			ix.aliases[a] = p
		}
	}
	merged, err := mergeMappings(ix.mappings, req.Mappings)
	if err != nil {
		return nil, err
	}
	ix.mappings = compactJSON(merged)
	if len(req.Settings) > 0 {
		ix.settings = req.Settings
	}
	m, err := compileMapping(ix.mappings)
	if err != nil {
		return nil, err
	}
	ix.mapping = m
	for a, p := range req.Aliases {
		if _, clash := s.indices[a]; clash || a == name {
			return nil, newError(http.StatusBadRequest, "invalid_alias_name_exception",
				"Invalid alias name [%s]: an index or data stream exists with the same name as the alias", a)
		}
		ix.aliases[a] = p
	}
	s.indices[name] = ix
	return ix, nil
}

func (s *Server) templateFor(name string) *indexTemplate {
	var best *indexTemplate
	for _, n := range sortedKeys(s.templates) {
		t := s.templates[n]
		if t.matches(name) && (best == nil || t.priority > best.priority) {
			best = t
		}
	}
	return best
}

// aliasIndices lists the indices behind an alias, by name.
func (s *Server) aliasIndices(alias string) []*index {
	var out []*index
	for _, n := range sortedKeys(s.indices) {
		if _, ok := s.indices[n].aliases[alias]; ok {
			out = append(out, s.indices[n])
		}
	}
	return out
}

// resolve returns the indices a read target names: an index, an alias, a pattern with '*',
// or a comma-separated list of them; "_all" and "" mean every index.
func (s *Server) resolve(target string) ([]*index, *esError) {
	if target == "" || target == "_all" || target == "*" {
		var all []*index
		for _, n := range sortedKeys(s.indices) {
			all = append(all, s.indices[n])
		}
		return all, nil
	}
	seen := map[string]bool{}
	var out []*index
	add := func(ix *index) {
		if !seen[ix.name] {
			seen[ix.name] = true
			out = append(out, ix)
		}
	}
	for _, part := range strings.Split(target, ",") {
		if strings.Contains(part, "*") {
			for _, n := range sortedKeys(s.indices) {
				ix := s.indices[n]
				if ok, _ := path.Match(part, n); ok {
					add(ix)
				}
				for a := range ix.aliases {
					if ok, _ := path.Match(part, a); ok {
						add(ix)
					}
				}
			}
			continue
		}
		if ix, ok := s.indices[part]; ok {
			add(ix)
			continue
		}
		behind := s.aliasIndices(part)
		if len(behind) == 0 {
			return nil, indexNotFound(part)
		}
		for _, ix := range behind {
			add(ix)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// writeIndex returns the index a write to target goes to: the index itself, or the write
// index of an alias. ok is false when target names nothing.
func (s *Server) writeIndex(target string) (ix *index, ok bool, err *esError) {
	if ix, ok := s.indices[target]; ok {
		return ix, true, nil
	}
	behind := s.aliasIndices(target)
	switch len(behind) {
	case 0:
		return nil, false, nil
	case 1:
		if w := behind[0].aliases[target].IsWriteIndex; w == nil || *w {
			return behind[0], true, nil
		}
	default:
		for _, ix := range behind {
			if w := ix.aliases[target].IsWriteIndex; w != nil && *w {
				return ix, true, nil
			}
		}
	}
	return nil, true, badRequest("no write index is defined for alias [%s]. The write index may be explicitly disabled using is_write_index=false or the alias points to multiple indices without one being designated as a write index", target)
}

// isAlias reports whether name is an alias (and not an index).
func (s *Server) isAlias(name string) bool {
	_, isIndex := s.indices[name]
	return !isIndex && len(s.aliasIndices(name)) > 0
}
