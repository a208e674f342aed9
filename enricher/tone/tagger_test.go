package tone

import (
	"context"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
)

func TestScoreRules(t *testing.T) {
	tg := mustNew(t)
	tests := []struct {
		name string
		text string
		want int // sign with the neutral band
	}{
		{"negative word", "Three people were killed in the crash.", -1},
		{"positive word", "The deal was a great success for both sides.", 1},
		{"neutral", "The meeting takes place on Tuesday in the town hall.", 0},
		{"negation turns a good word", "The results were not good.", -1},
		{"negation by n't", "The talks didn't succeed.", -1},
		{"good quantity up", "Profits rose.", 1},
		{"bad quantity up", "Unemployment rose.", -1},
		{"bad quantity down", "Unemployment fell.", 1},
		{"good quantity down", "Exports fell.", -1},
		{"movement before its quantity", "The firm will cut jobs.", -1},
		{"phrase replaces its words", "No one was hurt.", 1},
		// A long first word of the next sentence must not overwrite the phrase's words.
		{"phrase before a long sentence start", "No one was hurt. Firefighters arrived. Uncharacteristically calm.", 1},
		{"concessive clause counts less", "Despite the storm, the harvest was good.", 1},
		{"contrast weighs the second clause", "Sales were weak but profits soared.", 1},
		{"possessive", "The company's collapse shocked investors.", -1},
		{"curly apostrophe", "The talks didn\u2019t succeed.", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tg.Score(tt.text); band(got) != tt.want {
				t.Errorf("Score(%q) = %.3f, want band %d", tt.text, got, tt.want)
			}
		})
	}
}

func TestAmplifierAndLength(t *testing.T) {
	tg := mustNew(t)
	plain := tg.Score("Sales fell.")
	sharp := tg.Score("Sales fell sharply.")
	soft := tg.Score("Sales fell slightly.")
	if !(sharp < plain && plain < soft) {
		t.Errorf("sharply %.3f, plain %.3f, slightly %.3f: want increasing", sharp, plain, soft)
	}
	short := tg.Score("The crisis deepened as the bank collapsed.")
	long := tg.Score("The crisis deepened as the bank collapsed." + strings.Repeat(" The meeting is on Tuesday.", 20))
	if !(short < long && long < 0) {
		t.Errorf("short %.3f, diluted %.3f: want the diluted text closer to 0 and still negative", short, long)
	}
}

func TestTag(t *testing.T) {
	tg := mustNew(t)
	ctx := context.Background()
	tests := []struct {
		name    string
		a       article.Article
		wantNil bool
		sign    int
	}{
		{"english", article.Article{Title: "Floods kill dozens", Body: "Floods killed dozens of people.", Language: "en"}, false, -1},
		{"unknown language is english", article.Article{Body: "Exports surged to a record."}, false, 1},
		{"other language", article.Article{Body: "Les exportations ont chuté.", Language: "fr"}, true, 0},
		{"empty", article.Article{}, true, 0},
		{"no letters", article.Article{Body: "… --- !!! ***"}, true, 0},
		{"numbers only", article.Article{Body: "2024 1,000 3.5"}, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a
			one := 0.5
			a.Tone = &one // a stale value must go
			if err := tg.Tag(ctx, &a); err != nil {
				t.Fatal(err)
			}
			if tt.wantNil {
				if a.Tone != nil {
					t.Fatalf("tone %v, want none", *a.Tone)
				}
				return
			}
			if a.Tone == nil {
				t.Fatal("no tone")
			}
			if *a.Tone < -1 || *a.Tone > 1 || band(*a.Tone) != tt.sign {
				t.Errorf("tone %v, want band %d", *a.Tone, tt.sign)
			}
		})
	}
}

func TestTagCancelled(t *testing.T) {
	tg := mustNew(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := tg.Tag(ctx, &article.Article{Body: "text"}); err == nil {
		t.Fatal("no error from a cancelled context")
	}
}

func TestIdentity(t *testing.T) {
	tg := mustNew(t)
	if tg.Name() != "tone" || len(tg.Languages()) != 1 || tg.Languages()[0] != "en" {
		t.Errorf("name %q languages %v", tg.Name(), tg.Languages())
	}
	if !strings.HasPrefix(tg.Version(), "lex-") || len(tg.Version()) != 16 {
		t.Errorf("version %q", tg.Version())
	}
}

func TestConfig(t *testing.T) {
	if _, err := New(Config{Negation: 0.5}); err == nil {
		t.Error("positive negation accepted")
	}
	weak := mustNewConfig(t, Config{Scale: 1})
	strong := mustNewConfig(t, Config{Scale: 50})
	text := "The war destroyed the city."
	if w, s := weak.Score(text), strong.Score(text); !(s < w && w < 0) {
		t.Errorf("scale 1: %.3f, scale 50: %.3f", w, s)
	}
}

func mustNewConfig(t *testing.T, c Config) *Tagger {
	t.Helper()
	tg, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func TestLexiconErrors(t *testing.T) {
	tests := []struct{ name, text string }{
		{"weight out of range", "[polarity]\nbad\t-2\n"},
		{"two weights", "[polarity]\nbad\t-0.5\nbad\t-0.4\n"},
		{"missing number", "[polarity]\nbad\n"},
		{"bad side", "[up]\nrose\t0.5\t0.1\tsideways\n"},
		{"moves twice", "[up]\nrose\t0.5\t0.1\tbefore\n[down]\nrose\t0.5\t0.1\tbefore\n"},
		{"unknown section", "[colours]\nred\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := parseLexicon(tt.text); err == nil {
				t.Error("no error")
			}
		})
	}
}

// TestSentenceBoundaries: a phrase scores the same whatever sentences surround it, and a
// sentence cut at maxSentence words loses no word.
func TestSentenceBoundaries(t *testing.T) {
	tg := mustNew(t)
	alone := tg.lex.analyze("No one was hurt.", DefaultNegation)
	for _, text := range []string{
		"No one was hurt. Firefighters arrived.",
		"Firefighters arrived. No one was hurt.",
		"\n1,000. No one was hurt.",
		"2024\nNo one was hurt!",
	} {
		got := tg.lex.analyze(text, DefaultNegation)
		if got.total != alone.total || got.hits != alone.hits {
			t.Errorf("%q: sum %v (%d hits), want %v (%d)", text, got.total, got.hits, alone.total, alone.hits)
		}
	}
	long := strings.Repeat("word ", maxSentence) + "no one was hurt"
	if got := tg.lex.analyze(long, DefaultNegation); got.words != maxSentence+4 || got.total != alone.total {
		t.Errorf("cut sentence: %d words, sum %v", got.words, got.total)
	}
}
