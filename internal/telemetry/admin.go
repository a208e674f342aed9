package telemetry

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// AdminConfig configures the admin server. Zero means default.
type AdminConfig struct {
	// Addr to listen on. Default "127.0.0.1:0" (a free port; see Admin.Addr).
	Addr string
	// Gatherer serves /metrics. Required.
	Gatherer prometheus.Gatherer
	// Logger, default slog.Default().
	Logger *slog.Logger
}

// Admin serves /metrics, /healthz (the process is alive) and /readyz (every readiness check
// passes). Components register readiness checks; a component is ready only after its first
// successful connect. Methods are safe for concurrent use.
type Admin struct {
	ln     net.Listener
	srv    *http.Server
	log    *slog.Logger
	mu     sync.Mutex
	checks map[string]func() error
}

// Listen opens the admin listener; Serve starts answering.
func Listen(cfg AdminConfig) (*Admin, error) {
	if cfg.Gatherer == nil {
		return nil, errors.New("telemetry: AdminConfig.Gatherer is required")
	}
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("admin listen on %s: %w", cfg.Addr, err)
	}
	a := &Admin{ln: ln, log: cfg.Logger, checks: make(map[string]func() error)}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(cfg.Gatherer, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", a.serveReady)
	a.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	return a, nil
}

// Addr is the address the admin server listens on.
func (a *Admin) Addr() string { return a.ln.Addr().String() }

// SetCheck registers (or replaces) a named readiness check; nil removes it.
func (a *Admin) SetCheck(name string, check func() error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if check == nil {
		delete(a.checks, name)
		return
	}
	a.checks[name] = check
}

// Ready runs every readiness check and returns the failures by name.
func (a *Admin) Ready() map[string]error {
	a.mu.Lock()
	names := make([]string, 0, len(a.checks))
	for n := range a.checks {
		names = append(names, n)
	}
	checks := make([]func() error, len(names))
	sort.Strings(names)
	for i, n := range names {
		checks[i] = a.checks[n]
	}
	a.mu.Unlock()
	failed := map[string]error{}
	for i, c := range checks {
		if err := c(); err != nil {
			failed[names[i]] = err
		}
	}
	return failed
}

func (a *Admin) serveReady(w http.ResponseWriter, _ *http.Request) {
	failed := a.Ready()
	if len(failed) == 0 {
		fmt.Fprintln(w, "ready")
		return
	}
	w.WriteHeader(http.StatusServiceUnavailable)
	names := make([]string, 0, len(failed))
	for n := range failed {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "%s: %v\n", n, failed[n])
	}
}

// Serve answers requests until ctx is done, then shuts down within five seconds.
func (a *Admin) Serve(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- a.srv.Serve(a.ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("admin server: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("admin shutdown: %w", err)
	}
	<-errc
	return nil
}

// ReadyFlag is a readiness check that fails until Set is called.
type ReadyFlag struct {
	mu     sync.Mutex
	ready  bool
	reason string
}

// NewReadyFlag returns a flag that is not ready, with the reason given.
func NewReadyFlag(reason string) *ReadyFlag { return &ReadyFlag{reason: reason} }

// Set marks the flag ready (true) or not ready with a reason (false).
func (f *ReadyFlag) Set(ready bool, reason string) {
	f.mu.Lock()
	f.ready, f.reason = ready, reason
	f.mu.Unlock()
}

// Check is the readiness check for Admin.SetCheck.
func (f *ReadyFlag) Check() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.ready {
		return nil
	}
	return errors.New(f.reason)
}
