package words

import (
	"strings"
	"testing"
)

func split(text string) []Word {
	var out []Word
	for i := 0; ; {
		w, next, ok := Next(text, i)
		if !ok {
			return out
		}
		out = append(out, w)
		i = next
	}
}

func TestNext(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
		breaks     []Break
	}{
		{"plain", "Dock workers walked", []string{"Dock", "workers", "walked"}, []Break{Sentence, None, None}},
		{"sentence and clause", "Oil fell. Gold, too", []string{"Oil", "fell", "Gold", "too"}, []Break{Sentence, None, Sentence, Clause}},
		{"inner marks", "the children's five-year plan", []string{"the", "children's", "five-year", "plan"}, nil},
		{"numbers", "rose 4.5 percent to 1,200 tonnes.", []string{"rose", "4.5", "percent", "to", "1,200", "tonnes"}, nil},
		{"curly apostrophe", "didn\u2019t", []string{"didn\u2019t"}, nil},
		{"trailing marks", "end- 'quoted' x", []string{"end", "quoted", "x"}, nil},
		{"accents", "Díaz-Canel met Zürich officials", []string{"Díaz-Canel", "met", "Zürich", "officials"}, nil},
		{"invalid utf8", "a\xffb", []string{"a", "b"}, nil},
		{"empty", "", nil, nil},
		{"no letters", "... !!! ---", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := split(tt.text)
			var got []string
			for _, w := range ws {
				got = append(got, tt.text[w.Start:w.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i, b := range tt.breaks {
				if ws[i].Break != b {
					t.Errorf("word %d break %d, want %d", i, ws[i].Break, b)
				}
			}
		})
	}
}

func TestFlags(t *testing.T) {
	ws := split("Rates rose 4.5 in 2024")
	if !ws[0].Upper || ws[1].Upper || !ws[2].Digit || ws[1].Digit || !ws[4].Digit {
		t.Errorf("flags %+v", ws)
	}
}

func TestLongWordIsCut(t *testing.T) {
	ws := split(strings.Repeat("a", 1000))
	if len(ws) != (1000+MaxWord-1)/MaxWord {
		t.Fatalf("%d words", len(ws))
	}
	for _, w := range ws {
		if w.End-w.Start > MaxWord {
			t.Fatalf("word of %d bytes", w.End-w.Start)
		}
	}
}

func TestAppendLower(t *testing.T) {
	if got := string(AppendLower(nil, "Didn\u2019t ÉCOLE")); got != "didn't école" {
		t.Errorf("got %q", got)
	}
}
