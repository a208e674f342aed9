// Package web serves newsflow's search API (GET /api/search, /api/articles/{id}, /api/stats)
// and the search page over a store.Searcher, which may be Elasticsearch or the embedded
// store. It is read-only: every other method gets 405.
package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
	"github.com/prometheus/client_golang/prometheus"
)

// Defaults of Config: the store's own limits, which also cap what Config may set.
const (
	DefaultMaxQueryBytes = store.MaxTextBytes
	DefaultMaxPageDepth  = store.MaxDepth
)

// Config configures a Server. Zero values mean the defaults.
type Config struct {
	// Searcher answers every request. Required.
	Searcher store.Searcher
	// Logger receives one Debug line per request and the errors of the store. Default: discard.
	Logger *slog.Logger
	// Registerer receives the newsflow_web_* metrics. Default: a private registry nobody
	// scrapes.
	Registerer prometheus.Registerer
	// MaxQueryBytes bounds the length of q, in bytes. Default and maximum
	// DefaultMaxQueryBytes (store.MaxTextBytes, 1000).
	MaxQueryBytes int
	// MaxPageDepth bounds from+size: how deep anyone may page into a result list, in hits.
	// Default and maximum DefaultMaxPageDepth (store.MaxDepth, 10,000: Elasticsearch's
	// index.max_result_window).
	MaxPageDepth int
	// Timeout bounds each call to the Searcher; past it the answer is 503. Default
	// DefaultTimeout (10 s).
	Timeout time.Duration
}

// DefaultTimeout is the default of Config.Timeout.
const DefaultTimeout = 10 * time.Second

// Validate names the first bad field of the config.
func (c Config) Validate() error {
	switch {
	case c.Searcher == nil:
		return errors.New("web config: Searcher is required")
	case c.MaxQueryBytes < 0 || c.MaxQueryBytes > DefaultMaxQueryBytes:
		return fmt.Errorf("web config: MaxQueryBytes %d outside [0, %d]", c.MaxQueryBytes, DefaultMaxQueryBytes)
	case c.MaxPageDepth < 0 || c.MaxPageDepth > DefaultMaxPageDepth:
		return fmt.Errorf("web config: MaxPageDepth %d outside [0, %d]", c.MaxPageDepth, DefaultMaxPageDepth)
	case c.Timeout < 0:
		return fmt.Errorf("web config: Timeout %v is negative", c.Timeout)
	}
	return nil
}

// Server is the search API and page as an http.Handler. It is safe for concurrent use.
type Server struct {
	searcher store.Searcher
	log      *slog.Logger
	metrics  *metrics
	assets   *assets
	maxQuery int
	maxDepth int
	timeout  time.Duration
}

