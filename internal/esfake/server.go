// Package esfake is an Elasticsearch 8 stand-in for tests and local multi-process checks. It
// speaks the part of the REST API that newsflow uses (info, index templates, indices, aliases,
// mappings, _bulk, get, _refresh, _count and a minimal _search) with the response shapes of a
// real cluster, always sends X-Elastic-Product: Elasticsearch (unless told not to), enforces
// the installed mappings (strict objects, field types, dates, geo points, the 32,766-byte term
// limit) and external versions, and injects scripted failures.
//
// A Server is an http.Handler; mount it on httptest.NewServer in tests or run it with
// ListenAndServe. All its methods are safe for concurrent use, also while it serves.
// Documents are visible to _search and _count at once (as if every write refreshed).
package esfake

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Options configure a Server. Zero means default.
type Options struct {
	// Version is the Elasticsearch version GET / reports. Default "8.15.3".
	Version string
	// ClusterName is the cluster name GET / reports. Default "esfake".
	ClusterName string
	// MaxBodyBytes bounds a request body (http.max_content_length): larger requests get 413.
	// Default 100 MiB.
	MaxBodyBytes int64
}

func (o Options) withDefaults() Options {
	if o.Version == "" {
		o.Version = "8.15.3"
	}
	if o.ClusterName == "" {
		o.ClusterName = "esfake"
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 100 << 20
	}
	return o
}

// Server is a fake Elasticsearch node. Create it with New.
type Server struct {
	opts        Options
	clusterUUID string

	mu          sync.Mutex
	templates   map[string]*indexTemplate
	indices     map[string]*index
	bulkFaults  []BulkFault
	docFaults   map[string]ItemFault
	down        bool
	omitProduct bool
	requests    []Request
	bulks       []BulkRequest
}

// New returns an empty server (no templates, no indices).
func New(opts Options) *Server {
	return &Server{
		opts:        opts.withDefaults(),
		clusterUUID: newUUID(),
		templates:   map[string]*indexTemplate{},
		indices:     map[string]*index{},
		docFaults:   map[string]ItemFault{},
	}
}

// HeaderProduct is the header the Elasticsearch clients check.
const HeaderProduct = "X-Elastic-Product"

// statusWriter remembers the status written, for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// ServeHTTP answers one request. It is safe for concurrent use.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, s.opts.MaxBodyBytes+1))
	if err != nil {
		return // the client went away
	}
	rec := Request{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Header: r.Header.Clone(), Body: body}

	s.mu.Lock()
	down, omit := s.down, s.omitProduct
	s.mu.Unlock()
	if down {
		s.record(rec)
		s.drop(w)
		return
	}
	if !omit {
		w.Header().Set(HeaderProduct, "Elasticsearch")
	}
	sw := &statusWriter{ResponseWriter: w}
	if int64(len(body)) > s.opts.MaxBodyBytes {
		writeError(sw, statusError(http.StatusRequestEntityTooLarge))
	} else {
		s.route(sw, r, body)
	}
	rec.Status = sw.status
	s.record(rec)
}

func (s *Server) record(rec Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, rec)
}

// drop closes the connection without an answer, as a dead node does.
func (s *Server) drop(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	w.Header().Set("Content-Type", "text/plain")
	w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = io.WriteString(w, "no healthy upstream")
}

// route dispatches on the path segments.
func (s *Server) route(w http.ResponseWriter, r *http.Request, body []byte) {
	path := strings.Trim(r.URL.Path, "/")
	var segs []string
	if path != "" {
		segs = strings.Split(path, "/")
	}
	m := r.Method
	get := m == http.MethodGet || m == http.MethodHead
	write := m == http.MethodPut || m == http.MethodPost
	switch {
	case len(segs) == 0 && get:
		s.info(w)
		return
	case len(segs) == 2 && segs[0] == "_index_template":
		s.handleTemplate(w, m, segs[1], body)
		return
	case len(segs) == 2 && segs[0] == "_cluster" && segs[1] == "health" && get:
		writeJSON(w, http.StatusOK, map[string]any{"cluster_name": s.opts.ClusterName, "status": "green", "timed_out": false, "number_of_nodes": 1})
		return
	case len(segs) == 2 && segs[0] == "_alias" && get:
		s.getAlias(w, "", segs[1])
		return
	case len(segs) == 1 && segs[0] == "_aliases" && write:
		s.updateAliases(w, body)
		return
	}
	target, op := "", ""
	switch {
	case len(segs) == 1 && strings.HasPrefix(segs[0], "_"):
		op = segs[0]
	case len(segs) >= 2:
		target, op = segs[0], segs[1]
	case len(segs) == 1:
		target = segs[0]
	}
	switch {
	case op == "" && target != "":
		s.handleIndex(w, m, target, body)
	case op == "_bulk" && write && len(segs) <= 2:
		s.bulk(w, r, target, body)
	case op == "_doc" && len(segs) == 3 && get:
		s.getDoc(w, target, segs[2])
	case op == "_refresh" && (write || get):
		s.refresh(w, target)
	case op == "_count" && (write || get):
		s.count(w, target, body)
	case op == "_search" && (write || get):
		s.search(w, r, target, body)
	case op == "_mapping" && len(segs) == 2:
		s.handleMapping(w, m, target, body)
	case op == "_alias" && len(segs) == 3 && target != "":
		if write {
			s.putAlias(w, target, segs[2])
		} else {
			s.getAlias(w, target, segs[2])
		}
	default:
		writeJSON(w, http.StatusBadRequest, map[string]any{
			"error":  fmt.Sprintf("no handler found for uri [%s] and method [%s]", r.URL.Path, m),
			"status": http.StatusBadRequest,
		})
	}
}

func (s *Server) info(w http.ResponseWriter) {
	writeJSON(w, http.StatusOK, map[string]any{
		"name":         s.opts.ClusterName + "-node-1",
		"cluster_name": s.opts.ClusterName,
		"cluster_uuid": s.clusterUUID,
		"version": map[string]any{
			"number":                              s.opts.Version,
			"build_flavor":                        "default",
			"build_type":                          "docker",
			"build_hash":                          "esfake",
			"build_date":                          "2024-10-09T22:08:00.328917561Z",
			"build_snapshot":                      false,
			"lucene_version":                      "9.11.1",
			"minimum_wire_compatibility_version":  "7.17.0",
			"minimum_index_compatibility_version": "7.0.0",
		},
		"tagline": "You Know, for Search",
	})
}

// ListenAndServe serves on addr (e.g. "127.0.0.1:9200") until ctx is done, then shuts down,
// giving in-flight requests up to 5 s. It returns nil after a shutdown caused by ctx.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("esfake: listen: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is done, like ListenAndServe. It closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("esfake: serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		_ = srv.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("esfake: serve: %w", err)
	}
	return nil
}
