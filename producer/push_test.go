package producer

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/segmentio/kafka-go"

	"github.com/newsflow/newsflow/internal/article"
)

const pushToken = "s3cret-token"

// gateWriter blocks every write until the test releases it, to show what happens before
// the broker acknowledges.
type gateWriter struct {
	fakeWriter
	entered chan struct{} // one signal per call
	release chan struct{} // closed to let writes through
}

func newGateWriter() *gateWriter {
	return &gateWriter{entered: make(chan struct{}, 16), release: make(chan struct{})}
}

func (w *gateWriter) WriteMessages(ctx context.Context, msgs ...kafka.Message) error {
	w.entered <- struct{}{}
	select {
	case <-w.release:
	case <-ctx.Done():
		return ctx.Err()
	}
	return w.fakeWriter.WriteMessages(ctx, msgs...)
}

type pushHarness struct {
	*harness
	push *Push
	srv  *httptest.Server
}

// newPushHarness runs a producer reading a push endpoint until the test ends. writer, when
// set, replaces the articles writer.
func newPushHarness(t *testing.T, cfg PushConfig, writer MessageWriter) *pushHarness {
	t.Helper()
	h := newHarness(t, func(c *Config) {
		c.Linger = time.Millisecond
		if writer != nil {
			c.Writer = writer
		}
	})
	cfg.Token = pushToken
	cfg.Registerer = h.reg
	p, err := NewPush(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := h.p.Run(ctx, p)
		done <- err
	}()
	srv := httptest.NewServer(p.Handler())
	t.Cleanup(func() {
		srv.Close()
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("Run: %v", err)
		}
	})
	return &pushHarness{harness: h, push: p, srv: srv}
}

type pushReply struct {
	code int
	body pushResponse
	hdr  http.Header
}

func (h *pushHarness) post(t *testing.T, token, body string) pushReply {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.srv.URL+PushPath, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	resp, err := h.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out pushResponse
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("reply is not JSON: %v: %s", err, data)
	}
	return pushReply{code: resp.StatusCode, body: out, hdr: resp.Header}
}

