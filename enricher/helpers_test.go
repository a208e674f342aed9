package enricher

import (
	"time"

	"github.com/newsflow/newsflow/internal/retry"
)

func retryBackoffForTests() retry.Backoff {
	return retry.Backoff{Initial: time.Millisecond, Max: 2 * time.Millisecond}
}
