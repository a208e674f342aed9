package ner

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func tokenTexts(text string) []string {
	var out []string
	for _, t := range Tokenize(text) {
		out = append(out, text[t.Start:t.End])
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"plain", "Peter Blackburn said.", []string{"Peter", "Blackburn", "said", "."}},
		{"acronym", "the U.S. economy", []string{"the", "U.S.", "economy"}},
		{"acronym at end", "He left the U.S.", []string{"He", "left", "the", "U.S."}},
		{"title", "Mr. Smith and Dr. Who", []string{"Mr.", "Smith", "and", "Dr.", "Who"}},
		{"initial", "John F. Kennedy", []string{"John", "F.", "Kennedy"}},
		{"possessive", "Clinton's plan", []string{"Clinton", "'s", "plan"}},
		{"curly possessive", "Clinton\u2019s plan", []string{"Clinton", "\u2019s", "plan"}},
		{"negation", "didn't", []string{"did", "n't"}},
		{"apostrophe name", "O'Neill won", []string{"O'Neill", "won"}},
		{"hyphen and accents", "Miguel Díaz-Canel spoke", []string{"Miguel", "Díaz-Canel", "spoke"}},
		{"quotes", `"Yes," she said`, []string{`"`, "Yes", ",", `"`, "she", "said"}},
		{"curly quotes", "\u201cNo\u201d", []string{"\u201c", "No", "\u201d"}},
		{"numbers", "1,000 and 3.5% on 1996-08-22", []string{"1,000", "and", "3.5", "%", "on", "1996-08-22"}},
		{"money", "$1.13bn (£600m)", []string{"$", "1.13bn", "(", "£", "600m", ")"}},
		{"ampersand", "AT&T rose", []string{"AT&T", "rose"}},
		{"dash", "Paris--London - Rome", []string{"Paris", "--", "London", "-", "Rome"}},
		{"ellipsis", "wait...", []string{"wait", "..."}},
		{"emoji", "Paris 🇫🇷 wins 😀!", []string{"Paris", "🇫", "🇷", "wins", "😀", "!"}},
		{"cjk", "東京 is Tokyo", []string{"東京", "is", "Tokyo"}},
		{"mixed scripts", "Москва and Zürich", []string{"Москва", "and", "Zürich"}},
		{"url", "see https://example.com/a?b=1 now", []string{"see", "https://example.com/a?b=1", "now"}},
		{"email", "mail bob@example.com today", []string{"mail", "bob@example.com", "today"}},
		{"html", "<p>Hi</p>", []string{"<", "p", ">", "Hi", "<", "/", "p", ">"}},
		{"empty", "", nil},
		{"spaces only", " \t\n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tokenTexts(tt.text)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestTokenOffsetsAreExact(t *testing.T) {
	texts := []string{
		"Miguel Díaz-Canel met Xi Jinping in 北京 on Monday 😀.\nNew line: São Paulo's mayor.",
		"invalid \xff\xfe bytes and \u00e9\u0301 combining",
		"tab\tseparated\u00a0nbsp\u2028line",
	}
	for _, text := range texts {
		prev := 0
		for _, tok := range Tokenize(text) {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > len(text) {
				t.Fatalf("bad token %+v after %d in %q", tok, prev, text)
			}
			if strings.TrimSpace(text[tok.Start:tok.End]) != text[tok.Start:tok.End] {
				t.Errorf("token %q contains space", text[tok.Start:tok.End])
			}
			prev = tok.End
		}
	}
	// Every token of valid UTF-8 text is valid UTF-8.
	for _, tok := range Tokenize(texts[0]) {
		if !utf8.ValidString(texts[0][tok.Start:tok.End]) {
			t.Errorf("token %+v splits a rune", tok)
		}
	}
}

func TestSegment(t *testing.T) {
	tests := []struct {
		name, text string
		want       int
	}{
		{"two sentences", "He came. She left.", 2},
		{"abbreviation", "Mr. Smith came.", 1},
		{"lower after period", "It cost 3 dollars. and more", 1},
		{"title line", "Ad sales boost Time Warner profit\n\nQuarterly profits rose.", 2},
		{"question", "Why? Because.", 2},
		{"hard-wrapped line", "The dry period means the\n  temporao will be late.", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(Segment(tt.text)); got != tt.want {
				t.Errorf("Segment(%q) gave %d sentences, want %d", tt.text, got, tt.want)
			}
		})
	}
}

func TestTokenizeLinear(t *testing.T) {
	long := strings.Repeat("a", 512<<10)
	toks := Tokenize(long)
	if len(toks) != 1 || toks[0].End != len(long) {
		t.Fatalf("512 KiB word: %d tokens", len(toks))
	}
	punct := strings.Repeat("-.", 256<<10)
	if n := len(Tokenize(punct)); n != 512<<10 {
		t.Fatalf("punctuation run: %d tokens, want %d", n, 512<<10)
	}
}
