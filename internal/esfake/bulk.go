package esfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// maxIDBytes is Elasticsearch's limit on a document id.
const maxIDBytes = 512

// bulkAction is one parsed action line and its source.
type bulkAction struct {
	op           string
	index        string
	id           string
	version      *int64
	versionType  string
	requireAlias *bool
	source       []byte
}

// itemResult is one entry of a bulk response's items.
type itemResult struct {
	Index       string     `json:"_index"`
	ID          string     `json:"_id"`
	Version     int64      `json:"_version,omitempty"`
	Result      string     `json:"result,omitempty"`
	Shards      *shardInfo `json:"_shards,omitempty"`
	SeqNo       *int64     `json:"_seq_no,omitempty"`
	PrimaryTerm int64      `json:"_primary_term,omitempty"`
	Status      int        `json:"status"`
	Error       *esError   `json:"error,omitempty"`
}

type shardInfo struct {
	Total      int `json:"total"`
	Successful int `json:"successful"`
	Failed     int `json:"failed"`
}

// bulk serves POST /_bulk and POST /{target}/_bulk.
func (s *Server) bulk(w http.ResponseWriter, r *http.Request, target string, body []byte) {
	start := time.Now()
	q := r.URL.Query()
	rec := BulkRequest{Target: target, Query: q}

	s.mu.Lock()
	defer s.mu.Unlock()
	fault := s.nextBulkFault()
	if fault.OmitProductHeader {
		w.Header().Del(HeaderProduct)
	}
	actions, perr := parseBulk(body, target)
	for _, a := range actions {
		rec.Items = append(rec.Items, BulkItem{Action: a.op, Index: a.index, ID: a.id, Version: deref(a.version), VersionType: a.versionType, Source: a.source})
	}
	fail := func(e *esError) {
		rec.Status = e.status
		s.bulks = append(s.bulks, rec)
		writeError(w, e)
	}
	if fault.Status != 0 {
		fail(statusError(fault.Status))
		return
	}
	if perr != nil {
		fail(perr)
		return
	}
	if err := validateBulk(actions); err != nil {
		fail(err)
		return
	}

	requireAlias := q.Get("require_alias") == "true"
	items := make([]map[string]itemResult, len(actions))
	hasErrors := false
	for i, a := range actions {
		var res itemResult
		if f, ok := fault.Items[i]; ok {
			res = itemResult{Index: a.index, ID: a.id, Error: f.error(a.id)}
		} else if f, ok := s.docFaults[a.id]; ok && a.op != "delete" {
			res = itemResult{Index: a.index, ID: a.id, Error: f.error(a.id)}
		} else {
			ra := requireAlias
			if a.requireAlias != nil {
				ra = *a.requireAlias
			}
			res = s.apply(a, ra)
		}
		if res.Error != nil {
			res.Status = res.Error.status
			hasErrors = true
		}
		rec.Items[i].Index = res.Index
		rec.Items[i].Status = res.Status
		items[i] = map[string]itemResult{a.op: res}
	}
	if k := fault.DropLast; k > 0 {
		if k > len(items) {
			k = len(items)
		}
		for i := len(items) - k; i < len(items); i++ {
			rec.Items[i].Status = 0
		}
		items = items[:len(items)-k]
	}
	rec.Status = http.StatusOK
	s.bulks = append(s.bulks, rec)
	writeJSON(w, http.StatusOK, map[string]any{
		"took":   time.Since(start).Milliseconds(),
		"errors": hasErrors,
		"items":  items,
	})
}

func deref(v *int64) int64 {
	if v == nil {
		return 0
	}
	return *v
}

// parseBulk reads the NDJSON body: an action line, then a source line for index, create and
// update. Malformed lines fail the whole request, as in Elasticsearch.
func parseBulk(body []byte, target string) ([]bulkAction, *esError) {
	if len(body) == 0 {
		return nil, newError(http.StatusBadRequest, "action_request_validation_exception", "Validation Failed: 1: no requests added;")
	}
	if body[len(body)-1] != '\n' {
		return nil, badRequest("The bulk request must be terminated by a newline [\\n]")
	}
	lines := bytes.Split(body[:len(body)-1], []byte("\n"))
	var actions []bulkAction
	for n := 0; n < len(lines); n++ {
		line := bytes.TrimSpace(lines[n])
		if len(line) == 0 {
			continue
		}
		lineNo := n + 1
		var meta map[string]map[string]json.RawMessage
		if err := json.Unmarshal(line, &meta); err != nil || len(meta) != 1 {
			return nil, badRequest("Malformed action/metadata line [%d], expected START_OBJECT or END_OBJECT but found [VALUE_STRING]", lineNo)
		}
		var a bulkAction
		var params map[string]json.RawMessage
		for op, p := range meta {
			a.op, params = op, p
		}
		switch a.op {
		case "index", "create", "update", "delete":
		default:
			return nil, badRequest("Malformed action/metadata line [%d], expected field [create], [delete], [index] or [update] but found [%s]", lineNo, a.op)
		}
		a.index = target
		for k, v := range params {
			var err error
			switch k {
			case "_index":
				err = json.Unmarshal(v, &a.index)
			case "_id":
				err = json.Unmarshal(v, &a.id)
			case "version":
				a.version = new(int64)
				err = json.Unmarshal(v, a.version)
			case "version_type":
				err = json.Unmarshal(v, &a.versionType)
			case "require_alias":
				a.requireAlias = new(bool)
				err = json.Unmarshal(v, a.requireAlias)
			case "routing", "pipeline", "if_seq_no", "if_primary_term", "dynamic_templates", "retry_on_conflict", "_source", "require_data_stream", "list_executed_pipelines":
			default:
				return nil, badRequest("Action/metadata line [%d] contains an unknown parameter [%s]", lineNo, k)
			}
			if err != nil {
				return nil, badRequest("Action/metadata line [%d]: failed to parse [%s]: %v", lineNo, k, err)
			}
		}
		if a.op != "delete" {
			n++
			if n >= len(lines) {
				return nil, badRequest("The bulk request must be terminated by a newline [\\n]")
			}
			a.source = append([]byte(nil), bytes.TrimSpace(lines[n])...)
		}
		actions = append(actions, a)
	}
	return actions, nil
}

