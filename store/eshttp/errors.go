package eshttp

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// esError is an Elasticsearch exception, as in error bodies and bulk items.
type esError struct {
	Type      string   `json:"type"`
	Reason    string   `json:"reason"`
	Index     string   `json:"index,omitempty"`
	IndexUUID string   `json:"index_uuid,omitempty"`
	Shard     string   `json:"shard,omitempty"`
	CausedBy  *esError `json:"caused_by,omitempty"`
	status    int
}

func newError(status int, typ, format string, args ...any) *esError {
	return &esError{status: status, Type: typ, Reason: fmt.Sprintf(format, args...)}
}

// indexNotFound is index_not_found_exception for name.
func indexNotFound(name string) *esError {
	e := newError(http.StatusNotFound, "index_not_found_exception", "no such index [%s]", name)
	e.Index, e.IndexUUID = name, "_na_"
	return e
}

// writeError answers {"error":{"root_cause":[...],"type":...,"reason":...},"status":N}.
func writeError(w http.ResponseWriter, e *esError) {
	root := e
	for root.CausedBy != nil {
		root = root.CausedBy
	}
	rc := *root
	rc.CausedBy = nil
	type body struct {
		RootCause []*esError `json:"root_cause"`
		*esError
	}
	writeJSON(w, e.status, map[string]any{
		"error":  body{RootCause: []*esError{&rc}, esError: e},
		"status": e.status,
	})
}

var acknowledged = map[string]any{"acknowledged": true}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"error":"cannot encode the answer","status":500}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
