package esfake

import (
	"encoding/json"
	"net/http"
	"net/url"
)

// Request is one request the server received.
type Request struct {
	Method   string
	Path     string
	RawQuery string
	Header   http.Header
	Body     []byte
	// Status is the status answered, or 0 when the connection was dropped (Down).
	Status int
}

// BulkRequest is one _bulk request as the server understood it.
type BulkRequest struct {
	// Target is the index or alias in the path ("" for /_bulk).
	Target string
	Query  url.Values
	Items  []BulkItem
	// Status is the request's HTTP status (200, or a scripted or validation failure).
	Status int
}

// BulkItem is one action of a _bulk request and the status answered for it (0 when the item
// was left out of the response or the whole request failed).
type BulkItem struct {
	Action      string // index, create, delete, update
	Index       string // the concrete index written, once resolved
	ID          string
	Version     int64
	VersionType string
	Source      json.RawMessage
	Status      int
}

// Requests returns a copy of every request received, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	copy(out, s.requests)
	return out
}

// Bulks returns every _bulk request received, in order.
func (s *Server) Bulks() []BulkRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]BulkRequest, len(s.bulks))
	for i, b := range s.bulks {
		out[i] = b
		out[i].Items = append([]BulkItem(nil), b.Items...)
	}
	return out
}

// Doc is a stored document.
type Doc struct {
	Index   string
	ID      string
	Version int64
	SeqNo   int64
	Source  json.RawMessage
}

// Doc returns document id from target (an index or an alias with one index), as
// GET /{target}/_doc/{id} reads it.
func (s *Server) Doc(target, id string) (Doc, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	indices, err := s.resolve(target)
	if err != nil {
		return Doc{}, false
	}
	for _, ix := range indices {
		if d, ok := ix.docs[id]; ok {
			return Doc{Index: ix.name, ID: id, Version: d.version, SeqNo: d.seqNo, Source: d.source}, true
		}
	}
	return Doc{}, false
}

// Docs returns every document behind target (an index, alias or pattern), sorted by index
// and id. The same id in two indices behind one alias shows twice, as a search would.
func (s *Server) Docs(target string) []Doc {
	s.mu.Lock()
	defer s.mu.Unlock()
	indices, err := s.resolve(target)
	if err != nil {
		return nil
	}
	var out []Doc
	for _, ix := range indices {
		for _, id := range sortedKeys(ix.docs) {
			d := ix.docs[id]
			out = append(out, Doc{Index: ix.name, ID: id, Version: d.version, SeqNo: d.seqNo, Source: d.source})
		}
	}
	return out
}

// Indices returns the names of the indices, sorted.
func (s *Server) Indices() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return sortedKeys(s.indices)
}

// Mapping returns the "mappings" object of an index, as GET /{index}/_mapping shows it.
func (s *Server) Mapping(indexName string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ix, ok := s.indices[indexName]
	if !ok {
		return nil, false
	}
	return ix.mappings, true
}

// Template returns the body of an installed index template, as it was received.
func (s *Server) Template(name string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.templates[name]
	if !ok {
		return nil, false
	}
	return t.raw, true
}
