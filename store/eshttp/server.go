// Package eshttp serves the part of Elasticsearch 8's REST API that store/elastic uses, over
// a search store of this process (the embedded store), so that any number of sinks started
// with --es-url write to that store unchanged.
//
// The subset: GET / (the info body), the requests of elastic.Store.EnsureTemplate (index
// template, alias lookup, mapping update, index creation, alias actions: all accepted
// idempotently for the one alias and index the server stands for, since the store has its
// own fixed mapping), POST /_bulk and POST /{alias}/_bulk with index actions carrying _id,
// version and version_type=external_gte, GET /{alias}/_doc/{id}, _count, _refresh,
// _cluster/health, and /{alias}/_search for the near-duplicate lookups only (a terms query on
// dup_bands or story_id, an ids query: see search.go). Every answer carries X-Elastic-Product: Elasticsearch, which the
// go-elasticsearch client requires. Anything else gets Elasticsearch's 400 "no handler found".
//
// Bulk sources are decoded strictly into store.Document: an unknown field is refused with
// strict_dynamic_mapping_exception and a value that does not decode with
// document_parsing_exception (status 400, per item), as the strict index template would.
// Per-item outcomes follow the store's: 201 created, 200 updated, 409
// version_conflict_engine_exception for a stale revision, 429 for a transient failure of one
// item. A write the store could not make durable (a full disk) fails the whole request with
// 503, so the client writes every document again.
package eshttp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
)

// Store is what the server writes to and reads from; *embedded.Store implements it.
type Store interface {
	store.Writer
	// Article returns the stored article with this id (found false when there is none).
	Article(ctx context.Context, id string) (*article.Article, bool, error)
	// Stats counts the stored documents.
	Stats(ctx context.Context) (store.Stats, error)
}

// Defaults of Config.
const (
	DefaultAlias        = "news"
	DefaultVersion      = "8.19.0"
	DefaultMaxBodyBytes = 100 << 20
)

// Config configures a Server. Zero means default for every field but Store.
type Config struct {
	// Store receives the writes and answers the reads. Required.
	Store Store
	// Alias is the one alias the server stands for (the sinks' --es-alias). Default "news".
	Alias string
	// Index is the concrete index name shown behind the alias. Default Alias+"-000001"
	// (what elastic.Config defaults to).
	Index string
	// Version is the Elasticsearch version GET / reports. Default DefaultVersion.
	Version string
	// MaxBodyBytes bounds a request body (http.max_content_length): larger ones get 413.
	// Default 100 MiB.
	MaxBodyBytes int64
	// Logger receives store failures. Default: discard.
	Logger *slog.Logger
	// Registerer receives the newsflow_store_* metrics. Default: a private registry.
	Registerer prometheus.Registerer
}

// Server is the Elasticsearch subset as an http.Handler. It is safe for concurrent use.
type Server struct {
	cfg     Config
	log     *slog.Logger
	metrics *metrics
	seqNo   atomic.Int64

	mu        sync.Mutex
	templates map[string]json.RawMessage // installed index templates, by name, as received
}

// New checks cfg and registers the metrics.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, fmt.Errorf("eshttp: config: Store is required")
	}
	if cfg.Alias == "" {
		cfg.Alias = DefaultAlias
	}
	if cfg.Index == "" {
		cfg.Index = cfg.Alias + "-000001"
	}
	if cfg.Alias == cfg.Index {
		return nil, fmt.Errorf("eshttp: config: Alias and Index are both %q", cfg.Alias)
	}
	for _, n := range []string{cfg.Alias, cfg.Index} {
		if n != strings.ToLower(n) || strings.ContainsAny(n, `\/*?"<>| ,#:`) || strings.HasPrefix(n, "_") {
			return nil, fmt.Errorf("eshttp: config: %q is not a valid Elasticsearch name", n)
		}
	}
	if cfg.Version == "" {
		cfg.Version = DefaultVersion
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Registerer == nil {
		cfg.Registerer = prometheus.NewRegistry()
	}
	m, err := newMetrics(cfg.Registerer)
	if err != nil {
		return nil, fmt.Errorf("eshttp: metrics: %w", err)
	}
	return &Server{cfg: cfg, log: cfg.Logger.With("component", "eshttp"), metrics: m,
		templates: map[string]json.RawMessage{}}, nil
}

