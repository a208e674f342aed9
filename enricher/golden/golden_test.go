package golden_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsflow/newsflow/enricher/geo"
	"github.com/newsflow/newsflow/enricher/ner"
	"github.com/newsflow/newsflow/internal/article"
)

// allowedMisses are the expected entities the default taggers may fail to reproduce exactly
// (type, canonical name and every mention), keyed "file TYPE name", each with its reason.
// A key that stops being a miss is logged (the places and entity taggers change apart from
// this list); a key that names no golden entity fails the test.
var allowedMisses = map[string]string{
	"05-madrid-derby.json ORGANIZATION Real Madrid":                  "the entity tagger does not tag \"Real\" in \"Real coach Carlo Ancelotti\"",
	"06-obesity-drug.json ORGANIZATION Novo Nordisk":                 "the entity tagger types the unseen company name \"Novo Nordisk\" as a person",
	"09-mercosur-summit.json ORGANIZATION Mercosur":                  "the entity tagger does not tag \"Mercosur\"",
	"10-rome-final.json ORGANIZATION Italian Tennis Federation":      "the entity tagger tags \"Tennis Federation\" as a person and \"Italian\" as MISC",
	"11-cholera-sudan.json ORGANIZATION World Health Organization":   "the entity tagger types \"World Health Organization\" MISC and does not tag \"WHO\"",
	"13-anfield-win.json LOCATION Anfield":                           "the entity tagger does not tag the stadium \"Anfield\"",
	"15-malaria-vaccine.json ORGANIZATION World Health Organization": "the entity tagger types \"World Health Organization\" MISC and does not tag \"WHO\"",
	// Articles 17-22 were written blind (session 3) and committed before their first run:
	// 78 of their 92 entities matched exactly then; these are that run's misses.
	"17-nigeria-refinery.json ORGANIZATION FBNQuest":                     "the entity tagger types the unseen company \"FBNQuest\" LOCATION",
	"18-sea-border-talks.json PERSON Sugiono":                            "the entity tagger tags \"Sugiono of Indonesia\" as one organisation",
	"18-sea-border-talks.json LOCATION Indonesia":                        "its mention inside \"Sugiono of Indonesia\" is lost with it",
	"18-sea-border-talks.json ORGANIZATION Petronas":                     "the entity tagger types the unseen company \"Petronas\" LOCATION",
	"18-sea-border-talks.json ORGANIZATION Pertamina":                    "the entity tagger types the unseen company \"Pertamina\" LOCATION",
	"19-libertadores-final.json LOCATION Estadio Centenario":             "the entity tagger tags \"Estadio Centenario in Montevideo\" as one organisation",
	"19-libertadores-final.json LOCATION Montevideo":                     "its mention inside \"Estadio Centenario in Montevideo\" is lost with it",
	"20-flood-rice.json LOCATION Bangladesh":                             "the entity tagger tags \"Bangladesh\" of \"Bangladesh Rice Research Institute\" as a location of its own",
	"20-flood-rice.json ORGANIZATION Bangladesh Rice Research Institute": "the entity tagger cuts it into \"Bangladesh\" (LOCATION) and \"Research Institute\", losing \"Rice\"",
	"21-peru-earthquake.json LOCATION Arequipa":                          "the entity tagger types the city ORGANIZATION (the places tagger resolves it; the type is the tagger's)",
	"22-dakar-biennale.json ORGANIZATION Tate Modern":                    "the entity tagger types the gallery PERSON",
}

// allowedExtras are entities the taggers may report that no golden entity matches, keyed
// "file TYPE name" with the reason. Stale keys are logged as above.
var allowedExtras = map[string]string{
	"05-madrid-derby.json ORGANIZATION Real Madrid":                            "the same entity without its missed mention \"Real\"",
	"06-obesity-drug.json PERSON Novo Nordisk":                                 "the company, typed as a person",
	"10-rome-final.json PERSON Tennis Federation":                              "part of \"Italian Tennis Federation\", typed as a person",
	"17-nigeria-refinery.json LOCATION FBNQuest":                               "the company, typed as a location",
	"18-sea-border-talks.json ORGANIZATION Sugiono of Indonesia":               "a person and a country run together",
	"18-sea-border-talks.json LOCATION Petronas":                               "the company, typed as a location",
	"18-sea-border-talks.json LOCATION Pertamina":                              "the company, typed as a location",
	"19-libertadores-final.json ORGANIZATION Estadio Centenario in Montevideo": "a stadium and its city run together",
	"20-flood-rice.json LOCATION Bangladesh":                                   "the country with the institute's first word as a second mention",
	"20-flood-rice.json ORGANIZATION Research Institute":                       "the rest of \"Bangladesh Rice Research Institute\"",
	"21-peru-earthquake.json ORGANIZATION Arequipa":                            "the city, typed as an organisation",
	"22-dakar-biennale.json ORGANIZATION Dakar Biennale":                       "an event, which the golden article leaves out (MISC-like)",
	"22-dakar-biennale.json ORGANIZATION The Sea Remembers":                    "the title of a work, typed as an organisation",
	"22-dakar-biennale.json PERSON Tate Modern":                                "the gallery, typed as a person",
}

