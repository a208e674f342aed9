package lang

import (
	"context"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/benchdata"
)

func TestDetectParagraphs(t *testing.T) {
	for _, p := range paragraphs {
		t.Run(p.name, func(t *testing.T) {
			if got := Detect(p.text); got != p.want {
				t.Errorf("Detect = %q, want %q", got, p.want)
			}
			a := &article.Article{Title: "", Body: p.text}
			if err := New().Tag(context.Background(), a); err != nil || a.Language != p.want {
				t.Errorf("Tag = %v, language %q; want %q", err, a.Language, p.want)
			}
		})
	}
}

// TestFastPath pins which texts the function-word scan decides itself (English beyond doubt)
// and which it leaves to the trigram detector.
func TestFastPath(t *testing.T) {
	text := map[string]string{}
	for _, p := range paragraphs {
		text[p.name] = p.text
	}
	cases := []struct {
		name        string
		title, body string
		want        bool
	}{
		{"english", "", text["english"], true},
		{"english title and body", "Harbour to close north quay", text["english"], true},
		{"french", "", text["french"], false},
		{"german", "", text["german"], false},
		{"spanish", "", text["spanish"], false},
		{"italian", "", text["italian"], false},
		{"portuguese", "", text["portuguese"], false},
		{"dutch", "", text["dutch"], false},
		{"russian", "", text["russian"], false},
		{"chinese", "", text["chinese"], false},
		{"arabic", "", text["arabic"], false},
		{"short english", "", "The mayor said the bridge would open in the spring.", false},
		{"empty", "", "", false},
		{"no letters", "", strings.Repeat("12,345 -- 67.8% !!! ", 40), false},
		{"one long token", "", strings.Repeat("a", 512<<10), false},
		{"english with a french half", "", text["english"] + " " + text["french"], false},
		{"english and russian", "", text["english"] + " " + text["russian"], false},
		{"english and chinese", "", text["english"] + " " + text["chinese"], false},
		{"english with accented names", "", "José Ibáñez, who chairs the board of the harbour authority, said that the cranes had been bought from a firm in Gdańsk and that they would be replaced before the end of the year, after the engineers have finished their survey.", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := clearlyEnglish(c.title, c.body); got != c.want {
				var w wordScan
				w.scan(c.title)
				w.scan(c.body)
				t.Errorf("clearlyEnglish = %v, want %v (counts %+v)", got, c.want, w)
			}
		})
	}
}

// TestDetectEdgeCases: whatever the input, an answer without panic, and no guess where there
// is nothing to go on.
func TestDetectEdgeCases(t *testing.T) {
	cases := []struct{ name, title, body, want string }{
		{"empty", "", "", ""},
		{"no letters", "2024", strings.Repeat("12,345 -- 67.8% !!! ", 40), ""},
		{"title only", "Harbour authority closes the north quay for six weeks", "", "en"},
		{"invalid utf-8", "", "\xff\xfe\xfd" + paragraphs[0].text, "en"},
		{"russian with an english name", "", paragraphs[7].text + " Harbour Master", "ru"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := &article.Article{Title: c.title, Body: c.body}
			if err := New().Tag(context.Background(), a); err != nil || a.Language != c.want {
				t.Errorf("Tag = %v, language %q; want %q", err, a.Language, c.want)
			}
		})
	}
}

func TestTagEnglishDoesNotAllocate(t *testing.T) {
	a := article.Article{Title: "Harbour to close north quay", Body: strings.Repeat(paragraphs[0].text+" ", 20)}
	tg := New()
	allocs := testing.AllocsPerRun(100, func() {
		b := a
		if err := tg.Tag(context.Background(), &b); err != nil || b.Language != "en" {
			t.Fatalf("Tag = %v, language %q", err, b.Language)
		}
	})
	if allocs != 0 {
		t.Errorf("Tag of an English article allocates %v times, want 0", allocs)
	}
}

// TestFastPathOnBBC: every BBC article is English; the fast path must decide (nearly) all of
// them itself, and agree with the trigram detector on a sample of them.
func TestFastPathOnBBC(t *testing.T) {
	arts, _ := benchdata.BBC(t)
	fast := 0
	for i, a := range arts {
		body := prefix(a.Body, sampleBytes)
		if !clearlyEnglish(a.Title, body) {
			continue
		}
		fast++
		if i%50 == 0 {
			if got := detectTrigrams(a.Title + "\n" + body); got != "en" {
				t.Errorf("article %d (%q): fast path says en, trigrams %q", i, a.Title, got)
			}
		}
	}
	if fast < len(arts)*99/100 {
		t.Errorf("fast path decided %d of %d BBC articles, want at least 99%%", fast, len(arts))
	}
}
