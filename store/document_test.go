package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenCases are the articles under testdata/NAME.article.json; each converts to
// testdata/NAME.document.json.
var goldenCases = []string{"enriched", "raw", "copy"}

func readArticle(t *testing.T, name string) *article.Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name+".article.json"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Decode(data)
	if err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	return a
}

func TestFromArticleGolden(t *testing.T) {
	for _, name := range goldenCases {
		t.Run(name, func(t *testing.T) {
			d, err := FromArticle(readArticle(t, name))
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(d, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", name+".document.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./store -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("document differs from %s (run with -update after checking the diff):\n%s", path, got)
			}
		})
	}
}

// TestRoundTrip checks that the exact article comes back from a document that went through
// JSON, as it does through any store.
func TestRoundTrip(t *testing.T) {
	for _, name := range goldenCases {
		t.Run(name, func(t *testing.T) {
			a := readArticle(t, name)
			want, err := article.Encode(a)
			if err != nil {
				t.Fatal(err)
			}
			d, err := FromArticle(a)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(d.Article, []byte(a.Body)) {
				t.Error("the article field repeats the body, which Body already stores")
			}
			wire, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			var back Document
			if err := json.Unmarshal(wire, &back); err != nil {
				t.Fatal(err)
			}
			b, err := ToArticle(back)
			if err != nil {
				t.Fatal(err)
			}
			got, err := article.Encode(b)
			if err != nil {
				t.Fatal(err)
			}
			if !jsonEqual(t, got, want) {
				t.Errorf("round trip changed the article:\n got %s\nwant %s", got, want)
			}
		})
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal(a, &va); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &vb); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(va, vb)
}

func TestFromArticleDerivedFields(t *testing.T) {
	d, err := FromArticle(readArticle(t, "enriched"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"persons", d.Persons, []string{"Emmanuel Macron", "Olaf Scholz", "Miguel Díaz-Canel"}},
		{"organizations", d.Organizations, []string{"European Central Bank"}},
		{"locations", d.Locations, []string{"Paris", "France"}},
		{"misc takes unknown types", d.Misc, []string{"Summit"}},
		{"countries from links and places, upper case, distinct", d.Countries, []string{"FR", "CU"}},
		{"distinct points", len(d.LocationsGeo), 2},
		{"topic codes", d.TopicCodes, []string{"medtop:11000000", "medtop:04000000"}},
		{"distinct keywords", d.Keywords, []string{"summit", "rates"}},
		{"own story id", d.StoryID, d.ID},
		{"date is published_at", d.Date, time.Date(2024, 3, 4, 8, 30, 0, 123e6, time.UTC)},
		{"published_at in UTC ms", d.PublishedAt.Format(time.RFC3339Nano), "2024-03-04T08:30:00.123Z"},
		{"entities keep no mentions", strings.Contains(mustJSON(t, d.Entities), "mentions"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}

	raw, err := FromArticle(readArticle(t, "raw"))
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2024, 5, 1, 12, 0, 0, 987e6, time.UTC); !raw.Date.Equal(want) {
		t.Errorf("raw article date = %v, want fetched_at %v", raw.Date, want)
	}
	cp, err := FromArticle(readArticle(t, "copy"))
	if err != nil {
		t.Fatal(err)
	}
	if cp.StoryID != "3f1c0a9e5b7d4c2a8e6f1b3d5c7a9e0f" {
		t.Errorf("copy story id = %q, want the original's id", cp.StoryID)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFromArticleRejects(t *testing.T) {
	valid := func() *article.Article { return readArticle(t, "raw") }
	nan := math.NaN()
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		modify func(a *article.Article)
		want   string
	}{
		{"empty id", func(a *article.Article) { a.ID = "" }, "id must have"},
		{"id over 512 bytes", func(a *article.Article) { a.ID = strings.Repeat("x", 513) }, "id must have"},
		{"negative revision", func(a *article.Article) { a.Revision = -1 }, "negative revision"},
		{"year 10000", func(a *article.Article) { a.PublishedAt = &far }, "published_at"},
		{"NaN tone", func(a *article.Article) { a.Tone = &nan }, "tone"},
		{"NaN salience", func(a *article.Article) {
			a.Entities = []article.Entity{{Type: "PERSON", Name: "X", Salience: nan}}
		}, "salience"},
		{"infinite latitude", func(a *article.Article) {
			a.Places = []article.Place{{Name: "X", Location: &article.GeoPoint{Lat: math.Inf(1)}}}
		}, "latitude"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := valid()
			tt.modify(a)
			_, err := FromArticle(a)
			if !errors.Is(err, ErrInvalidDocument) {
				t.Fatalf("err = %v, want ErrInvalidDocument", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
	if _, err := FromArticle(nil); !errors.Is(err, ErrInvalidDocument) {
		t.Errorf("nil article: err = %v", err)
	}
}

func TestFromArticleLeavesInputAlone(t *testing.T) {
	a := readArticle(t, "enriched")
	before, _ := article.Encode(a)
	if _, err := FromArticle(a); err != nil {
		t.Fatal(err)
	}
	after, _ := article.Encode(a)
	if !bytes.Equal(before, after) {
		t.Error("FromArticle modified its input")
	}
}

func TestToArticleRejects(t *testing.T) {
	d, err := FromArticle(readArticle(t, "raw"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		modify func(d *Document)
	}{
		{"no article field", func(d *Document) { d.Article = nil }},
		{"article of another id", func(d *Document) { d.ID = "other" }},
		{"article field not JSON", func(d *Document) { d.Article = json.RawMessage(`{"id":`) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := d
			tt.modify(&c)
			if _, err := ToArticle(c); !errors.Is(err, ErrInvalidDocument) {
				t.Errorf("err = %v, want ErrInvalidDocument", err)
			}
		})
	}
}
