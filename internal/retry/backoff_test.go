package retry

import (
	"context"
	"testing"
	"time"
)

func TestDelayGrowsAndIsCapped(t *testing.T) {
	b := Backoff{Initial: 10 * time.Millisecond, Max: 80 * time.Millisecond, Multiplier: 2, Jitter: 0.5}
	for attempt, want := range map[int]time.Duration{1: 10, 2: 20, 3: 40, 4: 80, 5: 80, 40: 80} {
		hi := want * time.Millisecond
		for range 50 {
			d := b.Delay(attempt)
			if d > hi || d < hi/2 {
				t.Fatalf("Delay(%d) = %v, want within [%v, %v]", attempt, d, hi/2, hi)
			}
		}
	}
}

func TestWaitStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := (Backoff{Initial: time.Hour}).Wait(ctx, 1); err != context.Canceled {
		t.Fatalf("Wait = %v, want context.Canceled", err)
	}
}
