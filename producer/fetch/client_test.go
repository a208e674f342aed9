package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// waits records the rate-limit waits instead of waiting.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) Wait(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.d = append(w.d, d)
	w.mu.Unlock()
	return ctx.Err()
}

func testClient(t *testing.T, cfg Config) (*Client, *clock, *waits) {
	t.Helper()
	clk := &clock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	w := &waits{}
	if cfg.Now == nil {
		cfg.Now = clk.Now
	}
	cfg.Wait = w.Wait
	if cfg.Agent == "" {
		cfg.Agent = "newsflow/1.2.3"
	}
	cfg.Contact = "https://newsflow.example/bot"
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c, clk, w
}

// server runs handler behind a counter of the requests for each path.
type server struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newServer(t *testing.T, handler http.HandlerFunc) *server {
	t.Helper()
	s := &server{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		handler(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) count(path string) int { s.mu.Lock(); defer s.mu.Unlock(); return s.hits[path] }

func TestConditionalGetAndUserAgent(t *testing.T) {
	var ua atomic.Value
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		ua.Store(r.UserAgent())
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write([]byte("hello"))
	})
	c, _, _ := testClient(t, Config{AllowPrivate: true})
	resp, err := c.Get(context.Background(), Request{URL: srv.URL + "/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != "hello" || resp.NotModified || resp.Header.Get("ETag") != `"v1"` {
		t.Fatalf("first fetch: %+v", resp)
	}
	if got, want := ua.Load(), "newsflow/1.2.3 (+https://newsflow.example/bot)"; got != want {
		t.Errorf("User-Agent %q, want %q", got, want)
	}
	resp, err = c.Get(context.Background(), Request{URL: srv.URL + "/feed", ETag: `"v1"`})
	if err != nil {
		t.Fatal(err)
	}
	if !resp.NotModified || len(resp.Body) != 0 {
		t.Errorf("conditional fetch: NotModified %v, body %q", resp.NotModified, resp.Body)
	}
}

func TestRobotsTxt(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.Write([]byte("User-agent: *\nDisallow: /\n\nUser-agent: newsflow\nDisallow: /private/\nAllow: /private/ok$\n"))
			return
		}
		w.Write([]byte("page"))
	})
	c, _, _ := testClient(t, Config{AllowPrivate: true})
	tests := []struct {
		path string
		want error
	}{
		{"/news/1", nil},
		{"/private/secret", ErrRobots},
		{"/private/ok", nil},
		{"/private/ok2", ErrRobots},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, err := c.Get(context.Background(), Request{URL: srv.URL + tt.path})
			if !errors.Is(err, tt.want) {
				t.Fatalf("err %v, want %v", err, tt.want)
			}
			wantHits := 1
			if tt.want != nil {
				wantHits = 0
				if Reason(err) != ReasonRobots {
					t.Errorf("reason %q", Reason(err))
				}
			}
			if got := srv.count(tt.path); got != wantHits {
				t.Errorf("server saw %d requests for %s, want %d", got, tt.path, wantHits)
			}
		})
	}
	if n := srv.count("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once (cached)", n)
	}
}

