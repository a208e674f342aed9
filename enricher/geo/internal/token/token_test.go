package token

import (
	"strings"
	"testing"
)

func surfaces(text string, toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = text[t.Start:t.End]
	}
	return out
}

func TestScan(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"words and punctuation", "U.S. troops, Port-au-Prince!", []string{"U", ".", "S", ".", "troops", ",", "Port", "-", "au", "-", "Prince", "!"}},
		{"accents and apostrophes", "Côte d’Ivoire's São Paulo", []string{"Côte", "d", "’", "Ivoire", "'", "s", "São", "Paulo"}},
		{"combining marks stay in the word", "Zu\u0308rich", []string{"Zu\u0308rich"}},
		{"other scripts", "東京 Москва", []string{"東京", "Москва"}},
		{"invalid bytes are punctuation", "a\xffb", []string{"a", "\xff", "b"}},
		{"empty", "", nil},
		{"only space", " \n\t ", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := surfaces(tc.text, Scan(tc.text, nil))
			if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
				t.Errorf("Scan(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestFlags(t *testing.T) {
	text := "Paris\nNASA 42\n\n  éclair"
	toks := Scan(text, nil)
	want := []Flags{
		Word | Upper | Lower | Letter,
		Word | Upper | Letter | Space | Break,
		Word | Space,
		Word | Lower | Letter | Space | Break | Para,
	}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens", len(toks))
	}
	for i, tk := range toks {
		if tk.Flags != want[i] {
			t.Errorf("token %q: flags %b, want %b", text[tk.Start:tk.End], tk.Flags, want[i])
		}
	}
}

func TestSentenceStart(t *testing.T) {
	tests := []struct {
		text, word string
		want       bool
	}{
		{"Paris is big.", "Paris", true},
		{"It rained. Paris is wet.", "Paris", true},
		{"It rained! \"Paris is wet.\"", "Paris", true},
		{"It rained in Paris.", "Paris", false},
		{"The U.S. Paris office.", "Paris", false},
		{"Title\n\nParis is wet.", "Paris", true},
		{"a line\nParis wraps", "Paris", false},
		{"He said: Paris.", "Paris", false},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			toks := Scan(tc.text, nil)
			for i, tk := range toks {
				if tc.text[tk.Start:tk.End] == tc.word {
					if got := SentenceStart(tc.text, toks, i); got != tc.want {
						t.Errorf("SentenceStart(%q) = %v, want %v", tc.word, got, tc.want)
					}
					return
				}
			}
			t.Fatalf("%q not found", tc.word)
		})
	}
}
