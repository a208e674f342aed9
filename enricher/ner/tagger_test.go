package ner

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
)

func checkSpans(t *testing.T, text string, spans []Span) {
	t.Helper()
	prev := 0
	for _, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > len(text) || text[s.Start:s.End] != s.Text {
			t.Fatalf("bad span %+v (previous end %d)", s, prev)
		}
		if s.Confidence < 0 || s.Confidence > 1 || typeIndex(s.Type) < 0 {
			t.Fatalf("bad span %+v", s)
		}
		prev = s.End
	}
}

func TestSpansOnBadInput(t *testing.T) {
	tg := NewTagger(tinyModel(t))
	inputs := map[string]string{
		"empty":       "",
		"no letters":  "123 456 --- !!! ... 7.5% $ 99",
		"one token":   strings.Repeat("x", 512<<10),
		"caps token":  strings.Repeat("AB", 256<<10),
		"mixed":       "Путин met 習近平 and Maria Lopez in Lisbon 😀 today",
		"html":        `<div class="x"><p>Maria Lopez visited <b>Lisbon</b></p><script>var a=1;</script></div>`,
		"invalid":     "Maria \xff\xfe Lopez \xc3",
		"punctuation": strings.Repeat(". ", 100000),
		"newlines":    strings.Repeat("\n", 100000) + "Lisbon",
	}
	for name, text := range inputs {
		t.Run(name, func(t *testing.T) {
			checkSpans(t, text, tg.Spans(text))
		})
	}
}

func TestTagFillsEntities(t *testing.T) {
	tg := NewTagger(tinyModel(t))
	a := &article.Article{Body: "Maria Lopez visited Lisbon. Later Maria Lopez left Lisbon for Oslo."}
	if err := tg.Tag(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if len(a.Entities) == 0 {
		t.Fatal("no entities")
	}
	seen := map[string]bool{}
	for _, e := range a.Entities {
		key := e.Type + "/" + e.Name
		if seen[key] {
			t.Errorf("entity %s twice", key)
		}
		seen[key] = true
		if e.Count != len(e.Mentions) || e.Salience < 0 || e.Salience > 1 || e.Confidence <= 0 || e.Confidence > 1 {
			t.Errorf("entity %+v", e)
		}
		for _, m := range e.Mentions {
			if a.Body[m.Start:m.End] != m.Text {
				t.Errorf("mention %+v of %q", m, e.Name)
			}
		}
	}
	if !seen["LOCATION/Lisbon"] {
		t.Errorf("Lisbon not found: %+v", a.Entities)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := tg.Tag(ctx, a); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Tag returned %v", err)
	}
}

func TestDefaultModel(t *testing.T) {
	tg, err := Default()
	if errors.Is(err, ErrNoModel) {
		t.Skip("skipping: this build embeds no model (enricher/ner/model/ner.model)")
	}
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string // "TYPE text"
	}{
		{"German Chancellor Angela Merkel met French President Emmanuel Macron in Paris on Tuesday.",
			[]string{"MISC German", "PER Angela Merkel", "MISC French", "PER Emmanuel Macron", "LOC Paris"}},
		{"Shares of Microsoft rose 3 percent in New York after the company beat forecasts.",
			[]string{"ORG Microsoft", "LOC New York"}},
		{"The United Nations said on Monday that aid had reached Khartoum.",
			[]string{"ORG United Nations", "LOC Khartoum"}},
	}
	for _, tt := range tests {
		t.Run(tt.want[0], func(t *testing.T) {
			spans := tg.Spans(tt.text)
			checkSpans(t, tt.text, spans)
			var got []string
			for _, s := range spans {
				got = append(got, s.Type+" "+s.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Spans(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
	if tg.Name() != "ner" {
		t.Errorf("Name() = %q", tg.Name())
	}
}
