// Package fetch is newsflow's polite HTTP client for feeds and article pages: one request at
// a time and a minimum interval per host, robots.txt honoured, Retry-After respected, bounded
// time, size and redirects, http and https only, and no connections to loopback, private or
// link-local addresses unless configured.
package fetch

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Client fetches URLs politely. It is safe for concurrent use: requests to different hosts
// run in parallel, requests to one host one after the other. Call Close when done.
type Client struct {
	cfg    Config
	ua     string
	token  string // the product token matched against robots.txt
	http   *http.Client
	robots *http.Client // follows redirects, for robots.txt only
	mu     sync.Mutex
	hosts  map[string]*host
}

// maxHosts is how many hosts' state the client keeps before it forgets idle ones (their
// robots.txt is then fetched again when needed).
const maxHosts = 10_000

// host is the politeness state of one scheme://host:port. users is guarded by Client.mu;
// the fields after sem are touched only by the holder of sem (notBefore is also written
// under Client.mu, so that pruning may read it).
type host struct {
	users   int
	sem     chan struct{}
	limiter *rate.Limiter

	notBefore   time.Time // set by 429/503
	rules       *robots
	rulesExpire time.Time
}

// Request is one GET.
type Request struct {
	URL string
	// ETag and LastModified are the validators of the copy the caller holds; the request
	// becomes conditional and a 304 answer is Response.NotModified.
	ETag, LastModified string
	// Accept is the Accept header. Default "*/*".
	Accept string
}

// Response is a successful (2xx or 304) answer.
type Response struct {
	// URL is the final URL, after redirects.
	URL    *url.URL
	Status int
	Header http.Header
	// Body is the decompressed body, at most Config.MaxBytes long; empty for a 304.
	Body []byte
	// NotModified is true for a 304 answer to a conditional request.
	NotModified bool
}

// New returns a client for cfg.
func New(cfg Config) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	tr := cfg.Transport
	if tr == nil {
		dialer := &net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second, Control: guardAddress(cfg.AllowPrivate)}
		tr = &http.Transport{
			Proxy:                 nil, // a proxy would be dialled instead of the target, escaping the address guard
			DialContext:           dialer.DialContext,
			TLSHandshakeTimeout:   cfg.ConnectTimeout,
			ResponseHeaderTimeout: cfg.Timeout,
			DisableCompression:    true, // we ask for gzip ourselves and count the bytes after decompression
			MaxIdleConns:          64,
			MaxIdleConnsPerHost:   1,
			IdleConnTimeout:       90 * time.Second,
			ForceAttemptHTTP2:     true,
		}
	}
	token, _, _ := strings.Cut(cfg.Agent, "/")
	return &Client{
		cfg:   cfg,
		ua:    cfg.UserAgent(),
		token: token,
		http: &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // Get follows redirects itself, politely, hop by hop
		}},
		robots: &http.Client{Transport: tr, CheckRedirect: func(_ *http.Request, via []*http.Request) error {
			if len(via) > cfg.MaxRedirects {
				return ErrTooManyRedirects
			}
			return nil
		}},
		hosts: make(map[string]*host),
	}, nil
}

// Close closes idle connections.
func (c *Client) Close() {
	if t, ok := c.http.Transport.(interface{ CloseIdleConnections() }); ok {
		t.CloseIdleConnections()
	}
}

// Get fetches req.URL, following up to Config.MaxRedirects redirects, each hop under the
// politeness rules of its own host. It blocks while the host is busy or its interval has
// not passed. A 2xx answer returns its body; a 304 returns NotModified; anything else is an
// error matching one of the package's sentinels, or ctx's error when ctx ended.
func (c *Client) Get(ctx context.Context, req Request) (*Response, error) {
	u, err := checkURL(req.URL)
	if err != nil {
		return nil, err
	}
	var deadline time.Time // set when the first request is sent: waiting in line for a host is not timed
	for hop := 0; ; hop++ {
		resp, next, err := c.hop(ctx, &deadline, u, req)
		if err != nil || next == nil {
			return resp, err
		}
		if hop >= c.cfg.MaxRedirects {
			return nil, fmt.Errorf("%w: more than %d, last to %s", ErrTooManyRedirects, c.cfg.MaxRedirects, next.Redacted())
		}
		u = next
	}
}

// checkURL parses a URL and checks its scheme against the allow-list.
func checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadURL, err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return nil, fmt.Errorf("%w: %q in %s", ErrScheme, u.Scheme, u.Redacted())
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("%w: no host in %s", ErrBadURL, u.Redacted())
	}
	return u, nil
}

// acquire returns the host's state, counted as in use until release.
func (c *Client) acquire(u *url.URL) *host {
	key := strings.ToLower(u.Scheme + "://" + u.Host)
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.hosts[key]
	if !ok {
		if len(c.hosts) >= maxHosts {
			c.prune()
		}
		h = &host{sem: make(chan struct{}, 1), limiter: rate.NewLimiter(rate.Every(c.cfg.HostInterval), 1)}
		c.hosts[key] = h
	}
	h.users++
	return h
}

func (c *Client) release(h *host) {
	c.mu.Lock()
	h.users--
	c.mu.Unlock()
}

// prune forgets the hosts that nobody is using, that asked for no wait, and whose interval
// since the last request has passed (so forgetting loses nothing but robots.txt). Called
// with c.mu held.
func (c *Client) prune() {
	now := c.cfg.Now()
	for k, h := range c.hosts {
		if h.users == 0 && !now.Before(h.notBefore) && h.limiter.TokensAt(now) >= 1 {
			delete(c.hosts, k)
		}
	}
}

