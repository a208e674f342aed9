package keywords

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

func gzipString(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := io.WriteString(zw, s); err != nil || zw.Close() != nil {
		t.Fatal("gzip failed")
	}
	return b.String()
}

// TestBadInput: odd texts never panic and give a sensible (possibly empty) result.
func TestBadInput(t *testing.T) {
	tg := mustNew(t)
	tests := []struct {
		name string
		body string
		max  int // most phrases expected
	}{
		{"empty", "", 0},
		{"no letters", "!!! ... 123 4.5 --- ***", 0},
		{"one huge token", strings.Repeat("a", 512<<10), DefaultMax},
		{"one token repeated", strings.Repeat("crisis ", 512<<10/7), 1},
		{"mixed scripts", "Паника на рынке. 市场崩溃。 The market collapsed. κρίση", DefaultMax},
		{"leftover html", "<p>The <b>harbour</b> &amp; the <i>docks</i></p><script>var x = 1;</script>", DefaultMax},
		{"invalid utf8", "harbour \xff\xfe docks \xc3", DefaultMax},
		{"marks only", "' - '' -- 's - -x- 'y'", DefaultMax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tg.Keywords("", tt.body)
			if len(got) > tt.max {
				t.Errorf("%d phrases, want <= %d: %q", len(got), tt.max, got)
			}
			for _, p := range got {
				if p == "" || len(p) > 3*65+2 {
					t.Errorf("phrase %q", p)
				}
			}
		})
	}
}

// TestLinear: the number of allocations does not grow with the text beyond the
// logarithmic growth of its buffers and map (a deterministic stand-in for linear memory: a
// per-word or per-phrase allocation would show as thousands). The bound is loose
// because the race detector makes sync.Pool drop scratch buffers at random.
func TestLinear(t *testing.T) {
	tg := mustNew(t)
	text := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString("harbour")
			b.WriteByte(byte('a' + i%26))
			b.WriteByte(byte('a' + i/26%26))
			b.WriteByte(byte('a' + i/676%26))
			b.WriteString(" docks, ")
		}
		return b.String()
	}
	small, big := text(500), text(6000)
	a := testing.AllocsPerRun(2, func() { tg.Keywords("", small) })
	b := testing.AllocsPerRun(2, func() { tg.Keywords("", big) })
	if b > a+1000 {
		t.Errorf("allocations grow with the text: %v for 500 phrases, %v for 6000", a, b)
	}
}