// goldenFile is one article of testdata, as written by hand.
type goldenFile struct {
	Title    string         `json:"title"`
	Body     string         `json:"body"`
	Entities []goldenEntity `json:"entities"`
}

type goldenEntity struct {
	Type     string   `json:"type"`
	Name     string   `json:"name"`
	Link     string   `json:"link"`
	Mentions []string `json:"mentions"`
}

// wantEntity is a golden entity with its mentions turned into byte offsets.
type wantEntity struct {
	Type, Name, Link string
	Mentions         []article.Mention
}

func (w wantEntity) key(file string) string { return file + " " + w.Type + " " + w.Name }

// isWordRune reports whether r continues a word for the whole-word search.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// wholeWordIndex returns the first occurrence of s in body at or after from that is not
// inside a longer word, or -1.
func wholeWordIndex(body, s string, from int) int {
	for from <= len(body) {
		i := strings.Index(body[from:], s)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(body[:i])
		after, _ := utf8.DecodeRuneInString(body[i+len(s):])
		if !isWordRune(before) && !isWordRune(after) {
			return i
		}
		from = i + 1
	}
	return -1
}

// resolveMentions turns mention strings into offsets: each is the next whole-word occurrence
// after the previous one; "text#n" is the n-th whole-word occurrence in the body.
func resolveMentions(body string, specs []string) ([]article.Mention, error) {
	var out []article.Mention
	next := 0
	for _, spec := range specs {
		text, nth := spec, 0
		if h := strings.LastIndexByte(spec, '#'); h > 0 {
			if n, err := strconv.Atoi(spec[h+1:]); err == nil && n > 0 {
				text, nth = spec[:h], n
			}
		}
		i := -1
		if nth > 0 {
			for k, from := 0, 0; k < nth; k++ {
				if i = wholeWordIndex(body, text, from); i < 0 {
					break
				}
				from = i + 1
			}
		} else {
			i = wholeWordIndex(body, text, next)
		}
		if i < 0 {
			return nil, fmt.Errorf("mention %q not found", spec)
		}
		out = append(out, article.Mention{Start: i, End: i + len(text), Text: text})
		next = i + len(text)
	}
	return out, nil
}

func TestResolveMentions(t *testing.T) {
	body := "Putin met Vladimir Putin's aide; Putinism aside, Mr Putin left."
	tests := []struct {
		name  string
		specs []string
		want  []int // start offsets
		err   bool
	}{
		{"sequential", []string{"Vladimir Putin", "Putin"}, []int{10, 52}, false},
		{"first", []string{"Putin"}, []int{0}, false},
		{"nth", []string{"Putin#2"}, []int{19}, false},
		{"not inside a word", []string{"Putin#3"}, []int{52}, false},
		{"missing", []string{"Putin#4"}, nil, true},
		{"absent", []string{"Medvedev"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := resolveMentions(body, tt.specs)
			if (err != nil) != tt.err {
				t.Fatalf("err = %v, want error %v", err, tt.err)
			}
			var starts []int
			for _, m := range got {
				if body[m.Start:m.End] != m.Text {
					t.Errorf("mention %+v does not match the body", m)
				}
				starts = append(starts, m.Start)
			}
			if !slices.Equal(starts, tt.want) {
				t.Errorf("starts = %v, want %v", starts, tt.want)
			}
		})
	}
}

// loadGolden reads one testdata file and resolves its mentions, rejecting overlaps.
func loadGolden(path string) (goldenFile, []wantEntity, error) {
	var g goldenFile
	b, err := os.ReadFile(path)
	if err != nil {
		return g, nil, err
	}
	if err := json.Unmarshal(b, &g); err != nil {
		return g, nil, fmt.Errorf("%s: %w", path, err)
	}
	var want []wantEntity
	var all []article.Mention
	for _, e := range g.Entities {
		switch e.Type {
		case article.TypePerson, article.TypeOrganization, article.TypeLocation:
		default:
			return g, nil, fmt.Errorf("%s: entity %q has type %q", path, e.Name, e.Type)
		}
		ms, err := resolveMentions(g.Body, e.Mentions)
		if err != nil {
			return g, nil, fmt.Errorf("%s: entity %q: %w", path, e.Name, err)
		}
		all = append(all, ms...)
		want = append(want, wantEntity{Type: e.Type, Name: e.Name, Link: e.Link, Mentions: ms})
	}
	slices.SortFunc(all, func(a, b article.Mention) int { return a.Start - b.Start })
	for i := 1; i < len(all); i++ {
		if all[i].Start < all[i-1].End {
			return g, nil, fmt.Errorf("%s: mentions %q and %q overlap", path, all[i-1].Text, all[i].Text)
		}
	}
	return g, want, nil
}

// sameMentions reports whether got has exactly the offsets of want.
func sameMentions(want, got []article.Mention) bool {
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if want[i].Start != got[i].Start || want[i].End != got[i].End {
			return false
		}
	}
	return true
}

