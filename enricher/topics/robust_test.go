package topics

import (
	"context"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
)

func TestBadInput(t *testing.T) {
	tg := mustDefault(t)
	tests := []struct {
		name, body string
		wantNone   bool
	}{
		{"empty", "", true},
		{"no letters", strings.Repeat("123 -- 456 !!! ... ", 200), true},
		{"punctuation only", strings.Repeat("?!*&%$#@", 1000), true},
		{"one huge token", strings.Repeat("a", 512<<10), true},
		{"one huge non-ASCII token", strings.Repeat("ж", 256<<10), true},
		{"invalid UTF-8", strings.Repeat("\xff\xfe\xc3", 1000), true},
		{"unclosed tags", strings.Repeat("<", 512<<10), true},
		{"markup only", strings.Repeat(`<div class="x"><a href="/y">&nbsp;</a></div>`, 2000), true},
		{"mixed scripts", "Футбол 足球 كرة القدم ⚽ The striker scored twice as United won the league match.", false},
		{"leftover HTML", `<p>The striker <b>scored</b> twice as United won the league&nbsp;match.</p><script>var x=1;</script>`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &article.Article{Body: tc.body}
			if err := tg.Tag(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			if tc.wantNone && len(a.Topics) != 0 {
				t.Fatalf("topics = %+v, want none", a.Topics)
			}
			if !tc.wantNone && (len(a.Topics) == 0 || a.Topics[0].Code != "medtop:15000000") {
				t.Fatalf("topics = %+v, want sport first", a.Topics)
			}
		})
	}
}

// TestTokensLinear checks the work bound behind linear time: every byte starts at most one
// token, and markup skipping looks at most maxTagLen bytes ahead.
func TestTokensLinear(t *testing.T) {
	tests := []struct {
		name, text string
		want       int
	}{
		{"words", "Floods hit the town; 2,000 homes flooded.", 8},
		{"tag skipped", "a <span class='x'>b</span> c", 3},
		{"long tag kept as words", "a <" + strings.Repeat("x ", maxTagLen) + "> b", maxTagLen + 2},
		{"entity skipped", "fish &amp; chips", 2},
		{"bare ampersand", "R&D spending", 3},
		{"apostrophe splits", "don't", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := len(tokens(nil, tc.text)); got != tc.want {
				t.Fatalf("%d tokens, want %d", got, tc.want)
			}
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ a, b string }{
		{"floods", "flood"},
		{"Teachers", "teacher"},
		{"NURSES", "nurse"},
	}
	for _, tc := range tests {
		t.Run(tc.a, func(t *testing.T) {
			x, y := tokens(nil, tc.a), tokens(nil, tc.b)
			if x[0].stem != y[0].stem {
				t.Fatalf("stem of %q differs from stem of %q", tc.a, tc.b)
			}
		})
	}
	if x, y := tokens(nil, "glass"), tokens(nil, "glas"); x[0].stem == y[0].stem {
		t.Error(`"glass" lost its double s`)
	}
	if x, y := tokens(nil, "bus"), tokens(nil, "bu"); x[0].stem == y[0].stem {
		t.Error(`three-letter "bus" was stemmed`)
	}
}

// TestLexiconEntriesDistinct checks that no word is listed under two topics (plural and
// singular of one word in one topic are the same entry after stemming, which is harmless).
func TestLexiconEntriesDistinct(t *testing.T) {
	seen := map[uint64]string{}
	seenTop := map[uint64]int{}
	for _, lt := range lexiconTopics {
		for _, w := range strings.Fields(lt.strong + " " + lt.weak) {
			toks := tokens(nil, strings.ReplaceAll(w, "_", " "))
			h := toks[0].stem
			if len(toks) == 2 {
				h = pairHash(toks[0].stem, toks[1].stem)
			}
			if prev, ok := seen[h]; ok && seenTop[h] != lt.top {
				t.Errorf("lexicon word %q (%s) also listed as %q", w, topLevel[lt.top].Code, prev)
			}
			seen[h] = w + " in " + topLevel[lt.top].Code
			seenTop[h] = lt.top
		}
	}
}