// hop sends one request of a Get: it returns the response, or the next URL of a redirect.
// It waits for the host's turn under ctx alone; from the first request sent, the Get's
// *deadline (Config.Timeout) bounds the rest, robots.txt, redirects and body included.
func (c *Client) hop(parent context.Context, deadline *time.Time, u *url.URL, req Request) (*Response, *url.URL, error) {
	h := c.acquire(u)
	defer c.release(h)
	select {
	case h.sem <- struct{}{}:
	case <-parent.Done():
		return nil, nil, parent.Err()
	}
	defer func() { <-h.sem }()
	if deadline.IsZero() {
		*deadline = time.Now().Add(c.cfg.Timeout)
	}
	ctx, cancel := context.WithDeadline(parent, *deadline)
	defer cancel()

	if now := c.cfg.Now(); now.Before(h.notBefore) {
		return nil, nil, fmt.Errorf("%w: %s until %s", ErrRetryLater, u.Host, h.notBefore.UTC().Format(time.RFC3339))
	}
	if !c.cfg.IgnoreRobots {
		rules, err := c.rules(ctx, parent, h, u)
		if err != nil {
			return nil, nil, err
		}
		if !rules.allowed(robotsPath(u)) {
			return nil, nil, fmt.Errorf("%w: %s", ErrRobots, u.Redacted())
		}
	}
	if err := c.pace(ctx, h); err != nil {
		return nil, nil, classify(parent, err)
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrBadURL, err)
	}
	hreq.Header.Set("User-Agent", c.ua)
	hreq.Header.Set("Accept-Encoding", "gzip")
	hreq.Header.Set("Accept", cmpOr(req.Accept, "*/*"))
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}
	resp, err := c.http.Do(hreq)
	if err != nil {
		return nil, nil, classify(parent, err)
	}
	defer resp.Body.Close()

	switch code := resp.StatusCode; {
	case code == http.StatusNotModified:
		return &Response{URL: u, Status: code, Header: resp.Header, NotModified: true}, nil, nil
	case code >= 300 && code < 400 && code != http.StatusMultipleChoices:
		loc := resp.Header.Get("Location")
		if loc == "" {
			return nil, nil, &StatusError{Code: code}
		}
		next, err := u.Parse(loc)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: redirect to %q: %w", ErrBadURL, loc, err)
		}
		if next, err = checkURL(next.String()); err != nil {
			return nil, nil, err
		}
		_, _ = io.CopyN(io.Discard, resp.Body, 64<<10) // lets the connection be reused
		return nil, next, nil
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		wait := c.retryAfter(resp.Header.Get("Retry-After"))
		c.mu.Lock()
		h.notBefore = c.cfg.Now().Add(wait)
		c.mu.Unlock()
		return nil, nil, &StatusError{Code: code, RetryAfter: wait}
	case code < 200 || code >= 300:
		return nil, nil, &StatusError{Code: code}
	}
	body, err := c.readBody(resp)
	if err != nil {
		return nil, nil, classify2(parent, err)
	}
	return &Response{URL: u, Status: resp.StatusCode, Header: resp.Header, Body: body}, nil, nil
}

// classify2 keeps the body reader's own sentinels and classifies the rest.
func classify2(parent context.Context, err error) error {
	if isSentinel(err) {
		return err
	}
	return classify(parent, err)
}

func isSentinel(err error) bool {
	r := Reason(err)
	return r == ReasonTooLarge || r == ReasonEncoding
}

// pace waits for the host's rate limit.
func (c *Client) pace(ctx context.Context, h *host) error {
	now := c.cfg.Now()
	r := h.limiter.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		if err := c.cfg.Wait(ctx, d); err != nil {
			r.CancelAt(now)
			return err
		}
	}
	return nil
}

// retryAfter reads a Retry-After header (seconds or an HTTP date), capped.
func (c *Client) retryAfter(v string) time.Duration {
	d := c.cfg.Backoff
	if v = strings.TrimSpace(v); v != "" {
		if secs, err := strconv.ParseInt(v, 10, 64); err == nil && secs >= 0 {
			d = time.Duration(min(secs, int64(c.cfg.MaxRetryAfter/time.Second)+1)) * time.Second
		} else if t, err := http.ParseTime(v); err == nil {
			d = t.Sub(c.cfg.Now())
		}
	}
	return max(0, min(d, c.cfg.MaxRetryAfter))
}

// readBody reads the body, decompressing gzip, and fails once more than MaxBytes came out.
func (c *Client) readBody(resp *http.Response) ([]byte, error) {
	if resp.ContentLength > c.cfg.MaxBytes && resp.Header.Get("Content-Encoding") == "" {
		return nil, fmt.Errorf("%w: Content-Length %d exceeds %d", ErrTooLarge, resp.ContentLength, c.cfg.MaxBytes)
	}
	var r io.Reader = resp.Body
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("%w: gzip: %w", ErrEncoding, err)
		}
		defer zr.Close()
		r = zr
	default:
		return nil, fmt.Errorf("%w: %q", ErrEncoding, enc)
	}
	body, err := io.ReadAll(io.LimitReader(r, c.cfg.MaxBytes+1))
	if int64(len(body)) > c.cfg.MaxBytes {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, c.cfg.MaxBytes)
	}
	if err != nil {
		return nil, err
	}
	return body, nil
}

// robotsPath is what robots.txt rules match: the escaped path and the query.
func robotsPath(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

func cmpOr(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