func TestRobotsRules(t *testing.T) {
	rules := parseRobots([]byte(`# comment
User-agent: otherbot
Disallow: /

User-agent: NewsFlow
User-agent: somebot
Disallow: /search
Allow: /search/about
Disallow: /*.pdf$
Disallow: /tmp*/cache
Disallow:
`), "newsflow")
	tests := []struct {
		path string
		want bool
	}{
		{"/", true},
		{"/search", false},
		{"/search?q=x", false},
		{"/search/about", true},
		{"/files/report.pdf", false},
		{"/files/report.pdf?x=1", true},
		{"/tmp1/a/cache/x", false},
		{"/tmp1/a/x", true},
		{"/robots.txt", true},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := rules.allowed(tt.path); got != tt.want {
				t.Errorf("allowed(%q) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
	if parseRobots([]byte("User-agent: *\nDisallow: /x\n"), "newsflow").allowed("/x/y") {
		t.Error("the * group must apply when no group names us")
	}
}

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		name, header string
		code         int
		want         time.Duration
	}{
		{"429 seconds", "120", http.StatusTooManyRequests, 120 * time.Second},
		{"503 date", "Sun, 01 Mar 2026 12:10:00 GMT", http.StatusServiceUnavailable, 10 * time.Minute},
		{"429 without header", "", http.StatusTooManyRequests, DefaultBackoff},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var limited atomic.Bool
			limited.Store(true)
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/a" && limited.Load() {
					if tt.header != "" {
						w.Header().Set("Retry-After", tt.header)
					}
					w.WriteHeader(tt.code)
					return
				}
				w.Write([]byte("ok"))
			})
			c, clk, _ := testClient(t, Config{AllowPrivate: true})
			_, err := c.Get(context.Background(), Request{URL: srv.URL + "/a"})
			var se *StatusError
			if !errors.As(err, &se) || se.Code != tt.code || se.RetryAfter != tt.want || Reason(err) != ReasonRetryLater {
				t.Fatalf("err %v (%#v), want status %d asking %v", err, se, tt.code, tt.want)
			}
			limited.Store(false)
			clk.Add(tt.want - time.Second)
			if _, err := c.Get(context.Background(), Request{URL: srv.URL + "/b"}); !errors.Is(err, ErrRetryLater) {
				t.Fatalf("before the wait passed: err %v, want ErrRetryLater", err)
			}
			if srv.count("/b") != 0 {
				t.Error("a request was sent while the host asked us to wait")
			}
			clk.Add(time.Second)
			if _, err := c.Get(context.Background(), Request{URL: srv.URL + "/b"}); err != nil {
				t.Fatalf("after the wait: %v", err)
			}
		})
	}
}

func TestHostIntervalPacesRequests(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	other := newServer(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	c, _, w := testClient(t, Config{AllowPrivate: true, HostInterval: 2 * time.Second, IgnoreRobots: true})
	for _, u := range []string{srv.URL + "/1", srv.URL + "/2", other.URL + "/1", srv.URL + "/3"} {
		if _, err := c.Get(context.Background(), Request{URL: u}); err != nil {
			t.Fatal(err)
		}
	}
	// The clock stands still, so each request to the first host waits one more interval;
	// the other host's first request does not wait.
	want := []time.Duration{2 * time.Second, 4 * time.Second}
	if len(w.d) != len(want) || w.d[0] != want[0] || w.d[1] != want[1] {
		t.Errorf("waits %v, want %v", w.d, want)
	}
}

func TestRedirects(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/loop-a":
			http.Redirect(w, r, "/loop-b", http.StatusFound)
		case "/loop-b":
			http.Redirect(w, r, "/loop-a", http.StatusMovedPermanently)
		case "/moved":
			http.Redirect(w, r, "/final", http.StatusMovedPermanently)
		case "/to-file":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		default:
			w.Write([]byte("final"))
		}
	})
	c, _, _ := testClient(t, Config{AllowPrivate: true, MaxRedirects: 3, IgnoreRobots: true})
	resp, err := c.Get(context.Background(), Request{URL: srv.URL + "/moved"})
	if err != nil || string(resp.Body) != "final" || resp.URL.Path != "/final" {
		t.Fatalf("redirect not followed: %v %+v", err, resp)
	}
	_, err = c.Get(context.Background(), Request{URL: srv.URL + "/loop-a"})
	if !errors.Is(err, ErrTooManyRedirects) || Reason(err) != ReasonRedirects {
		t.Fatalf("loop: err %v", err)
	}
	if n := srv.count("/loop-a") + srv.count("/loop-b"); n != 4 {
		t.Errorf("loop sent %d requests, want 4 (the first and 3 redirects)", n)
	}
	if _, err := c.Get(context.Background(), Request{URL: srv.URL + "/to-file"}); !errors.Is(err, ErrScheme) {
		t.Errorf("redirect to file: err %v, want ErrScheme", err)
	}
}

