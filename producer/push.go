package producer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/newsflow/newsflow/internal/article"
)

// PushPath is the path of the push endpoint.
const PushPath = "/v1/articles"

// Defaults of PushConfig.
const (
	DefaultPushMaxBodyBytes = 8 << 20
	DefaultPushMaxRecords   = 1000
	DefaultPushQueueSize    = 2000
	DefaultPushAckTimeout   = 30 * time.Second
)

// PushConfig configures a Push endpoint. Zero values mean the documented default.
type PushConfig struct {
	// Token is the bearer token clients must send (Authorization: Bearer TOKEN). Required.
	Token string
	// MaxBodyBytes bounds a request body; a larger one is answered 413. Default
	// DefaultPushMaxBodyBytes (8 MiB).
	MaxBodyBytes int64
	// MaxRecords bounds the records of one request; more is answered 413. Default
	// DefaultPushMaxRecords.
	MaxRecords int
	// QueueSize bounds the records accepted and not yet settled by the producer, across
	// requests; a request that would exceed it is answered 429. Default
	// DefaultPushQueueSize.
	QueueSize int
	// AckTimeout bounds how long a request waits for the broker's acknowledgements before
	// it is answered 503 (its records may still be produced: pushing them again is safe).
	// Default DefaultPushAckTimeout (30 s).
	AckTimeout time.Duration
	// Logger receives rejected requests at Debug. Nil discards.
	Logger *slog.Logger
	// Registerer registers the push metrics. Nil registers them nowhere.
	Registerer prometheus.Registerer
}

// Push is the push endpoint: an http.Handler for POST /v1/articles and the Source that
// hands the pushed records to the producer. A request is answered only once the producer
// settled each of its records: 202 when every record was acknowledged by the broker (or
// was a duplicate of one that was), 400 listing the bad records (the good ones of the same
// request are still produced), 503 when the run ended or the acknowledgements did not come
// in time. Safe for concurrent use.
type Push struct {
	cfg      PushConfig
	token    [sha256.Size]byte
	queue    chan pushed
	inflight atomic.Int64
	requests atomic.Uint64
	mu       sync.RWMutex // closed, and the sends to queue
	closed   bool
	fmu      sync.Mutex
	flights  map[string]*flight // pushed records not yet settled, by article id
	metrics  *pushMetrics
	log      *slog.Logger
}

type pushed struct {
	rec Record
}

// NewPush checks cfg and registers the push metrics.
func NewPush(cfg PushConfig) (*Push, error) {
	switch {
	case cfg.Token == "":
		return nil, fmt.Errorf("%w: Token: required", ErrConfig)
	case cfg.MaxBodyBytes < 0 || cfg.MaxRecords < 0 || cfg.QueueSize < 0 || cfg.AckTimeout < 0:
		return nil, fmt.Errorf("%w: push limits must not be negative", ErrConfig)
	}
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = DefaultPushMaxBodyBytes
	}
	if cfg.MaxRecords == 0 {
		cfg.MaxRecords = DefaultPushMaxRecords
	}
	if cfg.QueueSize == 0 {
		cfg.QueueSize = DefaultPushQueueSize
	}
	if cfg.AckTimeout == 0 {
		cfg.AckTimeout = DefaultPushAckTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Registerer == nil {
		cfg.Registerer = prometheus.NewRegistry()
	}
	m, err := newPushMetrics(cfg.Registerer)
	if err != nil {
		return nil, fmt.Errorf("push metrics: %w", err)
	}
	return &Push{
		cfg:     cfg,
		token:   sha256.Sum256([]byte(cfg.Token)),
		queue:   make(chan pushed, cfg.QueueSize),
		flights: make(map[string]*flight),
		metrics: m,
		log:     cfg.Logger.With("component", "push"),
	}, nil
}

// Name implements Source.
func (p *Push) Name() string { return "push" }

