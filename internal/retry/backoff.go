// Package retry waits between attempts at a transient failure: exponential, jittered,
// capped, and always abandoned when the context ends.
package retry

import (
	"context"
	"math/rand/v2"
	"time"
)

// Backoff describes the waits between attempts. Zero means default.
type Backoff struct {
	// Initial wait after the first failure. Default 100ms.
	Initial time.Duration
	// Max caps every wait. Default 30s.
	Max time.Duration
	// Multiplier grows the wait after each failure. Default 2.
	Multiplier float64
	// Jitter is the share of each wait drawn at random, in [0, 1]: a wait w becomes a draw from
	// [w*(1-Jitter), w]. Default 0.5, so that many clients that failed together do not retry
	// together.
	Jitter float64
}

func (b Backoff) withDefaults() Backoff {
	if b.Initial <= 0 {
		b.Initial = 100 * time.Millisecond
	}
	if b.Max <= 0 {
		b.Max = 30 * time.Second
	}
	if b.Multiplier < 1 {
		b.Multiplier = 2
	}
	if b.Jitter <= 0 || b.Jitter > 1 {
		b.Jitter = 0.5
	}
	return b
}

// Delay returns the wait before attempt number attempt+1, after attempt failures (attempt
// starts at 1).
func (b Backoff) Delay(attempt int) time.Duration {
	b = b.withDefaults()
	d := float64(b.Initial)
	for i := 1; i < attempt && d < float64(b.Max); i++ {
		d *= b.Multiplier
	}
	d = min(d, float64(b.Max))
	d -= d * b.Jitter * rand.Float64()
	return time.Duration(d)
}

// Wait blocks for Delay(attempt) or until ctx ends, whichever is first, and returns ctx's
// error in the second case.
func (b Backoff) Wait(ctx context.Context, attempt int) error {
	t := time.NewTimer(b.Delay(attempt))
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Do runs op until it succeeds or ctx ends, waiting Backoff between attempts and calling
// onFail (when set) after each failure. It returns nil on success, else ctx's error: it never
// gives up on its own, because its callers retry infrastructure failures (a broker or store
// that is down), and giving up would lose data.
func (b Backoff) Do(ctx context.Context, op func() error, onFail func(attempt int, err error)) error {
	for attempt := 1; ; attempt++ {
		err := op()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if onFail != nil {
			onFail(attempt, err)
		}
		if err := b.Wait(ctx, attempt); err != nil {
			return err
		}
	}
}
