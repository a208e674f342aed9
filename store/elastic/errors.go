package elastic

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/elastic/go-elasticsearch/v8/esapi"

	"github.com/newsflow/newsflow/store"
)

// ResponseError is an error answer of Elasticsearch to a whole request. It wraps
// store.ErrUnavailable for 429 and 5xx and store.ErrRequestRejected for other statuses.
type ResponseError struct {
	Op     string // what the store was doing: "bulk", "get", "put template", ...
	Status int
	Type   string // the error type, e.g. "cluster_block_exception"; may be empty
	Reason string
}

func (e *ResponseError) Error() string {
	if e.Type == "" {
		return fmt.Sprintf("elastic: %s: status %d: %s", e.Op, e.Status, e.Reason)
	}
	return fmt.Sprintf("elastic: %s: status %d: %s: %s", e.Op, e.Status, e.Type, e.Reason)
}

// Unwrap lets errors.Is see whether retrying may help.
func (e *ResponseError) Unwrap() error {
	if e.Status == http.StatusTooManyRequests || e.Status >= 500 {
		return store.ErrUnavailable
	}
	return store.ErrRequestRejected
}

// esError is an Elasticsearch exception: type, reason and cause.
type esError struct {
	Type     string   `json:"type"`
	Reason   string   `json:"reason"`
	CausedBy *esError `json:"caused_by"`
}

// String is "type: reason; caused by: type: reason", cut to maxReasonBytes.
func (e *esError) String() string {
	if e == nil {
		return ""
	}
	return cut(e.Type+": "+e.detail(), maxReasonBytes)
}

// detail is the reason followed by the causes.
func (e *esError) detail() string {
	var b strings.Builder
	b.WriteString(e.Reason)
	for c, depth := e.CausedBy, 0; c != nil && depth < 3; c, depth = c.CausedBy, depth+1 {
		b.WriteString("; caused by: ")
		b.WriteString(c.Type)
		b.WriteString(": ")
		b.WriteString(c.Reason)
	}
	return b.String()
}

// maxReasonBytes bounds a reason: it travels in a Kafka header of the DLQ and in logs.
const maxReasonBytes = 1024

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// responseError reads an error answer: {"error":{...},"status":N}, {"error":"text"}, or
// whatever a proxy sent.
func responseError(op string, res *esapi.Response) error {
	body, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	e := &ResponseError{Op: op, Status: res.StatusCode}
	var structured struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(body, &structured) == nil && len(structured.Error) > 0 {
		var ee esError
		if json.Unmarshal(structured.Error, &ee) == nil && ee.Type != "" {
			e.Type, e.Reason = ee.Type, cut(ee.detail(), maxReasonBytes)
			return e
		}
		var text string
		if json.Unmarshal(structured.Error, &text) == nil {
			e.Reason = cut(text, maxReasonBytes)
			return e
		}
	}
	e.Reason = cut(strings.TrimSpace(string(body)), 256)
	if e.Reason == "" {
		e.Reason = http.StatusText(res.StatusCode)
	}
	return e
}