// Read emits pushed records until ctx ends, then fails the records still queued and
// refuses new requests (503). It returns ctx's error, or emit's.
func (p *Push) Read(ctx context.Context, emit func(Record) error) error {
	defer p.close(ctx.Err())
	for {
		select {
		case it := <-p.queue:
			if err := emit(it.rec); err != nil {
				return err // emit settled the record
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (p *Push) close(cause error) {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	if cause == nil {
		cause = errors.New("push source stopped")
	}
	for {
		select {
		case it := <-p.queue:
			it.rec.Done(Outcome{Result: Failed, Err: cause})
		default:
			return
		}
	}
}

// Handler serves POST /v1/articles.
func (p *Push) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle(PushPath, p)
	return mux
}

// pushResponse is the JSON body of every answer.
type pushResponse struct {
	// Accepted counts the records acknowledged by the broker (or duplicates of ones that
	// were); IDs are their article ids, in request order.
	Accepted int       `json:"accepted"`
	IDs      []string  `json:"ids"`
	Rejected []pushBad `json:"rejected,omitempty"`
	Failed   []pushBad `json:"failed,omitempty"`
	Error    string    `json:"error,omitempty"`
}

type pushBad struct {
	// Record is the 1-based record number: the line of a JSON Lines body.
	Record int            `json:"record"`
	ID     string         `json:"id,omitempty"`
	Reason article.Reason `json:"reason,omitempty"`
	Error  string         `json:"error"`
}

// ServeHTTP implements http.Handler for the push path.
func (p *Push) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		p.reply(w, http.StatusMethodNotAllowed, pushResponse{Error: "use POST"})
		return
	}
	if !p.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="newsflow"`)
		p.reply(w, http.StatusUnauthorized, pushResponse{Error: "missing or wrong bearer token"})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, p.cfg.MaxBodyBytes))
	if err != nil {
		if mbe := new(http.MaxBytesError); errors.As(err, &mbe) {
			p.reply(w, http.StatusRequestEntityTooLarge, pushResponse{Error: fmt.Sprintf("body exceeds %d bytes", p.cfg.MaxBodyBytes)})
			return
		}
		p.reply(w, http.StatusBadRequest, pushResponse{Error: "read body: " + err.Error()})
		return
	}
	records := splitPush(body)
	switch {
	case len(records) == 0:
		p.reply(w, http.StatusBadRequest, pushResponse{Error: "empty body: send one JSON article or JSON Lines"})
		return
	case len(records) > p.cfg.MaxRecords:
		p.reply(w, http.StatusRequestEntityTooLarge, pushResponse{Error: fmt.Sprintf("%d records exceed the limit of %d per request", len(records), p.cfg.MaxRecords)})
		return
	}
	n := int64(len(records))
	if p.inflight.Add(n) > int64(p.cfg.QueueSize) {
		p.inflight.Add(-n)
		w.Header().Set("Retry-After", "1")
		p.reply(w, http.StatusTooManyRequests, pushResponse{Error: "the producer is saturated; retry later"})
		return
	}
	outcomes := make(chan indexedOutcome, len(records))
	req := p.requests.Add(1)
	p.mu.RLock()
	if p.closed {
		p.mu.RUnlock()
		p.inflight.Add(-n)
		w.Header().Set("Retry-After", "5")
		p.reply(w, http.StatusServiceUnavailable, pushResponse{Error: "the producer is not running"})
		return
	}
	for i, rec := range records {
		rec.Origin = "push:" + strconv.FormatUint(req, 10) + ":" + strconv.Itoa(rec.line)
		id := pushID(rec.Data)
		p.board(id)
		rec.Done = func(o Outcome) {
			wait := p.land(id, o)
			p.inflight.Add(-1)
			outcomes <- indexedOutcome{i, o, wait}
		}
		p.queue <- pushed{rec: rec.Record} // never blocks: inflight <= QueueSize = cap(queue)
	}
	p.mu.RUnlock()
	p.answer(w, r, records, outcomes)
}

type indexedOutcome struct {
	i    int
	o    Outcome
	wait *flight // for a duplicate whose copy is still in flight
}

// answer waits for the records' outcomes and writes the response.
func (p *Push) answer(w http.ResponseWriter, r *http.Request, records []pushRecord, outcomes <-chan indexedOutcome) {
	got := make([]*Outcome, len(records))
	timeout := time.NewTimer(p.cfg.AckTimeout)
	defer timeout.Stop()
	waitErr := ""
	var copies []indexedOutcome
wait:
	for range records {
		select {
		case x := <-outcomes:
			if x.wait != nil {
				copies = append(copies, x)
				continue
			}
			got[x.i] = &x.o
		case <-timeout.C:
			waitErr = "the broker did not acknowledge in time; pushing again is safe"
			break wait
		case <-r.Context().Done():
			return // the client left; the records are still produced
		}
	}
	for _, x := range copies { // duplicates: accepted once a copy was acknowledged
		if waitErr != "" {
			break // timed out: what is left counts as not acknowledged
		}
		select {
		case <-x.wait.done:
		case <-timeout.C:
			waitErr = "the broker did not acknowledge in time; pushing again is safe"
			continue
		case <-r.Context().Done():
			return
		}
		p.fmu.Lock()
		produced := x.wait.produced
		p.fmu.Unlock()
		if produced {
			got[x.i] = &x.o
		} else {
			got[x.i] = &Outcome{Result: Failed, ID: x.o.ID, Err: errors.New("the copy it duplicates was not acknowledged")}
		}
	}
	var resp pushResponse
	for i, o := range got {
		line := records[i].line
		switch {
		case o == nil:
			resp.Failed = append(resp.Failed, pushBad{Record: line, Error: "not acknowledged in time"})
		case o.Result == Produced || o.Result == Duplicate:
			resp.Accepted++
			resp.IDs = append(resp.IDs, o.ID)
		case o.Result == Rejected:
			resp.Rejected = append(resp.Rejected, pushBad{Record: line, ID: o.ID, Reason: o.Reason, Error: errString(o.Err)})
		default:
			resp.Failed = append(resp.Failed, pushBad{Record: line, ID: o.ID, Error: errString(o.Err)})
		}
		if o != nil {
			p.metrics.records.WithLabelValues(o.Result.String()).Inc()
		}
	}
	code := http.StatusAccepted
	switch {
	case len(resp.Failed) > 0:
		code, resp.Error = http.StatusServiceUnavailable, cmpOr(waitErr, "the run ended before every record was acknowledged; pushing again is safe")
		w.Header().Set("Retry-After", "5")
	case len(resp.Rejected) > 0:
		code, resp.Error = http.StatusBadRequest, "some records were rejected; the others were produced"
	}
	p.reply(w, code, resp)
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func (p *Push) reply(w http.ResponseWriter, code int, resp pushResponse) {
	p.metrics.requests.WithLabelValues(strconv.Itoa(code)).Inc()
	if resp.IDs == nil {
		resp.IDs = []string{} // always a list, for clients
	}
	if code != http.StatusAccepted {
		p.log.Debug("push request answered", "code", code, "error", resp.Error)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(resp)
}

// authorized compares the bearer token in constant time (hashes of equal length, so the
// comparison leaks neither the token nor its length).
func (p *Push) authorized(r *http.Request) bool {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	return subtle.ConstantTimeCompare(got[:], p.token[:]) == 1
}

// pushRecord is a record of a request body with its 1-based line.
type pushRecord struct {
	Record
	line int
}

// splitPush splits a body into records: one JSON document (which may span lines) when the
// whole body is one valid JSON object, else one record per non-blank line (JSON Lines).
// Records are decoded and validated by the producer like any other input, so a bad line
// gets the same reason it would get from a file.
func splitPush(body []byte) []pushRecord {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil
	}
	if trimmed[0] == '{' && json.Valid(trimmed) {
		return []pushRecord{{Record: Record{Data: trimmed}, line: 1}}
	}
	var out []pushRecord
	for i, l := range bytes.Split(body, []byte("\n")) {
		if l = bytes.TrimSpace(l); len(l) > 0 {
			out = append(out, pushRecord{Record: Record{Data: l}, line: i + 1})
		}
	}
	return out
}
