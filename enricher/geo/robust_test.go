package geo

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

// TestBadInput feeds inputs that break naive taggers. None may panic, every mention must
// satisfy the offset contract, and the matching work must stay within the linear bound: at
// most 2*maxLen trie steps per token, and no more tokens than bytes.
func TestBadInput(t *testing.T) {
	tg := newTagger(t)
	const size = 512 << 10
	tests := []struct {
		name string
		text string
		// want is the number of places expected, or -1 when any number will do.
		want int
	}{
		{"empty", "", 0},
		{"white space", strings.Repeat(" \n\t", 1000), 0},
		{"no letters", strings.Repeat("12,345.67 -- %$#@! ", 2000), 0},
		{"one token of 512 KiB", strings.Repeat("a", size), 0},
		{"one capitalised token of 512 KiB", "P" + strings.Repeat("aris", size/4), 0},
		{"one place name repeated", strings.Repeat("Paris ", (64<<10)/6), 1},
		{"a long name's prefix repeated", strings.Repeat("Democratic Republic of the ", size/27), 0},
		{"code in capitals repeated", strings.Repeat("US ", size/3), 0},
		{"a place name in capitals repeated", strings.Repeat("PARIS ", (64<<10)/6), 1},
		{"a long name's prefix in capitals repeated", strings.Repeat("DEMOCRATIC REPUBLIC OF THE ", size/27), 0},
		{"capitals and abbreviations repeated", strings.Repeat("CAMBRIDGE, Mass., N.Y., ", size/24), 1},
		{"invalid UTF-8", "Paris \xff\xfe Berlin \xc3", 2},
		{"mixed scripts", "Москва и Paris, 東京 and Tokyo, القاهرة and Cairo; Zürich.", 4},
		{"leftover HTML", `<p class="x">Talks in <b>Berlin</b>&nbsp;and <a href="/paris">Paris</a></p>`, 2},
		{"HTML entity glued to a name", "Rome&amp;Madrid", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ms, w := tg.find(tc.text)
			if w.tokens > len(tc.text) {
				t.Errorf("%d tokens for %d bytes", w.tokens, len(tc.text))
			}
			if bound := 2 * tg.lex.maxLen * w.tokens; w.steps > bound { // a word in capitals is read twice
				t.Errorf("%d trie steps for %d tokens (bound %d)", w.steps, w.tokens, bound)
			}
			for _, m := range ms {
				if tc.text[m.Start:m.End] != m.Text {
					t.Errorf("mention %+v does not match the text", m)
				}
			}
			ps := group(ms)
			checkMentions(t, tc.text, ps)
			if tc.want >= 0 && len(ps) != tc.want {
				t.Errorf("got %d places %q, want %d", len(ps), summary(ps), tc.want)
			}
		})
	}
}

// TestLinearWork checks that the work grows linearly with the input: doubling a text doubles
// the tokens, and the trie steps per token stay the same.
func TestLinearWork(t *testing.T) {
	tg := newTagger(t)
	unit := "Democratic Republic of the Congo, Papua New Guinea and New York City. Rebels in Chad. "
	_, w1 := tg.find(strings.Repeat(unit, 1000))
	_, w2 := tg.find(strings.Repeat(unit, 2000))
	if w2.tokens != 2*w1.tokens || w2.steps != 2*w1.steps || w2.mentions != 2*w1.mentions {
		t.Errorf("work not linear: %+v for n, %+v for 2n", w1, w2)
	}
}

// TestAllocations checks that tagging allocates per place found, not per byte: a 128 KiB text
// without places allocates about as little as a short one.
func TestAllocations(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts in -short mode are not needed")
	}
	tg := newTagger(t)
	big := strings.Repeat("the quick brown fox jumps over the lazy dog ", (128<<10)/44)
	small := "the quick brown fox jumps over the lazy dog"
	allocs := func(s string) float64 {
		return testing.AllocsPerRun(5, func() { tg.Find(s) })
	}
	tg.Find(big) // warm the pool
	if a, b := allocs(small), allocs(big); b > a+32 {
		t.Errorf("allocations: %v for a short text, %v for 512 KiB", a, b)
	}
}

func gzipBytes(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