// New checks cfg and registers the metrics. It fails when the metrics are already
// registered on cfg.Registerer.
func New(cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Registerer == nil {
		cfg.Registerer = prometheus.NewRegistry()
	}
	if cfg.MaxQueryBytes == 0 {
		cfg.MaxQueryBytes = DefaultMaxQueryBytes
	}
	if cfg.MaxPageDepth == 0 {
		cfg.MaxPageDepth = DefaultMaxPageDepth
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	m, err := newMetrics(cfg.Registerer)
	if err != nil {
		return nil, fmt.Errorf("web metrics: %w", err)
	}
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	return &Server{
		searcher: cfg.Searcher,
		log:      cfg.Logger.With("component", "web"),
		metrics:  m,
		assets:   a,
		maxQuery: cfg.MaxQueryBytes,
		maxDepth: cfg.MaxPageDepth,
		timeout:  cfg.Timeout,
	}, nil
}

const articlesPrefix = "/api/articles/"

// ServeHTTP routes a request. Routing is done by hand so that the route label of the metrics
// is known before the handler runs and stays a closed set.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	path := r.URL.Path
	route := routeNotFound
	switch {
	case path == "/api/search":
		route = routeSearch
	case path == "/api/stats":
		route = routeStats
	case strings.HasPrefix(path, articlesPrefix) && len(path) > len(articlesPrefix):
		route = routeArticle
	case s.assets.has(path):
		route = routePage
	}
	defer func() {
		s.metrics.observe(route, sw.code(), time.Since(start))
		s.log.Debug("request", "route", route, "code", sw.code(), "seconds", time.Since(start).Seconds())
	}()

	sw.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		sw.Header().Set("Allow", "GET, HEAD")
		writeError(sw, http.StatusMethodNotAllowed, "", "method "+r.Method+" not allowed: the search API is read-only")
		return
	}
	if route == routeSearch || route == routeStats || route == routeArticle {
		ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
		defer cancel()
		r = r.WithContext(ctx)
	}
	switch route {
	case routeSearch:
		s.search(sw, r)
	case routeStats:
		s.stats(sw, r)
	case routeArticle:
		s.article(sw, r, strings.TrimPrefix(path, articlesPrefix))
	case routePage:
		s.assets.serve(sw, r)
	default:
		writeError(sw, http.StatusNotFound, "", "no such path: "+path)
	}
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	// url.ParseQuery, not r.URL.Query(): the latter silently drops a malformed pair ("%zz").
	values, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, "", "malformed query string: "+err.Error())
		return
	}
	p, err := parseSearch(values, s.maxQuery, s.maxDepth)
	if err != nil {
		field := ""
		var pe *paramError
		if errors.As(err, &pe) {
			field = pe.field
		}
		writeError(w, http.StatusBadRequest, field, err.Error())
		return
	}
	if err := p.query.Validate(); err != nil {
		writeError(w, http.StatusBadRequest, "", err.Error())
		return
	}
	res, err := s.searcher.Search(r.Context(), p.query)
	if err != nil {
		s.storeError(w, r, "search", err)
		return
	}
	out := toSearchResponse(p, res)
	out.TookMS = float64(time.Since(start).Microseconds()) / 1000
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) article(w http.ResponseWriter, r *http.Request, id string) {
	if err := article.ValidID(id); err != nil {
		writeError(w, http.StatusBadRequest, "id", err.Error())
		return
	}
	a, ok, err := s.searcher.Article(r.Context(), id)
	if err != nil {
		s.storeError(w, r, "article", err)
		return
	}
	if !ok || a == nil {
		writeError(w, http.StatusNotFound, "id", "no article with id "+id)
		return
	}
	body, err := article.Encode(a)
	if err != nil {
		s.storeError(w, r, "article", fmt.Errorf("encode article %s: %w", id, err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) {
	st, err := s.searcher.Stats(r.Context())
	if err != nil {
		s.storeError(w, r, "stats", err)
		return
	}
	writeJSON(w, http.StatusOK, StatsResponse{Documents: st.Documents, Sources: st.Sources, Oldest: st.Oldest, Newest: st.Newest})
}

// storeError answers a failed store call: 400 when the store refused the query, 503 when it
// is unavailable or the client went away, 500 otherwise (logged, and not shown in detail).
func (s *Server) storeError(w http.ResponseWriter, r *http.Request, op string, err error) {
	switch {
	case errors.Is(err, store.ErrBadQuery):
		writeError(w, http.StatusBadRequest, "q", err.Error())
	case errors.Is(err, store.ErrUnavailable), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		s.log.Warn("search store unavailable", "op", op, "err", err)
		writeError(w, http.StatusServiceUnavailable, "", "search store unavailable, try again")
	default:
		s.log.Error("search store failed", "op", op, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "", "search store failed")
	}
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		code = http.StatusInternalServerError
		body = []byte(`{"error":"cannot encode the answer"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write(body)
}

func writeError(w http.ResponseWriter, code int, field, msg string) {
	writeJSON(w, code, ErrorResponse{Error: msg, Field: field})
}

// statusWriter remembers the status code for the metrics. A handler that writes a body
// without WriteHeader sent 200, which is what code reports when no status was recorded.
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

func (w *statusWriter) code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}
