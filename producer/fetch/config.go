package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Defaults of Config. Zero values in Config mean these.
const (
	DefaultAgent          = "newsflow"
	DefaultHostInterval   = time.Second
	DefaultConnectTimeout = 5 * time.Second
	DefaultTimeout        = 30 * time.Second
	DefaultMaxBytes       = 8 << 20
	DefaultMaxRedirects   = 5
	DefaultRobotsTTL      = time.Hour
	DefaultRobotsErrorTTL = 5 * time.Minute
	DefaultBackoff        = time.Minute
	DefaultMaxRetryAfter  = 6 * time.Hour
	maxRobotsBytes        = 512 << 10
)

// Config configures a Client. Zero values mean the documented default.
type Config struct {
	// Agent is the product and version of the User-Agent, e.g. "newsflow/1.2.0"; its part
	// before "/" is the token matched against robots.txt groups. Default DefaultAgent.
	Agent string
	// Contact is a URL where site owners learn about the crawler and reach its operator;
	// the User-Agent becomes "Agent (+Contact)". Empty leaves it out.
	Contact string
	// HostInterval is the least time between the starts of two requests to one host
	// (scheme, host and port); requests to one host are also never concurrent. Default
	// DefaultHostInterval (1 s).
	HostInterval time.Duration
	// ConnectTimeout bounds the TCP (and TLS) connection. Default DefaultConnectTimeout.
	ConnectTimeout time.Duration
	// Timeout bounds one Get from the moment its host's turn comes (waiting in line behind
	// other requests to a busy host is not counted; cancel ctx to bound that) to its last
	// byte read, robots.txt and redirects included. Default DefaultTimeout (30 s).
	Timeout time.Duration
	// MaxBytes bounds a response body counted after decompression, so a gzip bomb stops
	// at it. Bytes; default DefaultMaxBytes (8 MiB).
	MaxBytes int64
	// MaxRedirects is how many redirects one Get follows. Default DefaultMaxRedirects;
	// negative follows none.
	MaxRedirects int
	// RobotsTTL is how long a fetched robots.txt is trusted. Default DefaultRobotsTTL.
	RobotsTTL time.Duration
	// Backoff is how long a host that answered 429 or 503 without Retry-After is left
	// alone. Default DefaultBackoff (1 min).
	Backoff time.Duration
	// MaxRetryAfter caps the wait a Retry-After header can impose. Default
	// DefaultMaxRetryAfter (6 h).
	MaxRetryAfter time.Duration
	// AllowPrivate permits connections to loopback, private and link-local addresses. Off
	// by default: a feed or a link must not make newsflow probe its own network. Tests
	// against httptest servers turn it on.
	AllowPrivate bool
	// IgnoreRobots skips robots.txt (for a site whose owner agreed). Off by default.
	IgnoreRobots bool

	// Transport replaces the HTTP transport (tests). Nil builds one whose dialer enforces
	// AllowPrivate and ConnectTimeout; a replacement must do that itself.
	Transport http.RoundTripper
	// Now is the clock for Retry-After, robots.txt expiry and the rate limit. Default
	// time.Now.
	Now func() time.Time
	// Wait waits d or until ctx is done (the per-host rate limit). Default a timer.
	Wait func(ctx context.Context, d time.Duration) error
}

// ErrConfig is matched by every error Config.Validate returns.
var ErrConfig = errors.New("invalid fetch config")

// Validate names the first bad field.
func (c Config) Validate() error {
	bad := func(field string, v any) error {
		return fmt.Errorf("%w: %s must not be negative, got %v", ErrConfig, field, v)
	}
	switch {
	case c.HostInterval < 0:
		return bad("HostInterval", c.HostInterval)
	case c.ConnectTimeout < 0:
		return bad("ConnectTimeout", c.ConnectTimeout)
	case c.Timeout < 0:
		return bad("Timeout", c.Timeout)
	case c.MaxBytes < 0:
		return bad("MaxBytes", c.MaxBytes)
	case c.RobotsTTL < 0:
		return bad("RobotsTTL", c.RobotsTTL)
	case c.Backoff < 0:
		return bad("Backoff", c.Backoff)
	case c.MaxRetryAfter < 0:
		return bad("MaxRetryAfter", c.MaxRetryAfter)
	}
	return nil
}

func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	if c.Agent == "" {
		c.Agent = DefaultAgent
	}
	def(&c.HostInterval, DefaultHostInterval)
	def(&c.ConnectTimeout, DefaultConnectTimeout)
	def(&c.Timeout, DefaultTimeout)
	def(&c.RobotsTTL, DefaultRobotsTTL)
	def(&c.Backoff, DefaultBackoff)
	def(&c.MaxRetryAfter, DefaultMaxRetryAfter)
	if c.MaxBytes == 0 {
		c.MaxBytes = DefaultMaxBytes
	}
	switch {
	case c.MaxRedirects == 0:
		c.MaxRedirects = DefaultMaxRedirects
	case c.MaxRedirects < 0:
		c.MaxRedirects = 0
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Wait == nil {
		c.Wait = timerWait
	}
	return c
}

// UserAgent is the User-Agent header the config sends.
func (c Config) UserAgent() string {
	c = c.withDefaults()
	if c.Contact == "" {
		return c.Agent
	}
	return c.Agent + " (+" + c.Contact + ")"
}

func timerWait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
