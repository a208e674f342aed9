package producer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestThousands(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {12345, "12,345"},
		{1234567, "1,234,567"}, {-1234, "-1,234"},
	}
	for _, tt := range tests {
		if got := thousands(tt.n); got != tt.want {
			t.Errorf("thousands(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestSnapshotLine(t *testing.T) {
	tests := []struct {
		name string
		s    snapshot
		want string
	}{
		{"start", snapshot{}, "produced 0 articles in 0s (0/s), 0 duplicates, 0 bad"},
		{"running", snapshot{produced: 12000, duplicates: 3, rejected: 1500, elapsed: 4 * time.Second},
			"produced 12,000 articles in 4s (3,000/s), 3 duplicates, 1,500 bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.line(); got != tt.want {
				t.Errorf("line() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDrawProgress drives the progress goroutine with a hand-made tick.
func TestDrawProgress(t *testing.T) {
	var c counters
	c.produced.Store(5)
	c.rejected.Store(2)
	var out bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	tick := make(chan time.Time)
	start := time.Unix(1000, 0)
	var wg sync.WaitGroup
	wg.Go(func() { drawProgress(ctx, &out, &c, start, tick) })
	tick <- start.Add(time.Second)
	cancel()
	wg.Wait()
	want := "\rproduced 5 articles in 1s (5/s), 0 duplicates, 2 bad\x1b[K"
	if out.String() != want {
		t.Errorf("drew %q, want %q", out.String(), want)
	}
}

func TestTerminalProgress(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if w := TerminalProgress(f); w != nil {
		t.Errorf("TerminalProgress(regular file) = %v, want nil", w)
	}
	if w := TerminalProgress(nil); w != nil {
		t.Errorf("TerminalProgress(nil) = %v, want nil", w)
	}
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		if w := TerminalProgress(tty); w == nil {
			t.Errorf("TerminalProgress(/dev/tty) = nil, want the terminal")
		}
	}
}
