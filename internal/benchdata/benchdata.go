// Package benchdata gives benchmarks what they all need and must measure the same way: the
// BBC articles from ../shared/data (read there, never copied into the repository), and the
// process's CPU time and peak resident set. CPU time is the figure to compare on a shared
// machine, where wall-clock rates depend on the neighbours.
package benchdata

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

// SharedDir returns ../shared beside the module root (the directory holding go.mod, found
// from the working directory up), or "" when there is none.
func SharedDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			shared := filepath.Join(dir, "..", "shared")
			if _, err := os.Stat(shared); err != nil {
				return ""
			}
			return shared
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// BBC returns the 2,225 BBC articles (title on a file's first line, the body after it, both
// trimmed) in a fixed order, with the number of words in their bodies. It skips tb when the
// data is not there.
func BBC(tb testing.TB) (arts []article.Article, bodyWords int) {
	tb.Helper()
	shared := SharedDir()
	files, _ := filepath.Glob(filepath.Join(shared, "data", "topic", "bbc", "*", "*.txt"))
	if shared == "" || len(files) == 0 {
		tb.Skip("skipped: no BBC articles under ../shared/data/topic/bbc")
	}
	arts = make([]article.Article, 0, len(files))
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		title, body, _ := strings.Cut(string(raw), "\n")
		a := article.Article{Title: strings.TrimSpace(title), Body: strings.TrimSpace(body)}
		arts = append(arts, a)
		bodyWords += len(strings.Fields(a.Body))
	}
	return arts, bodyWords
}

// CPUTime is the process's user and system CPU time so far.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// PeakRSSKiB is the process's peak resident set size so far (VmHWM), or 0 when
// /proc/self/status cannot tell.
func PeakRSSKiB() int {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return kb
		}
	}
	return 0
}

// PerCPUSecond reports n units per second of CPU used since cpu0 (from CPUTime), as
// unit+"/cpu-s", and per wall-clock second of b, as unit+"/s".
func PerCPUSecond(b *testing.B, n float64, unit string, cpu0 time.Duration) {
	b.ReportMetric(n/b.Elapsed().Seconds(), unit+"/s")
	if cpu := (CPUTime() - cpu0).Seconds(); cpu > 0 {
		b.ReportMetric(n/cpu, unit+"/cpu-s")
	}
}

// BBCBodies is BBC's bodies alone.
func BBCBodies(tb testing.TB) (bodies []string, words int) {
	tb.Helper()
	arts, words := BBC(tb)
	bodies = make([]string, len(arts))
	for i := range arts {
		bodies[i] = arts[i].Body
	}
	return bodies, words
}
