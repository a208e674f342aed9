package keywords

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
)

func TestKeywords(t *testing.T) {
	tg := mustNew(t)
	tests := []struct {
		name        string
		title, body string
		want        []string // must be among the phrases, in this order
		not         []string // must not be
	}{
		{
			name:  "frequent rare phrase first, subsets skipped",
			title: "Container traffic halted",
			body:  "The strike halted container traffic at the port. Container traffic resumed on Friday after the strike ended.",
			want:  []string{"container traffic"},
			not:   []string{"container", "traffic", "friday", "the"},
		},
		{
			name: "verbs and numbers end phrases",
			body: "Farmers drove 300 tractors into the capital. The tractors blocked roads.",
			want: []string{"tractors"},
			not:  []string{"farmers drove", "300 tractors", "drove"},
		},
		{
			name: "proper name keeps its case",
			body: "Shares of Northwind Foods rose. Analysts said Northwind Foods had a strong quarter.",
			want: []string{"Northwind Foods"},
		},
		{
			name: "possessive ends the phrase",
			body: "The club's ambition is clear. The club's ambition was praised.",
			want: []string{"ambition"},
			not:  []string{"club ambition", "club's ambition"},
		},
		{
			name: "plural and singular are one phrase, contractions are no phrase",
			body: "Profits rose. The profit wasn't enough. Profits fell, and they're worried.",
			want: []string{"profits"},
			not:  []string{"profit", "wasn't", "they're"},
		},
		{
			name: "a capitalised word keeps its case inside a lower-case phrase",
			body: "Developers plan Vegas style resorts. The Vegas style resorts need land.",
			want: []string{"Vegas style resorts"},
		},
		{
			name: "amounts with digits are no words, short codes are",
			body: "The 5G network cost 1.5m dollars. The 5G network opened in the 1990s with a 30-man team.",
			want: []string{"5g network"},
			not:  []string{"1.5m", "1990s", "30-man", "30-man team"},
		},
		{
			name: "no phrase repeats a word",
			body: "Crisis crisis crisis. The crisis, crisis upon crisis.",
			want: []string{"crisis"},
			not:  []string{"crisis crisis", "crisis crisis crisis"},
		},
		{
			name: "empty",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tg.Keywords(tt.title, tt.body)
			last := -1
			for _, w := range tt.want {
				i := slices.Index(got, w)
				if i < 0 || i < last {
					t.Fatalf("got %q, want %q in order", got, tt.want)
				}
				last = i
			}
			for _, w := range tt.not {
				if slices.Contains(got, w) {
					t.Errorf("got %q, contains %q", got, w)
				}
			}
			if len(got) > DefaultMax {
				t.Errorf("%d phrases", len(got))
			}
		})
	}
}

