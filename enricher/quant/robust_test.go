package quant

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsflow/newsflow/internal/article"
)

// TestBadInput feeds inputs that break naive scanners: none may panic, every item keeps the
// offset contract, the tokens never outnumber the bytes, and the result is the sensible one.
func TestBadInput(t *testing.T) {
	tg := New(Config{})
	const size = 512 << 10
	tests := []struct {
		name          string
		text          string
		amounts, date int // expected counts; -1: any
	}{
		{"empty", "", 0, 0},
		{"white space", strings.Repeat(" \n\t\u00a0", 1000), 0, 0},
		{"no letters", strings.Repeat("12,345.67 -- %$#@! ", 2000), 0, 0},
		{"digits and symbols", strings.Repeat("12,345.67% $5 -- #@! ", 200), 400, 0},
		{"one token of 512 KiB", strings.Repeat("a", size), 0, 0},
		{"512 KiB of digits", strings.Repeat("7", size), 0, 0},
		{"512 KiB of digits after a dollar", "$" + strings.Repeat("9", size), 0, 0},
		{"512 KiB of digit groups", "1" + strings.Repeat(",000", size/4), 0, 0},
		{"512 KiB of one symbol", strings.Repeat("$", size), 0, 0},
		{"one amount repeated past the cap", strings.Repeat("5% ", size/3), DefaultMaxItems, 0},
		{"one date repeated past the cap", strings.Repeat("yesterday ", size/10), 0, DefaultMaxItems},
		{"a long phrase's prefix repeated", strings.Repeat("5 barrels of oil per ", size/21), DefaultMaxItems, 0},
		{"invalid UTF-8", "$5\xff\xfe 3\xc3 km on 12 March 2024 \xe2\x82", 1, 1},
		{"mixed scripts", "Москва: 5 млн рублей, 東京 ¥100, القاهرة 12 March 2024, Zürich 5%", 2, 1},
		{"leftover HTML", `<p class="x">Sales <b>rose</b>&nbsp;5.2%&nbsp;to <a href="/x">$3bn</a> on 12&nbsp;March&nbsp;2024</p>`, 2, 1},
		{"entities glued", "&pound;5m&amp;&euro;3m", 0, 0},
		{"numeric space entity", "5&#160;km on 12&nbsp;March 2024", 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			amounts, dates := tg.Find(tc.text, &published)
			checkOffsets(t, tc.text, amounts, dates)
			checkValues(t, amounts, dates)
			if tc.amounts >= 0 && len(amounts) != tc.amounts {
				t.Errorf("%d amounts, want %d", len(amounts), tc.amounts)
			}
			if tc.date >= 0 && len(dates) != tc.date {
				t.Errorf("%d dates, want %d", len(dates), tc.date)
			}
			toks := sharedLexicon().tokenize(tc.text, nil)
			if len(toks) > len(tc.text) {
				t.Errorf("%d tokens for %d bytes", len(toks), len(tc.text))
			}
		})
	}
}

// TestLinearWork checks that allocations grow with the items found, not with the text: a
// 128 KiB text without amounts allocates about as little as a short one (the scratch is
// pooled; the race detector drops pooled items at random, so a few growth steps of the
// token scratch are allowed, against thousands if tokens were allocated one by one).
func TestLinearWork(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts are not needed in -short mode")
	}
	tg := New(Config{})
	small := "the quick brown fox jumps over the lazy dog"
	big := strings.Repeat(small+" ", (128<<10)/len(small))
	tg.Find(big, &published) // grow the pooled scratch
	allocs := func(s string) float64 {
		return testing.AllocsPerRun(20, func() { tg.Find(s, &published) })
	}
	if a, b := allocs(small), allocs(big); b > a+40 {
		t.Errorf("%v allocations for 128 KiB, %v for one sentence", b, a)
	}
}

// seam is the enricher's Tagger interface with its optional LanguageScoped and version
// methods, written out here because this package must not import the enricher.
type seam interface {
	Name() string
	Tag(ctx context.Context, a *article.Article) error
	Languages() []string
	Version() string
}

var _ seam = (*Tagger)(nil)

