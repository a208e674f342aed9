package dedup

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// text is a body long enough to sign, distinct per seed word.
func text(seed string, words int) string {
	r := rand.New(rand.NewPCG(uint64(len(seed)), 99))
	var b strings.Builder
	for i := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(seed)
		b.WriteString(string(rune('a' + r.IntN(26))))
		b.WriteString(string(rune('a' + r.IntN(26))))
	}
	return b.String()
}

func mustSign(t *testing.T, title, body string) *Signature {
	t.Helper()
	s, ok := Sign(title, body)
	if !ok {
		t.Fatalf("Sign(%.20q, %.40q): not signed", title, body)
	}
	return &s
}

func TestSign(t *testing.T) {
	base := text("w", 300)
	words := strings.Fields(base)
	tests := []struct {
		name         string
		a, b         string
		similar      bool
		minJ, maxJ   float64
		wantSignedB  bool
		wantEqualSig bool
	}{
		{name: "identical", a: base, b: base, similar: true, minJ: 1, maxJ: 1, wantSignedB: true, wantEqualSig: true},
		{name: "case, accents and punctuation are folded", a: "Café au lait, São Paulo! " + base,
			b: "CAFE AU LAIT sao paulo " + base, similar: true, minJ: 1, maxJ: 1, wantSignedB: true, wantEqualSig: true},
		{name: "a credit line added", a: base, b: base + " (Agency contributed to this report.)",
			similar: true, minJ: 0.9, maxJ: 1, wantSignedB: true},
		{name: "the last fifth dropped", a: base, b: strings.Join(words[:240], " "),
			similar: true, minJ: 0.7, maxJ: 0.9, wantSignedB: true},
		{name: "other text", a: base, b: text("other", 300), similar: false, minJ: 0, maxJ: 0.05, wantSignedB: true},
		{name: "half the text shared", a: base, b: strings.Join(words[:150], " ") + " " + text("zz", 150),
			similar: false, minJ: 0.2, maxJ: 0.45, wantSignedB: true},
		{name: "too short to sign", a: base, b: "Stocks rose on Monday as investors cheered the news.", wantSignedB: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sa := mustSign(t, "", tt.a)
			sb, ok := Sign("", tt.b)
			if ok != tt.wantSignedB {
				t.Fatalf("signed = %v, want %v", ok, tt.wantSignedB)
			}
			if !ok {
				return
			}
			j := sa.Jaccard(&sb)
			if j < tt.minJ || j > tt.maxJ {
				t.Errorf("Jaccard = %.3f, want in [%.2f, %.2f]", j, tt.minJ, tt.maxJ)
			}
			if got := Similar(sa, &sb); got != tt.similar {
				t.Errorf("Similar = %v, want %v (Jaccard %.3f)", got, tt.similar, j)
			}
			if Similar(&sb, sa) != Similar(sa, &sb) {
				t.Error("Similar is not symmetric")
			}
			if (*sa == sb) != tt.wantEqualSig {
				t.Errorf("equal signatures = %v, want %v", *sa == sb, tt.wantEqualSig)
			}
		})
	}
}

// TestSignStable pins a signature's band keys: a change of the hash functions or of the
// tokenisation changes every stored key, so it must be deliberate (stored documents must be
// re-signed).
func TestSignStable(t *testing.T) {
	s := mustSign(t, "Ministers meet in Brussels", text("x", 60))
	bands := s.Bands()
	if len(bands) != NumBands {
		t.Fatalf("%d bands, want %d", len(bands), NumBands)
	}
	want := []string{"b00", "b01", "b18"}
	for i, b := range []int{0, 1, NumBands - 1} {
		if len(bands[b]) != 15 || !strings.HasPrefix(bands[b], want[i]) {
			t.Errorf("band %d = %q, want %s and 12 hex digits", b, bands[b], want[i])
		}
	}
	if got, wantKey := bands[0], "b00850e75431016"; got != wantKey {
		t.Errorf("band 0 = %q, want %q", got, wantKey)
	}
}

func TestParse(t *testing.T) {
	s := mustSign(t, "", text("p", 50))
	got, err := Parse(s.String())
	if err != nil || got != *s {
		t.Fatalf("Parse(String()) = %v, %v; want the signature back", got[:2], err)
	}
	for _, bad := range []string{"", "abc", s.String() + "AA", strings.Repeat("!", len(s.String()))} {
		if _, err := Parse(bad); !errors.Is(err, ErrSignature) {
			t.Errorf("Parse(%.12q...) error = %v, want ErrSignature", bad, err)
		}
	}
}

func TestResolve(t *testing.T) {
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	a, b := text("a", 200), text("bb", 200)
	aw := strings.Fields(a)
	// A chain: a1 ~ a2 ~ a3 but a1 and a3 share less than the threshold.
	chain1 := strings.Join(aw[:140], " ")
	chain2 := strings.Join(aw[30:170], " ")
	chain3 := strings.Join(aw[60:200], " ")
	sig := func(s string) *Signature { return mustSign(t, "", s) }
	if Similar(sig(chain1), sig(chain3)) || !Similar(sig(chain1), sig(chain2)) || !Similar(sig(chain2), sig(chain3)) {
		t.Fatal("the chain fixture is not a chain")
	}
	tests := []struct {
		name  string
		items []Item
		want  map[string]string
	}{
		{"earliest is the root", []Item{
			{ID: "late", Date: day.Add(2 * time.Hour), Sig: sig(a)},
			{ID: "early", Date: day, Sig: sig(a + " (Wire contributed.)")},
			{ID: "other", Date: day.Add(-time.Hour), Sig: sig(b)},
		}, map[string]string{"late": "early"}},
		{"equal dates: the smaller id", []Item{
			{ID: "y", Date: day, Sig: sig(a)}, {ID: "x", Date: day, Sig: sig(a)}, {ID: "z", Date: day, Sig: sig(a)},
		}, map[string]string{"y": "x", "z": "x"}},
		{"stories are connected components", []Item{
			{ID: "c3", Date: day, Sig: sig(chain3)}, {ID: "c1", Date: day.Add(time.Hour), Sig: sig(chain1)},
			{ID: "c2", Date: day.Add(2 * time.Hour), Sig: sig(chain2)},
		}, map[string]string{"c1": "c3", "c2": "c3"}},
		{"unsigned items stay alone", []Item{
			{ID: "p", Date: day, Sig: nil}, {ID: "q", Date: day, Sig: nil}, {ID: "r", Date: day, Sig: sig(a)},
		}, map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			for range 5 { // any order gives the same answer
				got := Resolve(tt.items)
				if len(got) != len(tt.want) {
					t.Fatalf("Resolve = %v, want %v", got, tt.want)
				}
				for k, v := range tt.want {
					if got[k] != v {
						t.Fatalf("Resolve = %v, want %v", got, tt.want)
					}
				}
				r.Shuffle(len(tt.items), func(i, j int) { tt.items[i], tt.items[j] = tt.items[j], tt.items[i] })
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ÀÉÎÕÜÇÑ", "aeioucn"},
		{"ŁódźŚląsk", "lodzslask"},
		{"Straße", "straße"},
		{"ÆØÅ", "æoa"},
		{"ΑΘΗΝΑ", "αθηνα"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var b strings.Builder
			for _, r := range tt.in {
				b.WriteRune(fold(r))
			}
			if b.String() != tt.want {
				t.Errorf("fold(%q) = %q, want %q", tt.in, b.String(), tt.want)
			}
		})
	}
}
