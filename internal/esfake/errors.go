package esfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"unicode/utf8"
)

// esError is an Elasticsearch exception as it appears in error bodies and bulk items: type,
// reason, optional index metadata and a cause chain.
type esError struct {
	Type      string   `json:"type"`
	Reason    string   `json:"reason"`
	IndexUUID string   `json:"index_uuid,omitempty"`
	Shard     string   `json:"shard,omitempty"`
	Index     string   `json:"index,omitempty"`
	CausedBy  *esError `json:"caused_by,omitempty"`
	status    int
}

func (e *esError) Error() string { return e.Type + ": " + e.Reason }

func newError(status int, typ, format string, args ...any) *esError {
	return &esError{status: status, Type: typ, Reason: fmt.Sprintf(format, args...)}
}

func (e *esError) causedBy(typ, format string, args ...any) *esError {
	e.CausedBy = &esError{Type: typ, Reason: fmt.Sprintf(format, args...)}
	return e
}

// requestError is the body of a failed request:
// {"error":{"root_cause":[...],"type":...,"reason":...},"status":N}.
type requestError struct {
	Error  requestErrorBody `json:"error"`
	Status int              `json:"status"`
}

type requestErrorBody struct {
	RootCause []*esError `json:"root_cause"`
	*esError
}

func writeError(w http.ResponseWriter, e *esError) {
	root := e
	for root.CausedBy != nil {
		root = root.CausedBy
	}
	rootCopy := *root
	rootCopy.CausedBy = nil
	writeJSON(w, e.status, requestError{
		Error:  requestErrorBody{RootCause: []*esError{&rootCopy}, esError: e},
		Status: e.status,
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// Canned request-level errors.

func indexNotFound(name string) *esError {
	e := newError(http.StatusNotFound, "index_not_found_exception", "no such index [%s]", name)
	e.Index, e.IndexUUID = name, "_na_"
	return e
}

func badRequest(format string, args ...any) *esError {
	return newError(http.StatusBadRequest, "illegal_argument_exception", format, args...)
}

func parsingError(format string, args ...any) *esError {
	return newError(http.StatusBadRequest, "parsing_exception", format, args...)
}

// statusError is the error a scripted request-level failure answers with.
func statusError(status int) *esError {
	switch {
	case status == http.StatusTooManyRequests:
		return newError(status, "es_rejected_execution_exception",
			"rejected execution of coordinating operation [coordinating_and_primary_bytes=104857600, replica_bytes=0, all_bytes=104857600, coordinating_operation_bytes=52428800, max_coordinating_and_primary_bytes=107374182]")
	case status == http.StatusServiceUnavailable:
		return newError(status, "cluster_block_exception", "blocked by: [SERVICE_UNAVAILABLE/2/no master];")
	case status >= 500:
		return newError(status, "exception", "esfake scripted failure with status %d", status)
	case status == http.StatusUnauthorized:
		return newError(status, "security_exception", "missing authentication credentials for REST request [/_bulk]")
	case status == http.StatusForbidden:
		return newError(status, "security_exception", "action [indices:data/write/bulk] is unauthorized for user [newsflow]")
	case status == http.StatusRequestEntityTooLarge:
		return newError(status, "request_entity_too_large_exception", "request body is too large")
	default:
		return newError(status, "illegal_argument_exception", "esfake scripted failure with status %d", status)
	}
}

// preview shortens a value for an error reason, as Elasticsearch's "Preview of field's value".
func preview(s string) string {
	const n = 128
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}
