package producer

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync/atomic"
	"time"

	"golang.org/x/term"
)

// progressInterval is how often the progress line is redrawn.
const progressInterval = 200 * time.Millisecond

// TerminalProgress returns f when it is a terminal, else nil: pass it as Config.Progress so
// that the progress line is drawn for people and never written into logs or pipes.
func TerminalProgress(f *os.File) io.Writer {
	if f == nil || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return f
}

// counters are the live counts that the progress line shows, updated by the run's
// goroutines and read by the progress goroutine.
type counters struct {
	read, produced, duplicates, rejected atomic.Int64
}

// snapshot is what one progress line shows.
type snapshot struct {
	read, produced, duplicates, rejected int64
	elapsed                              time.Duration
}

func (c *counters) snapshot(elapsed time.Duration) snapshot {
	return snapshot{
		read:       c.read.Load(),
		produced:   c.produced.Load(),
		duplicates: c.duplicates.Load(),
		rejected:   c.rejected.Load(),
		elapsed:    elapsed,
	}
}

// line renders a progress line (without line ending): produced count, rate, duplicates and
// bad records.
func (s snapshot) line() string {
	return fmt.Sprintf("produced %s articles in %s (%s/s), %s duplicates, %s bad",
		thousands(s.produced), s.elapsed.Round(100*time.Millisecond), thousands(s.rate()),
		thousands(s.duplicates), thousands(s.rejected))
}

func (s snapshot) rate() int64 {
	if s.elapsed <= 0 {
		return 0
	}
	return int64(float64(s.produced) / s.elapsed.Seconds())
}

// drawProgress redraws the progress line on w at every tick until ctx is done. The caller
// writes the final line.
func drawProgress(ctx context.Context, w io.Writer, c *counters, start time.Time, tick <-chan time.Time) {
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick:
			// \r returns to the line start, \x1b[K clears what a longer line left.
			fmt.Fprintf(w, "\r%s\x1b[K", c.snapshot(now.Sub(start)).line())
		}
	}
}

// finishProgress writes the final summary on its own line.
func finishProgress(w io.Writer, s snapshot) {
	fmt.Fprintf(w, "\r%s\x1b[K\n", s.line())
}

// thousands formats n with comma separators.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		out = append(out, '-')
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