func TestPushAuth(t *testing.T) {
	h := newPushHarness(t, PushConfig{}, nil)
	tests := []struct {
		name, header string
		want         int
	}{
		{"no header", "", http.StatusUnauthorized},
		{"wrong token", "Bearer wrong", http.StatusUnauthorized},
		{"token prefix", "Bearer s3cret", http.StatusUnauthorized},
		{"basic scheme", "Basic " + pushToken, http.StatusUnauthorized},
		{"right token", "Bearer " + pushToken, http.StatusAccepted},
		{"scheme case", "bearer " + pushToken, http.StatusAccepted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.post(t, tt.header, good(1))
			if r.code != tt.want {
				t.Fatalf("status %d, want %d: %+v", r.code, tt.want, r.body)
			}
			if tt.want == http.StatusUnauthorized && r.hdr.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
	if n := len(h.raw.messages()); n != 1 {
		t.Errorf("%d articles produced, want 1 (the authorised pushes are one article)", n)
	}
	if got := testutil.ToFloat64(h.push.metrics.requests.WithLabelValues("401")); got != 4 {
		t.Errorf("requests{code=401} = %v, want 4", got)
	}
}

func TestPushLimits(t *testing.T) {
	h := newPushHarness(t, PushConfig{MaxBodyBytes: 2048, MaxRecords: 3}, nil)
	tests := []struct {
		name, body string
		want       int
	}{
		{"body too large", `{"body":"` + strings.Repeat("x", 4096) + `"}`, http.StatusRequestEntityTooLarge},
		{"too many records", strings.Join([]string{good(1), good(2), good(3), good(4)}, "\n"), http.StatusRequestEntityTooLarge},
		{"empty", " \n\n ", http.StatusBadRequest},
		{"at the limits", strings.Join([]string{good(1), good(2), good(3)}, "\n"), http.StatusAccepted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r := h.post(t, "Bearer "+pushToken, tt.body); r.code != tt.want {
				t.Fatalf("status %d, want %d: %+v", r.code, tt.want, r.body)
			}
		})
	}
	resp, err := h.srv.Client().Get(h.srv.URL + PushPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != http.MethodPost {
		t.Errorf("GET: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

func TestPushPartialBatch(t *testing.T) {
	h := newPushHarness(t, PushConfig{}, nil)
	body := strings.Join([]string{
		good(1),
		`{"title":"No body","body":"  "}`,
		``, // blank lines are skipped but counted
		`{"title": "cut`,
		good(2),
	}, "\n")
	r := h.post(t, "Bearer "+pushToken, body)
	if r.code != http.StatusBadRequest {
		t.Fatalf("status %d, want 400: %+v", r.code, r.body)
	}
	wantIDs := []string{article.NewID("https://news.example/story-1", "", ""), article.NewID("https://news.example/story-2", "", "")}
	if r.body.Accepted != 2 || strings.Join(r.body.IDs, ",") != strings.Join(wantIDs, ",") {
		t.Errorf("accepted %d %v, want the two good ones %v", r.body.Accepted, r.body.IDs, wantIDs)
	}
	if len(r.body.Rejected) != 2 || r.body.Rejected[0].Record != 2 || r.body.Rejected[0].Reason != article.ReasonEmptyBody ||
		r.body.Rejected[1].Record != 4 || r.body.Rejected[1].Reason != article.ReasonInvalidJSON {
		t.Errorf("rejected %+v, want record 2 empty_body and record 4 invalid_json", r.body.Rejected)
	}
	if got := h.raw.keys(); strings.Join(got, ",") != strings.Join(wantIDs, ",") {
		t.Errorf("produced %v, want %v", got, wantIDs)
	}
	if n := len(h.dlq.messages()); n != 2 {
		t.Errorf("%d dead letters, want 2", n)
	}
}

func TestPushAnswersAfterTheBrokerAcknowledged(t *testing.T) {
	gate := newGateWriter()
	h := newPushHarness(t, PushConfig{}, gate)
	replies := make(chan pushReply, 1)
	go func() { replies <- h.post(t, "Bearer "+pushToken, good(7)) }()
	<-gate.entered // the article is being written and not yet acknowledged
	select {
	case r := <-replies:
		t.Fatalf("answered %d before the broker acknowledged", r.code)
	default:
	}
	close(gate.release)
	r := <-replies
	if r.code != http.StatusAccepted || len(r.body.IDs) != 1 || r.body.IDs[0] != article.NewID("https://news.example/story-7", "", "") {
		t.Fatalf("reply %d %+v", r.code, r.body)
	}
	if n := len(gate.messages()); n != 1 {
		t.Errorf("%d messages written, want 1", n)
	}
}

func TestPushSaturatedIs429(t *testing.T) {
	gate := newGateWriter()
	h := newPushHarness(t, PushConfig{QueueSize: 2}, gate)
	replies := make(chan pushReply, 1)
	go func() { replies <- h.post(t, "Bearer "+pushToken, good(1)+"\n"+good(2)) }()
	<-gate.entered // both records are held until the broker acknowledges
	r := h.post(t, "Bearer "+pushToken, good(3))
	if r.code != http.StatusTooManyRequests || r.hdr.Get("Retry-After") == "" {
		t.Fatalf("status %d (Retry-After %q), want 429 while the queue is full", r.code, r.hdr.Get("Retry-After"))
	}
	close(gate.release)
	if r := <-replies; r.code != http.StatusAccepted || r.body.Accepted != 2 {
		t.Fatalf("first request: %d %+v", r.code, r.body)
	}
	if r := h.post(t, "Bearer "+pushToken, good(3)); r.code != http.StatusAccepted {
		t.Errorf("after the queue drained: %d", r.code)
	}
}

func TestPushedTwiceIsOneArticle(t *testing.T) {
	doc := `{
  "url": "https://news.example/a?utm_source=push",
  "title": "Pushed twice",
  "body": "The same article, pushed twice.",
  "published_at": "2026-03-02T10:00:00Z"
}`
	h := newPushHarness(t, PushConfig{}, nil)
	first := h.post(t, "Bearer "+pushToken, doc)
	second := h.post(t, "Bearer "+pushToken, strings.Replace(doc, "utm_source=push", "utm_source=retry", 1))
	if first.code != http.StatusAccepted || second.code != http.StatusAccepted || first.body.IDs[0] != second.body.IDs[0] {
		t.Fatalf("replies %d %v, %d %v: want 202 with one id", first.code, first.body.IDs, second.code, second.body.IDs)
	}
	if n := len(h.raw.messages()); n != 1 {
		t.Errorf("%d messages in one run, want 1 (the second is a duplicate)", n)
	}
	// Another process (a new run) produces it again: same key and same revision, which the
	// store keeps as one document (external versioning).
	h2 := newPushHarness(t, PushConfig{}, nil)
	if r := h2.post(t, "Bearer "+pushToken, doc); r.code != http.StatusAccepted || r.body.IDs[0] != first.body.IDs[0] {
		t.Fatalf("second run: %d %v", r.code, r.body.IDs)
	}
	a1, _ := article.Decode(h.raw.messages()[0].Value)
	m2 := h2.raw.messages()[0]
	a2, _ := article.Decode(m2.Value)
	if string(m2.Key) != a1.ID || a2.Revision != a1.Revision {
		t.Errorf("second run: key %s revision %d, want %s %d", m2.Key, a2.Revision, a1.ID, a1.Revision)
	}
}

func TestPushAfterTheRunEndedIs503(t *testing.T) {
	h := newHarness(t, nil)
	p, err := NewPush(PushConfig{Token: pushToken, Registerer: h.reg})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.p.Run(ctx, p); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run: %v", err)
	}
	srv := httptest.NewServer(p.Handler())
	defer srv.Close()
	ph := &pushHarness{harness: h, push: p, srv: srv}
	if r := ph.post(t, "Bearer "+pushToken, good(1)); r.code != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", r.code)
	}
}

func TestMergeReadsSourcesTogether(t *testing.T) {
	h := newHarness(t, nil)
	// The first source blocks until the second has emitted: read one after the other,
	// the run would never end.
	second := make(chan struct{})
	a := funcSource(func(ctx context.Context, emit func(Record) error) error {
		<-second
		return emit(Record{Origin: "a:1", Data: []byte(good(1))})
	})
	b := funcSource(func(ctx context.Context, emit func(Record) error) error {
		defer close(second)
		return emit(Record{Origin: "b:1", Data: []byte(good(2))})
	})
	rep, err := h.p.Run(context.Background(), Merge(a, b))
	if err != nil || rep.Produced != 2 {
		t.Fatalf("produced %d, err %v", rep.Produced, err)
	}
}

func TestPushDuplicateWaitsForTheCopyItDuplicates(t *testing.T) {
	// Records: A, a copy of A, and C. The copy is dropped as a duplicate while A still
	// waits in its batch; the batch write then fails. The copy must not be reported as
	// accepted.
	broken := &fakeWriter{fail: func(int, []kafka.Message) error { return errors.New("broker down") }}
	h := newHarness(t, func(c *Config) {
		c.Writer = broken
		c.BatchSize = 2
		c.Linger = time.Hour // the batch is written when C completes it
	})
	p, err := NewPush(PushConfig{Token: pushToken, Registerer: h.reg})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := h.p.Run(context.Background(), p)
		done <- err
	}()
	srv := httptest.NewServer(p.Handler())
	defer srv.Close()
	ph := &pushHarness{harness: h, push: p, srv: srv}
	r := ph.post(t, "Bearer "+pushToken, strings.Join([]string{good(1), good(1), good(3)}, "\n"))
	if r.code != http.StatusServiceUnavailable || r.body.Accepted != 0 || len(r.body.Failed) != 3 {
		t.Errorf("reply %d %+v: want 503 with all three failed", r.code, r.body)
	}
	if err := <-done; err == nil {
		t.Error("the run must end with the writer's error")
	}
	p.fmu.Lock()
	defer p.fmu.Unlock()
	if len(p.flights) != 0 {
		t.Errorf("%d flights left", len(p.flights))
	}
}