// HeaderProduct is the header the Elasticsearch clients check on every answer.
const HeaderProduct = "X-Elastic-Product"

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set(HeaderProduct, "Elasticsearch")
	body, err := io.ReadAll(io.LimitReader(r.Body, s.cfg.MaxBodyBytes+1))
	if err != nil {
		writeError(w, newError(http.StatusBadRequest, "parse_exception", "cannot read the request body: %v", err))
		return
	}
	if int64(len(body)) > s.cfg.MaxBodyBytes {
		writeError(w, newError(http.StatusRequestEntityTooLarge, "request_entity_too_large_exception",
			"request body is larger than %d bytes", s.cfg.MaxBodyBytes))
		return
	}
	s.route(w, r, body)
}

// route dispatches on the path segments.
func (s *Server) route(w http.ResponseWriter, r *http.Request, body []byte) {
	var segs []string
	if p := strings.Trim(r.URL.Path, "/"); p != "" {
		segs = strings.Split(p, "/")
	}
	m := r.Method
	read := m == http.MethodGet || m == http.MethodHead
	write := m == http.MethodPut || m == http.MethodPost
	n := len(segs)
	first, second := "", ""
	if n > 0 {
		first = segs[0]
	}
	if n > 1 {
		second = segs[1]
	}
	switch {
	case n == 0 && read:
		s.info(w)
	case n == 2 && first == "_index_template":
		s.template(w, m, segs[1], body)
	case n == 2 && first == "_cluster" && second == "health" && read:
		writeJSON(w, http.StatusOK, map[string]any{"cluster_name": clusterName, "status": "green",
			"timed_out": false, "number_of_nodes": 1, "number_of_data_nodes": 1})
	case n == 2 && first == "_alias" && read:
		s.getAlias(w, "", segs[1])
	case n == 1 && first == "_aliases" && write:
		s.updateAliases(w, body)
	case n == 1 && first == "_bulk" && write:
		s.bulk(w, r, "", body)
	case n == 1 && first == "_refresh" && (read || write):
		s.refresh(w, "")
	case n == 1 && first == "_count" && (read || write):
		s.count(w, r, "", body)
	case n == 1 && !strings.HasPrefix(first, "_"):
		s.index(w, m, first, body)
	case n == 2 && second == "_bulk" && write:
		s.bulk(w, r, first, body)
	case n == 2 && second == "_refresh" && (read || write):
		s.refresh(w, first)
	case n == 2 && second == "_count" && (read || write):
		s.count(w, r, first, body)
	case n == 2 && second == "_search" && (read || write):
		s.search(w, r, first, body)
	case n == 2 && second == "_mapping":
		s.mapping(w, m, first, body)
	case n == 3 && second == "_doc" && read:
		s.getDoc(w, r, first, segs[2])
	case n == 3 && second == "_alias" && write:
		s.putAlias(w, first, segs[2])
	case n == 3 && second == "_alias" && read:
		s.getAlias(w, first, segs[2])
	default:
		writeJSON(w, http.StatusBadRequest, map[string]any{
			"error":  fmt.Sprintf("no handler found for uri [%s] and method [%s]", r.URL.Path, m),
			"status": http.StatusBadRequest,
		})
	}
}

const clusterName = "newsflow"

func (s *Server) info(w http.ResponseWriter) {
	writeJSON(w, http.StatusOK, map[string]any{
		"name":         "newsflow-store",
		"cluster_name": clusterName,
		"cluster_uuid": "newsflow-embedded-store",
		"version": map[string]any{
			"number":                              s.cfg.Version,
			"build_flavor":                        "default",
			"build_type":                          "newsflow",
			"build_hash":                          "newsflow",
			"build_date":                          "2025-01-01T00:00:00.000Z",
			"build_snapshot":                      false,
			"lucene_version":                      "none (bleve)",
			"minimum_wire_compatibility_version":  "7.17.0",
			"minimum_index_compatibility_version": "7.0.0",
		},
		"tagline": "You Know, for Search",
	})
}

// ours reports whether target names the alias or the index the server stands for.
func (s *Server) ours(target string) bool {
	return target == s.cfg.Alias || target == s.cfg.Index
}

// oursOrAll is ours, also accepting "" and "_all" (every index: ours is the only one).
func (s *Server) oursOrAll(target string) bool {
	return target == "" || target == "_all" || s.ours(target)
}
