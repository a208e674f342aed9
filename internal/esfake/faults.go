package esfake

import (
	"fmt"
	"net/http"
)

// BulkFault scripts the answer to one future _bulk request. Faults queued with ScriptBulk are
// used one per _bulk request, in order.
type BulkFault struct {
	// Status, when non-zero, answers the whole request with this HTTP status and the error body
	// Elasticsearch gives for it (503: cluster_block_exception, 429:
	// es_rejected_execution_exception, ...). Nothing is applied.
	Status int
	// Items fails the items at these 0-based positions; a failed item is not applied.
	Items map[int]ItemFault
	// DropLast leaves the last DropLast items out of the response. They are applied: only their
	// results are lost, as with a proxy that cuts a response short.
	DropLast int
	// OmitProductHeader answers this request without X-Elastic-Product.
	OmitProductHeader bool
}

// ItemFault is the failure of one bulk item.
type ItemFault struct {
	// Status is the item's HTTP status, e.g. 429, 500, 400.
	Status int
	// Type is the error type. Default by status: 429 es_rejected_execution_exception,
	// 5xx unavailable_shards_exception, 400 document_parsing_exception, others
	// illegal_argument_exception.
	Type string
	// Reason is the error text. Default: a message of the kind Elasticsearch gives.
	Reason string
}

func (f ItemFault) error(id string) *esError {
	status := f.Status
	if status == 0 {
		status = http.StatusBadRequest
	}
	typ, reason := f.Type, f.Reason
	switch {
	case status == http.StatusTooManyRequests:
		if typ == "" {
			typ = "es_rejected_execution_exception"
		}
		if reason == "" {
			reason = "rejected execution of primary operation [coordinating_and_primary_bytes=0, replica_bytes=0, all_bytes=0, primary_operation_bytes=4096, max_coordinating_and_primary_bytes=107374182]"
		}
	case status >= 500:
		if typ == "" {
			typ = "unavailable_shards_exception"
		}
		if reason == "" {
			reason = "[news-000001][0] primary shard is not active Timeout: [1m]"
		}
	case status == http.StatusBadRequest:
		if typ == "" {
			typ = "document_parsing_exception"
		}
		if reason == "" {
			reason = fmt.Sprintf("[1:2] failed to parse field [body] of type [text] in document with id '%s'. Preview of field's value: '{}'", id)
		}
	default:
		if typ == "" {
			typ = "illegal_argument_exception"
		}
		if reason == "" {
			reason = fmt.Sprintf("esfake scripted item failure with status %d", status)
		}
	}
	return &esError{status: status, Type: typ, Reason: reason}
}

// ScriptBulk queues faults for the next _bulk requests, one per request.
func (s *Server) ScriptBulk(faults ...BulkFault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bulkFaults = append(s.bulkFaults, faults...)
}

// FailDocument makes every index or create of document id fail with f (a zero f is a 400
// document_parsing_exception), until ClearDocumentFaults.
func (s *Server) FailDocument(id string, f ItemFault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docFaults[id] = f
}

// ClearDocumentFaults removes every FailDocument rule.
func (s *Server) ClearDocumentFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docFaults = map[string]ItemFault{}
}

// Down makes the server drop every request: the connection is closed without an answer, as
// when a node dies (clients see EOF or a reset). Where the connection cannot be taken over
// (HTTP/2), it answers 503 without the product header, as a load balancer in front of a dead
// node does. Up ends it.
func (s *Server) Down() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = true
}

// Up ends Down.
func (s *Server) Up() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = false
}

// SetProductHeader turns the X-Elastic-Product header on every response on (the default) or
// off, which makes the server look like something other than Elasticsearch.
func (s *Server) SetProductHeader(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.omitProduct = !on
}

// nextBulkFault pops the next scripted fault. Call with s.mu held.
func (s *Server) nextBulkFault() BulkFault {
	if len(s.bulkFaults) == 0 {
		return BulkFault{}
	}
	f := s.bulkFaults[0]
	s.bulkFaults = s.bulkFaults[1:]
	return f
}
