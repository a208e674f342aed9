// Package lifecycle holds the shutdown helpers the stages share.
package lifecycle

import (
	"context"
	"time"
)

// DrainContext returns a context that keeps the values of parent but ends only timeout after
// parent ends (or when the returned cancel is called). Stages run in-flight work on it, so that
// after a shutdown signal they stop fetching at once but still publish, flush and commit what
// they already hold, within a deadline.
func DrainContext(parent context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(parent))
	stop := context.AfterFunc(parent, func() {
		t := time.AfterFunc(timeout, cancel)
		context.AfterFunc(ctx, func() { t.Stop() })
	})
	return ctx, func() { stop(); cancel() }
}
