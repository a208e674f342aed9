package sample

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"

	"github.com/newsflow/newsflow/enricher/geo"
	"github.com/newsflow/newsflow/internal/article"
)

const host = "https://sample.newsflow.example"

// goodArticles returns the corpus lines that pass the producer's checks, in file order.
func goodArticles(t *testing.T) []line {
	t.Helper()
	var out []line
	for _, l := range parse(articles) {
		if l.err == nil {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		t.Fatal("the corpus has no good lines")
	}
	return out
}

// byURL finds the one good line whose raw URL is url.
func byURL(t *testing.T, good []line, url string) *article.Article {
	t.Helper()
	var found *article.Article
	for _, l := range good {
		if l.a.URL == url {
			if found != nil {
				t.Fatalf("two good lines have the URL %s", url)
			}
			found = l.a
		}
	}
	if found == nil {
		t.Fatalf("no good line has the URL %s", url)
	}
	return found
}

func TestSize(t *testing.T) {
	e := Expect()
	if e.Lines < 60 {
		t.Errorf("Lines = %d, want at least 60", e.Lines)
	}
	if e.Stored < 50 {
		t.Errorf("Stored = %d distinct good articles, want at least 50", e.Stored)
	}
	if e.Good+e.DeadLettered() != e.Lines {
		t.Errorf("Good %d + DeadLettered %d != Lines %d", e.Good, e.DeadLettered(), e.Lines)
	}
	if len(e.IDs) != e.Stored {
		t.Errorf("len(IDs) = %d, Stored = %d", len(e.IDs), e.Stored)
	}
	// Three URL variants collapse into their originals; a correction adds a revision.
	if e.Good-e.Stored != 4 || e.Produced-e.Stored != 1 {
		t.Errorf("Good %d, Produced %d, Stored %d: want 3 URL variants and 1 correction", e.Good, e.Produced, e.Stored)
	}
}

func TestBadLines(t *testing.T) {
	e := Expect()
	seen := make(map[article.Reason]int)
	for _, b := range e.Bad {
		seen[b.Reason]++
		if b.Reason == "" || b.Err == "" {
			t.Errorf("line %d: reason %q, error %q: want both", b.Line, b.Reason, b.Err)
		}
	}
	for _, r := range []article.Reason{
		article.ReasonInvalidJSON, article.ReasonEmptyBody, article.ReasonInvalidDate,
		article.ReasonUnsupportedSchema, article.ReasonInvalidUTF8, article.ReasonInvalidField,
	} {
		t.Run(string(r), func(t *testing.T) {
			if seen[r] != 1 {
				t.Errorf("%d bad lines with reason %s, want exactly 1", seen[r], r)
			}
		})
	}
	if len(seen) != len(e.Bad) {
		t.Errorf("bad lines %v: want one per reason", e.Reasons())
	}
	t.Run("raw invalid bytes survive go:embed", func(t *testing.T) {
		if utf8.Valid(Articles()) {
			t.Error("the embedded corpus is valid UTF-8; the invalid_utf8 line lost its bytes")
		}
	})
	t.Run("unsupported schema says 2.0", func(t *testing.T) {
		for _, l := range parse(articles) {
			if article.ReasonOf(l.err) == article.ReasonUnsupportedSchema && !bytes.Contains(l.raw, []byte(`"schema_version": "2.0"`)) {
				t.Errorf("line %d is rejected for its schema but does not declare 2.0", l.n)
			}
		}
	})
}

func TestWordCounts(t *testing.T) {
	for _, l := range goodArticles(t) {
		if n := len(strings.Fields(l.a.Body)); n < 120 || n > 400 {
			t.Errorf("line %d (%s): %d words, want 120 to 400", l.n, l.a.URL, n)
		}
	}
}

func TestFields(t *testing.T) {
	sources := make(map[string]bool)
	for _, l := range goodArticles(t) {
		a := l.a
		if a.Title == "" || a.Source == "" || a.PublishedAt == nil {
			t.Errorf("line %d: title %q, source %q, published_at %v: want all three", l.n, a.Title, a.Source, a.PublishedAt)
		}
		if !strings.HasPrefix(strings.ToLower(a.URL), host+"/") {
			t.Errorf("line %d: URL %s is not under %s", l.n, a.URL, host)
		}
		if a.PublishedAt != nil && (a.PublishedAt.Year() != 2025 || a.PublishedAt.Month() != 3) {
			t.Errorf("line %d: published %v, want March 2025", l.n, a.PublishedAt)
		}
		if strings.Contains(a.Body, "\n\n\n") || strings.TrimSpace(a.Body) != a.Body {
			t.Errorf("line %d: paragraphs must be separated by one blank line, with no padding", l.n)
		}
		sources[a.Source] = true
	}
	if len(sources) < 4 {
		t.Errorf("%d sources, want at least 4", len(sources))
	}
}

// continents names a few countries of each inhabited continent that the corpus writes about.
var continents = map[string][]string{
	"Africa":        {"KE", "NG", "GH", "EG", "ET", "MZ", "SN", "ZA", "MA", "RW"},
	"Asia":          {"JP", "IN", "VN", "KR", "PK", "BD", "PH", "TH", "ID", "TR"},
	"Europe":        {"DE", "FR", "PL", "SE", "NO", "NL", "IT", "GR", "PT", "EE", "GB", "FI"},
	"North America": {"CA", "MX", "US"},
	"South America": {"BR", "AR", "CL", "PE", "CO", "UY"},
	"Oceania":       {"AU", "NZ", "FJ"},
}

func TestPlaces(t *testing.T) {
	tagger, err := geo.New()
	if err != nil {
		t.Fatal(err)
	}
	countries := make(map[string]int) // country code -> articles mentioning it
	for _, l := range goodArticles(t) {
		seen := make(map[string]bool)
		for _, p := range tagger.Places(l.a.Body) {
			if p.CountryCode != "" && !seen[p.CountryCode] {
				seen[p.CountryCode] = true
				countries[p.CountryCode]++
			}
		}
	}
	if len(countries) < 15 {
		t.Errorf("the place tagger finds %d countries, want at least 15: %v", len(countries), countries)
	}
	for name, codes := range continents {
		t.Run(name, func(t *testing.T) {
			for _, c := range codes {
				if countries[c] > 0 {
					return
				}
			}
			t.Errorf("no article mentions a place in %v", codes)
		})
	}
}

func TestLanguages(t *testing.T) {
	other := make(map[string]int)
	for _, l := range goodArticles(t) {
		got := whatlanggo.DetectLang(l.a.Body).Iso6391()
		if l.a.Language != "" && l.a.Language != got {
			t.Errorf("line %d: declared %q, the text reads as %q", l.n, l.a.Language, got)
		}
		if got != "en" {
			other[got]++
		}
	}
	if other["fr"] == 0 || other["es"] == 0 {
		t.Errorf("non-English articles %v: want French and Spanish", other)
	}
}

// shingles returns the set of word 3-grams of s, case and punctuation folded.
func shingles(s string) map[string]bool {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	set := make(map[string]bool, len(words))
	for i := 0; i+3 <= len(words); i++ {
		set[strings.Join(words[i:i+3], " ")] = true
	}
	return set
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for k := range a {
		if b[k] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

func TestJaccard(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want float64
	}{
		{"same", "one two three four", "One, two; three four!", 1},
		{"disjoint", "one two three", "four five six", 0},
		{"half", "a b c d", "a b c x", 1.0 / 3},
		{"too short", "a b", "a b", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jaccard(shingles(tt.a), shingles(tt.b)); got != tt.want {
				t.Errorf("jaccard = %v, want %v", got, tt.want)
			}
		})
	}
}

// nearCopies are the syndicated copies in the corpus: copy URL -> original URL.
var nearCopies = map[string]string{
	"/business/2025/03/03/kenya-rate-unchanged-inflation-eases": "/economy/2025/03/03/kenya-central-bank-holds-rate",
	"/science/2025/03/05/atacama-survey-telescope-first-images": "/science/2025/03/05/chile-telescope-first-light",
	"/world/2025/03/26/cyclone-landfall-beira-mozambique":       "/disasters/2025/03/26/mozambique-cyclone-beira",
	"/business/2025/03/04/german-rail-wage-talks-resume":        "/labour/2025/03/04/germany-rail-strike-talks",
	"/health/2025/03/03/nigeria-extends-malaria-vaccination":    "/health/2025/03/03/nigeria-malaria-vaccine-rollout",
	"/sport/2025/03/09/fiji-sevens-title-sydney":                "/sport/2025/03/08/rugby-fiji-beats-new-zealand-sevens",
	"/education/2025/03/07/boat-classrooms-bangladesh-monsoon":  "/education/2025/03/06/bangladesh-floating-schools",
}

func TestNearCopies(t *testing.T) {
	good := goodArticles(t)
	for cp, orig := range nearCopies {
		t.Run(cp, func(t *testing.T) {
			c, o := byURL(t, good, host+cp), byURL(t, good, host+orig)
			if c.ID == o.ID {
				t.Error("the copy has its original's id")
			}
			if c.Source == o.Source {
				t.Errorf("the copy has its original's source %q", c.Source)
			}
			if c.Body == o.Body {
				t.Error("the copy's body is not edited")
			}
			if !c.PublishedAt.After(*o.PublishedAt) {
				t.Errorf("the copy is published %v, not after its original %v", c.PublishedAt, o.PublishedAt)
			}
			if j := jaccard(shingles(c.Body), shingles(o.Body)); j < 0.5 {
				t.Errorf("Jaccard = %.2f, want >= 0.5", j)
			}
		})
	}
	t.Run("no other pair is near", func(t *testing.T) {
		pair := make(map[[2]string]bool)
		for cp, orig := range nearCopies {
			pair[[2]string{host + cp, host + orig}] = true
			pair[[2]string{host + orig, host + cp}] = true
		}
		type doc struct {
			a   *article.Article
			set map[string]bool
		}
		byID := make(map[string]doc)
		for _, l := range good {
			byID[l.a.ID] = doc{l.a, shingles(l.a.Body)} // the last revision of each id
		}
		docs := make([]doc, 0, len(byID))
		for _, d := range byID {
			docs = append(docs, d)
		}
		for i := range docs {
			for j := i + 1; j < len(docs); j++ {
				x, y := docs[i], docs[j]
				if jc := jaccard(x.set, y.set); jc >= 0.2 && !pair[[2]string{x.a.URL, y.a.URL}] {
					t.Errorf("%s and %s are near (Jaccard %.2f) but not listed as copies", x.a.URL, y.a.URL, jc)
				}
			}
		}
	})
}

// urlVariants are exact re-publications: variant URL -> original URL.
var urlVariants = map[string]string{
	host + "/culture/2025/03/19/korea-seoul-traditional-music-revival?utm_source=newsletter&utm_medium=email&utm_campaign=weekend": host + "/culture/2025/03/19/korea-seoul-traditional-music-revival",
	"HTTPS://SAMPLE.NewsFlow.EXAMPLE/weather/2025/03/21/pakistan-early-monsoon-forecast":                                           host + "/weather/2025/03/21/pakistan-early-monsoon-forecast",
	host + "/environment/2025/03/12/netherlands-river-room-project#comments":                                                       host + "/environment/2025/03/12/netherlands-river-room-project",
}

func TestURLVariants(t *testing.T) {
	good := goodArticles(t)
	for variant, orig := range urlVariants {
		t.Run(variant, func(t *testing.T) {
			v, o := byURL(t, good, variant), byURL(t, good, orig)
			if v.ID != o.ID || v.Revision != o.Revision {
				t.Errorf("variant id %s revision %d, original id %s revision %d: want the same", v.ID, v.Revision, o.ID, o.Revision)
			}
			if v.Body != o.Body || v.Title != o.Title || v.Source != o.Source {
				t.Error("the variant is not an exact re-publication")
			}
		})
	}
}

func TestCorrection(t *testing.T) {
	versions := make(map[string][]*article.Article)
	for _, l := range goodArticles(t) {
		versions[l.a.ID] = append(versions[l.a.ID], l.a)
	}
	var corrected []string
	for id, vs := range versions {
		revs := make(map[int64]*article.Article)
		for _, a := range vs {
			revs[a.Revision] = a
		}
		if len(revs) < 2 {
			continue
		}
		corrected = append(corrected, id)
		first, last := vs[0], vs[len(vs)-1]
		if last.Revision <= first.Revision || last.ModifiedAt == nil {
			t.Errorf("%s: the later line has revision %d (modified %v), the earlier %d", first.URL, last.Revision, last.ModifiedAt, first.Revision)
		}
		if last.URL != first.URL || last.Body == first.Body {
			t.Errorf("%s: a correction keeps the URL and changes the body", first.URL)
		}
	}
	if len(corrected) != 1 {
		t.Errorf("%d corrected articles, want 1", len(corrected))
	}
}

func TestCompute(t *testing.T) {
	good := `{"url": "https://x.example/a", "body": "text", "published_at": "2025-03-01T00:00:00Z"}`
	tests := []struct {
		name                        string
		in                          string
		lines, ok, produced, stored int
		bad                         []article.Reason
	}{
		{"empty", "", 0, 0, 0, 0, nil},
		{"blank lines and CRLF", "\r\n" + good + "\r\n\n  \n", 1, 1, 1, 1, nil},
		{"URL variants collapse", good + "\n" + strings.Replace(good, "/a", "/a?utm_source=x#top", 1) + "\n" +
			strings.Replace(good, "https://x.example", "HTTPS://X.EXAMPLE", 1), 3, 3, 1, 1, nil},
		{"a correction is produced and stored once", good + "\n" +
			strings.Replace(good, `"body": "text"`, `"body": "new text", "modified_at": "2025-03-02T00:00:00Z"`, 1), 2, 2, 2, 1, nil},
		{"bad lines", good + "\n{\n" + `{"body": " "}` + "\n" + `{"body": "x", "schema_version": "2.0"}`, 4, 1, 1, 1,
			[]article.Reason{article.ReasonInvalidJSON, article.ReasonEmptyBody, article.ReasonUnsupportedSchema}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := compute([]byte(tt.in))
			if e.Lines != tt.lines || e.Good != tt.ok || e.Produced != tt.produced || e.Stored != tt.stored {
				t.Errorf("lines %d good %d produced %d stored %d, want %d %d %d %d",
					e.Lines, e.Good, e.Produced, e.Stored, tt.lines, tt.ok, tt.produced, tt.stored)
			}
			if len(e.Bad) != len(tt.bad) {
				t.Fatalf("bad %v, want reasons %v", e.Bad, tt.bad)
			}
			for i, b := range e.Bad {
				if b.Reason != tt.bad[i] {
					t.Errorf("bad[%d] = %v, want reason %s", i, b, tt.bad[i])
				}
			}
		})
	}
}

func TestCopies(t *testing.T) {
	a := Articles()
	a[0] = 'X'
	if Articles()[0] != '{' {
		t.Error("Articles shares its bytes with the caller")
	}
	e := Expect()
	e.IDs[0], e.Bad[0].Line = "changed", -1
	if f := Expect(); f.IDs[0] == "changed" || f.Bad[0].Line == -1 {
		t.Error("Expect shares its slices with the caller")
	}
}