// validateBulk is the request validation that fails a whole bulk request with 400.
func validateBulk(actions []bulkAction) *esError {
	var problems []string
	for _, a := range actions {
		if a.index == "" {
			problems = append(problems, "index is missing")
		}
		if len(a.id) > maxIDBytes {
			problems = append(problems, fmt.Sprintf("id [%s] is too long, must be no longer than %d bytes but was: %d", a.id, maxIDBytes, len(a.id)))
		}
		switch a.versionType {
		case "", "internal":
			if a.version != nil {
				problems = append(problems, "internal versioning can not be used for optimistic concurrency control. Please use `if_seq_no` and `if_primary_term` instead")
			}
		case "external", "external_gte":
			if a.version == nil || *a.version < 0 {
				v := int64(-3) // Versions.MATCH_ANY
				if a.version != nil {
					v = *a.version
				}
				problems = append(problems, fmt.Sprintf("illegal version value [%d] for version type [%s]", v, strings.ToUpper(a.versionType)))
			}
			if a.id == "" {
				problems = append(problems, "an id must be provided if version type or value are set")
			}
		default:
			return badRequest("No version type match [%s]", a.versionType)
		}
	}
	if len(problems) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("Validation Failed: ")
	for i, p := range problems {
		fmt.Fprintf(&b, "%d: %s;", i+1, p)
	}
	return newError(http.StatusBadRequest, "action_request_validation_exception", "%s", b.String())
}

// apply performs one action. Call with s.mu held.
func (s *Server) apply(a bulkAction, requireAlias bool) itemResult {
	res := itemResult{Index: a.index, ID: a.id}
	if a.op == "update" {
		res.Error = badRequest("esfake does not support the update action")
		return res
	}
	ix, exists, err := s.writeIndex(a.index)
	if err != nil {
		res.Error = err
		return res
	}
	if requireAlias && !s.isAlias(a.index) {
		e := newError(http.StatusNotFound, "index_not_found_exception",
			"no such index [%s] and [require_alias] request flag is [true] and [%s] is not an alias", a.index, a.index)
		e.Index, e.IndexUUID = a.index, "_na_"
		res.Error = e
		return res
	}
	if !exists {
		if a.op == "delete" {
			res.Error = indexNotFound(a.index)
			return res
		}
		if ix, err = s.createIndex(a.index, nil); err != nil {
			res.Error = err
			return res
		}
	}
	res.Index = ix.name
	if a.id == "" {
		a.id = newUUID()[:20]
		res.ID = a.id
	}
	cur := ix.docs[a.id]
	conflict := func(format string, args ...any) itemResult {
		e := newError(http.StatusConflict, "version_conflict_engine_exception", "[%s]: "+format, append([]any{a.id}, args...)...)
		e.IndexUUID, e.Shard, e.Index = ix.uuid, "0", ix.name
		res.Error = e
		return res
	}
	version := int64(1)
	if cur != nil {
		version = cur.version + 1
	}
	switch a.versionType {
	case "external":
		if cur != nil && cur.version >= *a.version {
			return conflict("version conflict, current version [%d] is higher or equal to the one provided [%d]", cur.version, *a.version)
		}
		version = *a.version
	case "external_gte":
		if cur != nil && cur.version > *a.version {
			return conflict("version conflict, current version [%d] is higher than the provided version [%d]", cur.version, *a.version)
		}
		version = *a.version
	}
	if a.op == "create" && cur != nil {
		return conflict("version conflict, document already exists (current version [%d])", cur.version)
	}
	if a.op == "delete" {
		if cur == nil {
			res.Result, res.Status, res.Version = "not_found", http.StatusNotFound, version
		} else {
			delete(ix.docs, a.id)
			res.Result, res.Status, res.Version = "deleted", http.StatusOK, version
		}
		return s.stamp(ix, res)
	}
	if perr := (&docParser{id: a.id}).parse(a.source, ix.mapping); perr != nil {
		res.Error = perr
		return res
	}
	res.Result, res.Status = "created", http.StatusCreated
	if cur != nil {
		res.Result, res.Status = "updated", http.StatusOK
	}
	res.Version = version
	res = s.stamp(ix, res)
	ix.docs[a.id] = &storedDoc{source: a.source, version: version, seqNo: *res.SeqNo}
	return res
}

// stamp adds the sequence number and shard header of a successful write.
func (s *Server) stamp(ix *index, res itemResult) itemResult {
	seq := ix.seqNo
	ix.seqNo++
	res.SeqNo = &seq
	res.PrimaryTerm = 1
	res.Shards = &shardInfo{Total: 2, Successful: 1, Failed: 0}
	return res
}
