package tone

import (
	"strings"
	"testing"
)

// TestBadInput: odd texts never panic, stay in [-1, 1], and allocate nothing that grows
// with the input (the scratch buffers are pooled; a sentence is cut at maxSentence words).
func TestBadInput(t *testing.T) {
	tg := mustNew(t)
	huge := strings.Repeat("crisis ", 512<<10/7)
	tests := []struct {
		name string
		text string
	}{
		{"empty", ""},
		{"no letters", "!!! ... ??? 123 --- ***"},
		{"one huge token", strings.Repeat("a", 512<<10)},
		{"one token repeated", huge},
		{"mixed scripts", "Паника на рынке 市场崩溃 the market collapsed κρίση"},
		{"leftover html", "<p>The <b>deal</b> was &amp; a success</p><script>var x = 'killed';</script>"},
		{"invalid utf8", "good \xff\xfe news \xc3"},
		{"lone apostrophes and hyphens", "' - '' -- n't 's - -good- 'bad'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := tg.Score(tt.text)
			if x < -1 || x > 1 || x != x {
				t.Fatalf("score %v", x)
			}
		})
	}
	t.Run("huge repeated token is negative", func(t *testing.T) {
		if x := tg.Score(huge); x >= 0 {
			t.Errorf("score %v", x)
		}
	})
}

// TestLinear: scoring allocates a small constant whatever the size of the text (a
// deterministic stand-in for linear memory: the buffers are pooled and a sentence is cut at
// maxSentence words). The bound is loose because the race detector makes sync.Pool drop
// scratch buffers at random.
func TestLinear(t *testing.T) {
	tg := mustNew(t)
	small := strings.Repeat("the crisis, deepened; ", 1<<8)
	big := strings.Repeat("the crisis, deepened; ", 1<<12)
	tg.Score(big) // warm the pool
	a := testing.AllocsPerRun(5, func() { tg.Score(small) })
	b := testing.AllocsPerRun(5, func() { tg.Score(big) })
	if b > a+20 {
		t.Errorf("allocations grow with the input: %v for %d bytes, %v for %d bytes", a, len(small), b, len(big))
	}
}
