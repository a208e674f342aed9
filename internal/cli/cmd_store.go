package cli

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsflow/newsflow/internal/telemetry"
	"github.com/newsflow/newsflow/store/elastic"
	"github.com/newsflow/newsflow/store/embedded"
	"github.com/newsflow/newsflow/store/eshttp"
	"github.com/newsflow/newsflow/web"
)

func init() {
	register("store", "serve the embedded search store: Elasticsearch's bulk API for sinks, the search page and API", runStore)
}

func runStore(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("store", "", "Runs the embedded search store (bleve) as its own process, owning its data directory\n"+
		"(a second process on the same directory fails at once: locked by another process). On\n"+
		"--listen it serves the subset of Elasticsearch's REST API that `newsflow sink` uses (_bulk\n"+
		"with external versions, _doc, _count, the index template and alias requests), so any\n"+
		"number of sinks started with --es-url http://LISTEN write to it unchanged, and on the same\n"+
		"port the search API (/api/) and the search page: GET / answers a browser (Accept: text/html)\n"+
		"with the page and anything else with Elasticsearch's info body.", env.Stderr)
	var (
		c                      common
		dataDir, listen, alias string
		maxBodyBytes           int64
		readHeaderTimeout      time.Duration
	)
	c.registerLog(fs)
	fs.StringVar(&c.adminAddr, "admin-addr", "127.0.0.1:9104", "address of the admin server (/metrics, /healthz, /readyz); port 0 picks a free one")
	fs.StringVar(&dataDir, "data-dir", defaultDataDir(), "data directory: the index is its store/ subdirectory, the one `newsflow run` uses")
	fs.StringVar(&listen, "listen", "127.0.0.1:9200", "host:port of the Elasticsearch API, the search API and the page; port 0 picks a free one")
	fs.StringVar(&alias, "es-alias", elastic.DefaultAlias, "the alias the sinks write through (their --es-alias); others are refused")
	fs.Int64Var(&maxBodyBytes, "max-body-bytes", eshttp.DefaultMaxBodyBytes, "largest request body, in bytes (http.max_content_length); larger bulk requests get 413")
	fs.DurationVar(&readHeaderTimeout, "read-header-timeout", 10*time.Second, "how long a client may take to send a request's headers")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log, err := telemetry.NewLogger(env.Stderr, c.logLevel, c.logFormat)
	if err != nil {
		return usageError{err}
	}
	dir := filepath.Join(dataDir, "store")
	st, err := embedded.Open(dir, embedded.Options{})
	if err != nil {
		return fmt.Errorf("open the search store: %w", err)
	}
	defer st.Close()
	log.Info("embedded store opened", "dir", dir)

	reg := telemetry.NewRegistry()
	es, err := eshttp.New(eshttp.Config{Store: st, Alias: alias, MaxBodyBytes: maxBodyBytes, Logger: log, Registerer: reg})
	if err != nil {
		return usageError{err}
	}
	page, err := web.New(web.Config{Searcher: st, Logger: log, Registerer: reg})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	// `newsflow search` finds this store's API through this file, as it finds `newsflow run`'s.
	addrFile := filepath.Join(dataDir, searchAddrFile)
	if err := os.WriteFile(addrFile, []byte(ln.Addr().String()+"\n"), 0o644); err != nil {
		_ = ln.Close()
		return fmt.Errorf("record the search address: %w", err)
	}
	defer os.Remove(addrFile)
	admin, err := telemetry.Listen(telemetry.AdminConfig{Addr: c.adminAddr, Gatherer: reg, Logger: log})
	if err != nil {
		_ = ln.Close()
		return err
	}

	srv := &http.Server{Handler: storeRoutes(es, page), ReadHeaderTimeout: readHeaderTimeout}
	s := &stage{log: log, reg: reg, admin: admin}
	// Ready while the store answers a lookup (cheap): after a failed write whose reopen of
	// the index failed too, every call fails until a later write reopens it.
	admin.SetCheck("store", func() error {
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		_, _, err := st.Article(cctx, "readiness-check")
		return err
	})
	fmt.Fprintf(env.Stderr, "newsflow store: serving %s on http://%s/ (sinks: --es-url http://%s; metrics on http://%s/metrics)\n",
		dir, ln.Addr(), ln.Addr(), admin.Addr())
	// On shutdown, in-flight requests (bulk writes) get serveUntil's grace period before
	// the store closes.
	return s.run(ctx, func(ctx context.Context) error { return serveUntil(ctx, srv, ln) })
}

// storeRoutes sends the search API and the page's requests to page and every other request
// to the Elasticsearch subset es. See pageRequest.
func storeRoutes(es, page http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if pageRequest(r) {
			page.ServeHTTP(w, r)
			return
		}
		es.ServeHTTP(w, r)
	})
}

// pageRequest tells the search API and page's requests from Elasticsearch's on one port:
// paths under /api/; GET or HEAD of / from a browser (its Accept names text/html: clients
// of Elasticsearch never ask for HTML); GET or HEAD of a file of the page (one path segment
// with a dot, not starting with '_', such as /app.js: no index or alias newsflow uses has a
// dot). Everything else, GET / from curl or a client included, is Elasticsearch's.
func pageRequest(r *http.Request) bool {
	p := r.URL.Path
	if strings.HasPrefix(p, "/api/") {
		return true
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	if p == "/" {
		return strings.Contains(r.Header.Get("Accept"), "text/html")
	}
	seg := strings.TrimPrefix(p, "/")
	return !strings.Contains(seg, "/") && !strings.HasPrefix(seg, "_") && strings.Contains(seg, ".")
}
