package eshttp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/newsflow/newsflow/store"
)

// action is one parsed action of a bulk request: the operation, the index it names (the
// request's target unless the metadata names one), its metadata and its source line.
type action struct {
	op, index string
	meta      actionMeta
	source    []byte
}

// item is one entry of a bulk answer's items.
type item struct {
	Index       string         `json:"_index"`
	ID          string         `json:"_id"`
	Version     int64          `json:"_version,omitempty"`
	Result      string         `json:"result,omitempty"`
	Shards      map[string]int `json:"_shards,omitempty"`
	SeqNo       *int64         `json:"_seq_no,omitempty"`
	PrimaryTerm int64          `json:"_primary_term,omitempty"`
	Status      int            `json:"status"`
	Error       *esError       `json:"error,omitempty"`
	outcome     store.Outcome  // for the metrics
}

// bulk serves POST /_bulk and POST /{target}/_bulk: each index action's source is decoded
// into a store.Document, the documents are written in one call of the store, and the answer
// has one item per action, in order.
func (s *Server) bulk(w http.ResponseWriter, r *http.Request, target string, body []byte) {
	start := time.Now()
	actions, perr := parseBulk(body, target)
	if perr == nil {
		perr = validateBulk(actions)
	}
	if perr != nil {
		s.metrics.requests.WithLabelValues("400").Inc()
		writeError(w, perr)
		return
	}
	requireAlias := r.URL.Query().Get("require_alias") == "true"
	items := make([]item, len(actions))
	var docs []store.Document
	var pos []int
	for i, a := range actions {
		items[i] = item{Index: s.cfg.Index, ID: a.meta.ID}
		ra := requireAlias
		if a.meta.RequireAlias != nil {
			ra = *a.meta.RequireAlias
		}
		switch {
		case a.op != "index":
			items[i].Error = newError(http.StatusBadRequest, "illegal_argument_exception",
				"the newsflow store supports only the index bulk action, not [%s]", a.op)
		case ra && a.index != s.cfg.Alias:
			e := newError(http.StatusNotFound, "index_not_found_exception",
				"no such index [%s] and [require_alias] request flag is [true] and [%s] is not an alias", a.index, a.index)
			e.Index, e.IndexUUID = a.index, "_na_"
			items[i].Index, items[i].Error = a.index, e
		case !s.ours(a.index):
			items[i].Index, items[i].Error = a.index, s.onlyOurs(a.index)
		default:
			d, err := decodeSource(a.source, a.meta.ID, *a.meta.Version)
			if err != nil {
				items[i].Error = err
				continue
			}
			docs = append(docs, d)
			pos = append(pos, i)
		}
	}
	if len(docs) > 0 {
		results, err := s.cfg.Store.Write(r.Context(), docs)
		if err == nil && len(results) != len(docs) {
			err = fmt.Errorf("the store returned %d results for %d documents: %w", len(results), len(docs), store.ErrUnavailable)
		}
		if err != nil {
			// Nothing of this request is known to be durable: the client writes it all again.
			s.metrics.requests.WithLabelValues(strconv.Itoa(s.storeFailed(w, "write", err))).Inc()
			return
		}
		for k, res := range results {
			s.fill(&items[pos[k]], actions[pos[k]], res)
		}
	}
	hasErrors := false
	envelopes := make([]map[string]*item, len(items))
	for i := range items {
		it := &items[i]
		if it.Error != nil {
			it.Status, hasErrors = it.Error.status, true
			if it.outcome == "" {
				it.outcome = store.OutcomeRejected
			}
		}
		s.metrics.items.WithLabelValues(string(it.outcome)).Inc()
		envelopes[i] = map[string]*item{actions[i].op: it}
	}
	s.metrics.requests.WithLabelValues("200").Inc()
	s.metrics.seconds.Observe(time.Since(start).Seconds())
	writeJSON(w, http.StatusOK, map[string]any{
		"took":   time.Since(start).Milliseconds(),
		"errors": hasErrors,
		"items":  envelopes,
	})
}

// fill turns the store's result for one document into its item.
func (s *Server) fill(it *item, a action, res store.Result) {
	it.outcome = res.Outcome
	switch res.Outcome {
	case store.OutcomeStored:
		it.Result, it.Status = "created", http.StatusCreated
		if res.Status == http.StatusOK {
			it.Result, it.Status = "updated", http.StatusOK
		}
		seq := s.seqNo.Add(1) - 1
		it.Version, it.SeqNo, it.PrimaryTerm = *a.meta.Version, &seq, 1
		it.Shards = shards()
	case store.OutcomeStale:
		e := newError(http.StatusConflict, "version_conflict_engine_exception", "[%s]: version conflict, %s",
			a.meta.ID, strings.TrimPrefix(res.Reason, "version_conflict: "))
		e.Index, e.IndexUUID, e.Shard = s.cfg.Index, "_na_", "0"
		it.Error = e
	case store.OutcomeRetry:
		status := http.StatusTooManyRequests
		if res.Status >= 500 {
			status = res.Status
		}
		it.Error = newError(status, "es_rejected_execution_exception", "the newsflow store could not write [%s] now: %s", a.meta.ID, res.Reason)
	default:
		status := res.Status
		if status < 400 || status >= 500 {
			status = http.StatusBadRequest
		}
		it.Error = newError(status, "document_parsing_exception", "[%s]: the newsflow store refused the document: %s", a.meta.ID, res.Reason)
	}
}

