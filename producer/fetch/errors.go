package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"
)

// Sentinel errors; every error Get returns for a refused or failed fetch matches one of
// them (errors.Is), and Reason maps it to a metric label.
var (
	// ErrScheme: the URL's scheme is not http or https.
	ErrScheme = errors.New("fetch: scheme not allowed")
	// ErrBadURL: the URL cannot be parsed or has no host.
	ErrBadURL = errors.New("fetch: bad URL")
	// ErrPrivateAddress: the host resolved to a loopback, private, link-local or otherwise
	// non-public address, and Config.AllowPrivate is off.
	ErrPrivateAddress = errors.New("fetch: address not allowed")
	// ErrRobots: the site's robots.txt disallows the path for our user agent.
	ErrRobots = errors.New("fetch: disallowed by robots.txt")
	// ErrRetryLater: the host asked us to wait (429 or 503, with or without Retry-After)
	// and the wait has not passed; no request was sent.
	ErrRetryLater = errors.New("fetch: host asked to retry later")
	// ErrTooLarge: the body, counted after decompression, exceeds Config.MaxBytes.
	ErrTooLarge = errors.New("fetch: response too large")
	// ErrTooManyRedirects: more than Config.MaxRedirects redirects (a loop ends here too).
	ErrTooManyRedirects = errors.New("fetch: too many redirects")
	// ErrTimeout: the connection or the whole request took longer than its timeout.
	ErrTimeout = errors.New("fetch: timeout")
	// ErrStatus: the server answered with an error status; see *StatusError.
	ErrStatus = errors.New("fetch: error status")
	// ErrEncoding: the response uses a content encoding we did not ask for.
	ErrEncoding = errors.New("fetch: unsupported content encoding")
	// ErrNetwork: the connection failed (refused, reset, DNS).
	ErrNetwork = errors.New("fetch: network error")
)

// StatusError is an HTTP error status (4xx, 5xx, or a redirect without Location).
type StatusError struct {
	Code int
	// RetryAfter is the wait the server asked for (429, 503), capped by
	// Config.MaxRetryAfter; zero when it asked none.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	s := "fetch: status " + strconv.Itoa(e.Code)
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %v)", e.RetryAfter)
	}
	return s
}

// Is makes errors.Is(err, ErrStatus) true, and ErrRetryLater for 429 and 503.
func (e *StatusError) Is(target error) bool {
	return target == ErrStatus || (target == ErrRetryLater && retryStatus(e.Code))
}

// Reason labels of fetch errors: a closed set, for metrics.
const (
	ReasonScheme         = "scheme"
	ReasonBadURL         = "bad_url"
	ReasonPrivateAddress = "private_address"
	ReasonRobots         = "robots"
	ReasonRetryLater     = "retry_later"
	ReasonTooLarge       = "too_large"
	ReasonRedirects      = "redirects"
	ReasonTimeout        = "timeout"
	ReasonStatus         = "status"
	ReasonEncoding       = "encoding"
	ReasonNetwork        = "network"
)

// Reasons lists every label Reason returns.
var Reasons = []string{
	ReasonScheme, ReasonBadURL, ReasonPrivateAddress, ReasonRobots, ReasonRetryLater,
	ReasonTooLarge, ReasonRedirects, ReasonTimeout, ReasonStatus, ReasonEncoding, ReasonNetwork,
}

// Reason returns the label of a fetch error (one of Reasons); unknown errors are "network".
func Reason(err error) string {
	for _, r := range []struct {
		err    error
		reason string
	}{
		{ErrScheme, ReasonScheme}, {ErrBadURL, ReasonBadURL}, {ErrPrivateAddress, ReasonPrivateAddress},
		{ErrRobots, ReasonRobots}, {ErrRetryLater, ReasonRetryLater}, {ErrTooLarge, ReasonTooLarge},
		{ErrTooManyRedirects, ReasonRedirects}, {ErrTimeout, ReasonTimeout}, {ErrStatus, ReasonStatus},
		{ErrEncoding, ReasonEncoding},
	} {
		if errors.Is(err, r.err) {
			return r.reason
		}
	}
	return ReasonNetwork
}

// classify wraps a transport error in the sentinel that says what happened. The caller's
// own cancellation is returned as it is.
func classify(parent context.Context, err error) error {
	if parent.Err() != nil {
		return parent.Err()
	}
	if errors.Is(err, ErrPrivateAddress) {
		return err
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return fmt.Errorf("%w: %w", ErrTimeout, err)
	}
	return fmt.Errorf("%w: %w", ErrNetwork, err)
}

// retryStatus reports whether a status asks the client to come back later.
func retryStatus(code int) bool { return code == 429 || code == 503 }