func matches(w wantEntity, e article.Entity) bool {
	return w.Type == e.Type && w.Name == e.Name && (w.Link == "" || w.Link == e.Link) &&
		sameMentions(w.Mentions, e.Mentions)
}

// score counts one article's results.
type score struct {
	entities, matched, extras          int
	mentions, mentionHits, gotMentions int
}

func (s *score) add(o score) {
	s.entities += o.entities
	s.matched += o.matched
	s.extras += o.extras
	s.mentions += o.mentions
	s.mentionHits += o.mentionHits
	s.gotMentions += o.gotMentions
}

func describe(e article.Entity) string {
	var ms []string
	for _, m := range e.Mentions {
		ms = append(ms, fmt.Sprintf("%q@%d", m.Text, m.Start))
	}
	return fmt.Sprintf("%s %q link=%q [%s]", e.Type, e.Name, e.Link, strings.Join(ms, " "))
}

func TestGolden(t *testing.T) {
	places, err := geo.New()
	if err != nil {
		t.Fatal(err)
	}
	entities, err := ner.Default()
	if errors.Is(err, ner.ErrNoModel) {
		t.Skip("skipping: this build embeds no entity model")
	}
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil || len(paths) < 8 {
		t.Fatalf("golden files: %v, %v", paths, err)
	}
	known, usedExtra := map[string]bool{}, map[string]bool{}
	var total score
	for _, path := range paths {
		file := filepath.Base(path)
		t.Run(strings.TrimSuffix(file, ".json"), func(t *testing.T) {
			g, want, err := loadGolden(path)
			if err != nil {
				t.Fatal(err)
			}
			a := &article.Article{Title: g.Title, Body: g.Body}
			ctx := context.Background()
			if err := places.Tag(ctx, a); err != nil {
				t.Fatal(err)
			}
			if err := entities.Tag(ctx, a); err != nil {
				t.Fatal(err)
			}
			var got []article.Entity
			gotSpans := map[[2]int]string{}
			for _, e := range a.Entities {
				if e.Count != len(e.Mentions) {
					t.Errorf("%s: count %d, %d mentions", describe(e), e.Count, len(e.Mentions))
				}
				for _, m := range e.Mentions {
					if m.Start < 0 || m.End > len(g.Body) || m.Start >= m.End || g.Body[m.Start:m.End] != m.Text {
						t.Errorf("%s: mention %+v does not match the body", describe(e), m)
					}
				}
				if e.Type == article.TypeMisc {
					continue
				}
				got = append(got, e)
				for _, m := range e.Mentions {
					gotSpans[[2]int{m.Start, m.End}] = e.Type
				}
			}
			var s score
			s.entities = len(want)
			s.gotMentions = len(gotSpans)
			matched := make([]bool, len(got))
			for _, w := range want {
				known[w.key(file)] = true
				s.mentions += len(w.Mentions)
				for _, m := range w.Mentions {
					if gotSpans[[2]int{m.Start, m.End}] == w.Type {
						s.mentionHits++
					}
				}
				i := slices.IndexFunc(got, func(e article.Entity) bool { return matches(w, e) })
				if i >= 0 {
					matched[i] = true
					s.matched++
					if _, ok := allowedMisses[w.key(file)]; ok {
						// Another tagger (places, entities) improved: not a failure of this
						// change, but the list should shrink.
						t.Logf("allowed miss %q now matches: remove it from allowedMisses", w.key(file))
					}
					continue
				}
				if _, ok := allowedMisses[w.key(file)]; ok {
					continue
				}
				var near []string
				for _, e := range got {
					for _, m := range e.Mentions {
						if slices.ContainsFunc(w.Mentions, func(x article.Mention) bool { return x.Start < m.End && m.Start < x.End }) {
							near = append(near, describe(e))
							break
						}
					}
				}
				t.Errorf("missed %s %q link=%q %v; overlapping output: %v", w.Type, w.Name, w.Link, w.Mentions, near)
			}
			for i, e := range got {
				if matched[i] {
					continue
				}
				s.extras++
				k := file + " " + e.Type + " " + e.Name
				if _, ok := allowedExtras[k]; ok {
					usedExtra[k] = true
					continue
				}
				t.Errorf("extra entity %s", describe(e))
			}
			t.Logf("%d/%d entities matched, %d extra; mentions with type %d/%d (output %d)",
				s.matched, s.entities, s.extras, s.mentionHits, s.mentions, s.gotMentions)
			total.add(s)
		})
	}
	for k := range allowedMisses {
		if !known[k] {
			t.Errorf("allowed miss %q names no golden entity", k)
		}
	}
	for k := range allowedExtras {
		if !usedExtra[k] {
			t.Logf("allowed extra %q was not reported: remove it from allowedExtras", k)
		}
	}
	t.Logf("golden: %d/%d entities matched exactly, %d extra entities; mentions with the right type %d/%d (recall %.3f, precision %.3f)",
		total.matched, total.entities, total.extras, total.mentionHits, total.mentions,
		float64(total.mentionHits)/float64(total.mentions), float64(total.mentionHits)/float64(total.gotMentions))
}