// actionMeta is the metadata of one action line: the parameters store/elastic sends, and
// those a bulk action may carry that the store can ignore.
type actionMeta struct {
	Index        string          `json:"_index"`
	ID           string          `json:"_id"`
	Version      *int64          `json:"version"`
	VersionType  string          `json:"version_type"`
	RequireAlias *bool           `json:"require_alias"`
	Routing      json.RawMessage `json:"routing"`
	Pipeline     json.RawMessage `json:"pipeline"`
	Source       json.RawMessage `json:"_source"`
}

// parseBulk reads the NDJSON body: an action line, then a source line unless the action is
// a delete. A malformed body fails the whole request, as in Elasticsearch.
func parseBulk(body []byte, target string) ([]action, *esError) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, newError(http.StatusBadRequest, "action_request_validation_exception", "Validation Failed: 1: no requests added;")
	}
	if !bytes.HasSuffix(body, []byte("\n")) {
		return nil, badRequest("The bulk request must be terminated by a newline [\\n]")
	}
	var actions []action
	var pending *action // an action waiting for its source line
	for lineNo, line := range bytes.Split(body[:len(body)-1], []byte("\n")) {
		line = bytes.TrimSpace(line)
		switch {
		case len(line) == 0:
			continue
		case pending != nil:
			pending.source = line
			actions = append(actions, *pending)
			pending = nil
			continue
		}
		a, err := parseAction(line, lineNo+1, target)
		if err != nil {
			return nil, err
		}
		if a.op == "delete" {
			actions = append(actions, a)
		} else {
			pending = &a
		}
	}
	if pending != nil {
		return nil, badRequest("The bulk request must be terminated by a newline [\\n]")
	}
	return actions, nil
}

// parseAction reads one action line: {"OP": {metadata}}.
func parseAction(line []byte, lineNo int, target string) (action, *esError) {
	var outer map[string]json.RawMessage
	if err := json.Unmarshal(line, &outer); err != nil || len(outer) != 1 {
		return action{}, badRequest("Malformed action/metadata line [%d], expected START_OBJECT or END_OBJECT but found [VALUE_STRING]", lineNo)
	}
	a := action{index: target}
	var raw json.RawMessage
	for op, v := range outer {
		a.op, raw = op, v
	}
	if a.op != "index" && a.op != "create" && a.op != "update" && a.op != "delete" {
		return action{}, badRequest("Malformed action/metadata line [%d], expected field [create], [delete], [index] or [update] but found [%s]", lineNo, a.op)
	}
	var meta actionMeta
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&meta); err != nil {
		if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return action{}, badRequest("Action/metadata line [%d] contains an unknown parameter [%s]", lineNo, strings.Trim(field, `"`))
		}
		return action{}, badRequest("Action/metadata line [%d]: %v", lineNo, err)
	}
	if meta.Index != "" {
		a.index = meta.Index
	}
	a.meta = meta
	return a, nil
}

func badRequest(format string, args ...any) *esError {
	return newError(http.StatusBadRequest, "illegal_argument_exception", format, args...)
}

// validateBulk fails the whole request (400) for an action the store cannot honour: every
// index action must carry its _id and the article revision as an external_gte version.
// The reason lists the problems as Elasticsearch does: "Validation Failed: 1: ...;2: ...;".
func validateBulk(actions []action) *esError {
	reason := "Validation Failed: "
	n := 0
	for _, a := range actions {
		problem := ""
		switch {
		case a.op != "index":
		case a.index == "":
			problem = "index is missing"
		case a.meta.ID == "":
			problem = "an id is required: the newsflow store does not generate ids"
		case a.meta.VersionType != "external_gte":
			problem = fmt.Sprintf("version_type [%s] is not supported: the newsflow store needs external_gte with the article revision as version", a.meta.VersionType)
		case a.meta.Version == nil || *a.meta.Version < 0:
			problem = "an external_gte version of 0 or more is required"
		}
		if problem != "" {
			n++
			reason += strconv.Itoa(n) + ": " + problem + ";"
		}
	}
	if n == 0 {
		return nil
	}
	return newError(http.StatusBadRequest, "action_request_validation_exception", "%s", reason)
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