func TestEntities(t *testing.T) {
	tg := mustNew(t)
	a := &article.Article{
		Body: "The minister met farmers in the valley. Farmers want lower fuel taxes. " +
			"Jan Kowalski, the minister, promised talks.",
		Enrichment: article.Enrichment{
			Entities: []article.Entity{{Type: article.TypePerson, Name: "Jan Kowalski", Count: 1}},
		},
	}
	if err := tg.Tag(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(a.Keywords, "Jan Kowalski") {
		t.Errorf("keywords %q lack the entity", a.Keywords)
	}
	without := tg.Keywords("", a.Body)
	if slices.Index(a.Keywords, "Jan Kowalski") > slices.IndexFunc(without, func(s string) bool { return strings.Contains(strings.ToLower(s), "kowalski") }) {
		t.Errorf("the entity did not move up: with %q, without %q", a.Keywords, without)
	}
}

func TestTag(t *testing.T) {
	tg := mustNew(t)
	tests := []struct {
		name string
		a    article.Article
		none bool
	}{
		{"english", article.Article{Body: "Wildfire smoke covered the valley. The wildfire spread.", Language: "en"}, false},
		{"unknown language", article.Article{Body: "Wildfire smoke covered the valley."}, false},
		{"other language", article.Article{Body: "Le feu de forêt a gagné la vallée.", Language: "fr"}, true},
		{"empty", article.Article{}, true},
		{"no letters", article.Article{Body: "12 34 ... !!!"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a
			a.Keywords = []string{"stale"}
			if err := tg.Tag(context.Background(), &a); err != nil {
				t.Fatal(err)
			}
			if tt.none != (len(a.Keywords) == 0) {
				t.Errorf("keywords %q", a.Keywords)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := tg.Tag(ctx, &article.Article{Body: "x"}); err == nil {
		t.Error("no error from a cancelled context")
	}
}

func TestConfig(t *testing.T) {
	tg, err := New(Config{Max: 2})
	if err != nil {
		t.Fatal(err)
	}
	got := tg.Keywords("", "Rivers, lakes, forests, mountains and glaciers of the region.")
	if len(got) != 2 {
		t.Errorf("max 2: %q", got)
	}
	if tg.Name() != "keywords" || !slices.Equal(tg.Languages(), []string{"en"}) || !strings.HasPrefix(tg.Version(), "vocab-") {
		t.Errorf("identity %q %v %q", tg.Name(), tg.Languages(), tg.Version())
	}
}

func TestVocabErrors(t *testing.T) {
	tests := []struct{ name, text string }{
		{"not gzip", ""},
		{"no count", "word\t3\tN\n"},
		{"bad line", "docs\t10\nword\t3\n"},
		{"bad class", "docs\t10\nword\t3\tNN\n"},
		{"bad df", "docs\t10\nword\tx\tN\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gz := tt.text
			if tt.name != "not gzip" {
				gz = gzipString(t, tt.text)
			}
			if _, err := loadVocab([]byte(gz)); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestEntityReplacesOverlappingPhrase(t *testing.T) {
	tg := mustNew(t)
	a := &article.Article{
		Body: "The jumper Christian Olsson won again in Madrid. The jumper Christian Olsson was tired.",
		Enrichment: article.Enrichment{Entities: []article.Entity{
			{Type: article.TypePerson, Name: "Christian Olsson", Count: 2},
		}},
	}
	if err := tg.Tag(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(a.Keywords, "Christian Olsson") || slices.ContainsFunc(a.Keywords, func(k string) bool {
		return k != "Christian Olsson" && strings.Contains(k, "Olsson")
	}) {
		t.Errorf("keywords %q: want the entity's name once, not a longer phrase holding it", a.Keywords)
	}
}

func TestEntityQualifyingAPhrase(t *testing.T) {
	tg := mustNew(t)
	a := &article.Article{
		Body: "Plans for ID cards were attacked. ID cards would cost billions, critics said of the ID cards.",
		Enrichment: article.Enrichment{Entities: []article.Entity{
			{Type: article.TypeOrganization, Name: "ID", Count: 3},
		}},
	}
	if err := tg.Tag(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(a.Keywords, "ID cards") {
		t.Errorf("keywords %q: want the phrase the name qualifies", a.Keywords)
	}
}

// TestPhraseCuttingAnEntityIsDropped: a text phrase that holds part of an entity's mention
// ("President Nicolás" of "President Nicolás Maduro") is not reported beside the entity.
func TestPhraseCuttingAnEntityIsDropped(t *testing.T) {
	body := "Venezuela agreed to sell crude to China, President Nicolás Maduro said. Maduro told reporters in Caracas that exports would rise."
	mention := func(s string) article.Mention {
		i := strings.Index(body, s)
		return article.Mention{Start: i, End: i + len(s), Text: s}
	}
	a := &article.Article{Body: body, Language: "en", Enrichment: article.Enrichment{Entities: []article.Entity{
		{Type: article.TypePerson, Name: "Nicolás Maduro", Count: 2, Mentions: []article.Mention{mention("Nicolás Maduro"), mention("Maduro told")}},
	}}}
	a.Entities[0].Mentions[1].End -= len(" told")
	a.Entities[0].Mentions[1].Text = "Maduro"
	if err := mustNew(t).Tag(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(a.Keywords, "Nicolás Maduro") {
		t.Errorf("keywords %q lack the entity", a.Keywords)
	}
	for _, k := range a.Keywords {
		if k != "Nicolás Maduro" && strings.Contains(k, "Nicolás") {
			t.Errorf("keywords %q hold a phrase cutting the entity's mention: %q", a.Keywords, k)
		}
	}
}