// TestTag checks the Tagger seam: Tag replaces the enrichment it owns, honours a done
// context, and leaves the rest alone.
func TestTag(t *testing.T) {
	tg := New(Config{})
	if tg.Name() != "quant" || tg.Version() == "" || len(tg.Languages()) != 1 || tg.Languages()[0] != "en" {
		t.Fatalf("name %q, version %q, languages %v", tg.Name(), tg.Version(), tg.Languages())
	}
	a := &article.Article{
		Body:        "Shares fell 3% yesterday.",
		PublishedAt: &published,
		Enrichment: article.Enrichment{
			Amounts:  []article.Amount{{Kind: KindMoney, Text: "stale"}},
			Keywords: []string{"kept"},
		},
	}
	if err := tg.Tag(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if len(a.Amounts) != 1 || a.Amounts[0].Text != "3%" || len(a.Dates) != 1 || a.Dates[0].Value != "2024-03-13" {
		t.Errorf("amounts %+v, dates %+v", a.Amounts, a.Dates)
	}
	if len(a.Keywords) != 1 || a.Body != "Shares fell 3% yesterday." {
		t.Errorf("Tag changed what it does not own: %+v", a)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := tg.Tag(ctx, a); err != context.Canceled {
		t.Errorf("Tag on a done context: %v", err)
	}
	none := &article.Article{Body: "No numbers here."}
	if err := tg.Tag(context.Background(), none); err != nil || none.Amounts != nil || none.Dates != nil {
		t.Errorf("Tag of no amounts: %v, %+v, %+v", err, none.Amounts, none.Dates)
	}
}

// TestConfigCaps checks MaxAmounts and MaxDates keep the first items.
func TestConfigCaps(t *testing.T) {
	tg := New(Config{MaxAmounts: 2, MaxDates: 1})
	amounts, dates := tg.Find("5% 6% 7% yesterday tomorrow", &published)
	if len(amounts) != 2 || amounts[1].Text != "6%" || len(dates) != 1 || dates[0].Text != "yesterday" {
		t.Errorf("amounts %+v, dates %+v", amounts, dates)
	}
}

// checkValues checks that values are usable: finite amounts, ISO-shaped currencies, real
// calendar days.
func checkValues(t *testing.T, amounts []article.Amount, dates []article.Date) {
	t.Helper()
	for _, a := range amounts {
		if math.IsNaN(a.Value) || math.IsInf(a.Value, 0) {
			t.Errorf("amount %+v has no finite value", a)
		}
		switch a.Kind {
		case KindMoney:
			if a.Currency != "" && (len(a.Currency) != 3 || strings.ToUpper(a.Currency) != a.Currency) || a.Unit != "" {
				t.Errorf("money %+v", a)
			}
		case KindQuantity:
			if a.Unit == "" || a.Currency != "" {
				t.Errorf("quantity %+v", a)
			}
		default:
			t.Errorf("amount %+v of unknown kind", a)
		}
	}
	for _, d := range dates {
		if _, err := time.Parse(time.DateOnly, d.Value); err != nil {
			t.Errorf("date %+v: %v", d, err)
		}
	}
}

// FuzzTag checks the offset contract and the values on any text.
func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"", "$38 billion", "US$1.2m and €500,000 on 12 March 2024", "5-6% two days ago",
		"between $3 and $4 billion next Friday", "Rs. 5 lakh 2024-03-12", "-5°C in three weeks",
		"Monday, March 11, 2024", "\xff$\xfe5", "12-14 March", "the day before yesterday",
		"8-1/4 pct", "a million people", "minus 20C", "in 10 days' time",
	} {
		f.Add(s)
	}
	tg := New(Config{})
	f.Fuzz(func(t *testing.T, text string) {
		bare, undated := tg.Find(text, nil)
		checkOffsets(t, text, bare, undated)
		for _, d := range undated {
			if d.Relative {
				t.Errorf("relative date %+v without a published day", d)
			}
		}
		amounts, dates := tg.Find(text, &published)
		checkOffsets(t, text, amounts, dates)
		checkValues(t, amounts, dates)
		if len(bare) != len(amounts) {
			t.Errorf("the published day changed the amounts: %d vs %d", len(bare), len(amounts))
		}
		for _, a := range amounts {
			if utf8.ValidString(text) && !utf8.ValidString(a.Text) {
				t.Errorf("amount %+v cuts a rune", a)
			}
		}
	})
}
