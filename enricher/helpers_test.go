package enricher

import (
	"time"

	"github.com/newsflow/newsflow/internal/retry"
)

// fastBackoff keeps retries in tests to milliseconds.
var fastBackoff = retry.Backoff{Initial: time.Millisecond, Max: 2 * time.Millisecond}