func TestSizeLimits(t *testing.T) {
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	zero := make([]byte, 1<<20)
	for range 4 { // 4 MiB of zeros in ~4 KiB
		zw.Write(zero)
	}
	zw.Close()
	var small bytes.Buffer
	zw = gzip.NewWriter(&small)
	zw.Write([]byte("compressed page"))
	zw.Close()

	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/endless":
			chunk := bytes.Repeat([]byte("x"), 32<<10)
			for {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb.Bytes())
		case "/gzip":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(small.Bytes())
		case "/brotli":
			w.Header().Set("Content-Encoding", "br")
			w.Write([]byte("??"))
		}
	})
	c, _, _ := testClient(t, Config{AllowPrivate: true, MaxBytes: 1 << 20, IgnoreRobots: true})
	tests := []struct {
		path string
		want error
		body string
	}{
		{"/gzip", nil, "compressed page"},
		{"/endless", ErrTooLarge, ""},
		{"/bomb", ErrTooLarge, ""},
		{"/brotli", ErrEncoding, ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, err := c.Get(context.Background(), Request{URL: srv.URL + tt.path})
			if !errors.Is(err, tt.want) {
				t.Fatalf("err %v, want %v", err, tt.want)
			}
			if tt.want == nil && string(resp.Body) != tt.body {
				t.Errorf("body %q, want %q", resp.Body, tt.body)
			}
		})
	}
	if len(bomb.Bytes()) > 1<<20 {
		t.Fatalf("the bomb (%d bytes compressed) must be under the limit to test decompressed counting", bomb.Len())
	}
}

func TestSlowServerTimesOut(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/headers-then-stall" {
			w.WriteHeader(http.StatusOK)
			w.Write([]byte("partial"))
			w.(http.Flusher).Flush()
		}
		<-r.Context().Done() // never finishes: only the client's timeout ends it
	})
	c, _, _ := testClient(t, Config{AllowPrivate: true, Timeout: 100 * time.Millisecond, IgnoreRobots: true})
	for _, path := range []string{"/no-headers", "/headers-then-stall"} {
		t.Run(path, func(t *testing.T) {
			_, err := c.Get(context.Background(), Request{URL: srv.URL + path})
			if !errors.Is(err, ErrTimeout) || Reason(err) != ReasonTimeout {
				t.Fatalf("err %v, want ErrTimeout", err)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Get(ctx, Request{URL: srv.URL + "/x"}); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled caller must get its own error, got %v", err)
	}
}

func TestPrivateAddressesRefusedByDefault(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("internal")) })
	c, _, _ := testClient(t, Config{}) // AllowPrivate off, as in production
	localhost := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	for _, u := range []string{srv.URL + "/admin", localhost + "/admin"} {
		t.Run(u, func(t *testing.T) {
			_, err := c.Get(context.Background(), Request{URL: u})
			if !errors.Is(err, ErrPrivateAddress) || Reason(err) != ReasonPrivateAddress {
				t.Fatalf("err %v, want ErrPrivateAddress", err)
			}
		})
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if len(srv.hits) != 0 {
		t.Errorf("the server was reached: %v", srv.hits)
	}
}

func TestSchemeAllowList(t *testing.T) {
	c, _, _ := testClient(t, Config{AllowPrivate: true})
	for _, u := range []string{"file:///etc/passwd", "ftp://example.com/x", "gopher://example.com/", "javascript:alert(1)"} {
		t.Run(u, func(t *testing.T) {
			if _, err := c.Get(context.Background(), Request{URL: u}); !errors.Is(err, ErrScheme) {
				t.Errorf("err %v, want ErrScheme", err)
			}
		})
	}
	if _, err := c.Get(context.Background(), Request{URL: "http:///nohost"}); !errors.Is(err, ErrBadURL) {
		t.Errorf("no host: err %v, want ErrBadURL", err)
	}
}

func TestIdleHostsAreForgotten(t *testing.T) {
	c, clk, _ := testClient(t, Config{AllowPrivate: true})
	busy := c.acquire(&url.URL{Scheme: "https", Host: "busy.example"})
	waiting := c.acquire(&url.URL{Scheme: "https", Host: "waiting.example"})
	waiting.notBefore = clk.Now().Add(time.Hour)
	c.release(waiting)
	for i := range maxHosts {
		h := c.acquire(&url.URL{Scheme: "https", Host: fmt.Sprintf("h%d.example", i)})
		c.release(h)
	}
	c.release(busy)
	c.mu.Lock()
	defer c.mu.Unlock()
	// Pruned once, when the map was full: the two kept, then the last two added.
	if len(c.hosts) != 4 {
		t.Errorf("%d hosts kept, want 4: the idle ones forgotten", len(c.hosts))
	}
	for _, k := range []string{"https://busy.example", "https://waiting.example"} {
		if _, ok := c.hosts[k]; !ok {
			t.Errorf("%s was forgotten: it is in use or asked us to wait", k)
		}
	}
}
