package geo

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/newsflow/newsflow/enricher/geo/internal/lexbuild"
)

// sharedData is the repository's ../shared/data, seen from this package.
var sharedData = filepath.Join("..", "..", "..", "shared", "data")

// TestLexiconUpToDate regenerates the lexicon from ../shared/data with the generator, as
// go generate does, and fails if the result differs from the committed (embedded) file: the
// lexicon must never drift from its generator and data. The generator runs as its own
// process (go run), so that this test costs the same with and without -race.
func TestLexiconUpToDate(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(filepath.Join(sharedData, "gazetteer", "geonames_cities1000.tsv")); err != nil {
		t.Skipf("skipped: the shared data is not at %s, so the lexicon cannot be regenerated to check it (%v)", sharedData, err)
	}
	// go test puts its own GOROOT/bin first in the test's PATH.
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("skipped: no go command to run the generator (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(lexbuild.DefaultWordNetDir, "data.noun")); err != nil {
		t.Skipf("skipped: WordNet is not at %s (install Debian's wordnet-base), so the lexicon cannot be regenerated to check it (%v)", lexbuild.DefaultWordNetDir, err)
	}
	out := filepath.Join(t.TempDir(), "lexicon.tsv.gz")
	cmd := exec.CommandContext(t.Context(), goTool, "run", "./internal/lexgen", "-data", sharedData, "-wordnet", lexbuild.DefaultWordNetDir, "-out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generator failed: %v\n%s", err, b)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, lexiconGz) {
		t.Fatalf("the committed lexicon.tsv.gz (%d bytes) differs from the generator's output (%d bytes): run go generate ./enricher/geo and commit the result",
			len(lexiconGz), len(got))
	}
}

// TestLexiconSize keeps the embedded lexicon compact: its towns (about 130,000 GeoNames places
// under their spellings) are most of it.
func TestLexiconSize(t *testing.T) {
	if n := len(lexiconGz); n > 4<<20 {
		t.Errorf("lexicon.tsv.gz is %d bytes, want at most 4 MiB", n)
	}
}

// TestLexiconContent checks the parsed lexicon against facts of its sources: every country
// of ISO 3166-1, capitals and large cities with GeoNames ids, demonyms, and the sources and
// licences named in the header.
func TestLexiconContent(t *testing.T) {
	l := newTagger(t).lex
	kinds := map[string]int{}
	for _, p := range l.places {
		kinds[p.Kind]++
		if p.Kind == "city" && (p.GeonamesID == 0 || p.Location == nil || p.Population < 100_000 && !p.Capital) {
			t.Errorf("city %+v: missing id or location, or too small", p)
		}
	}
	if kinds["country"] < 240 || kinds["city"] < 4000 {
		t.Errorf("kinds %v: want >= 240 countries and >= 4000 cities", kinds)
	}
	for _, tc := range []struct{ text, cc, kind string }{
		{"France", "FR", "country"}, {"French", "FR", "country"}, {"Ivory Coast", "CI", "country"},
		{"Democratic Republic of the Congo", "CD", "country"}, {"Tokyo", "JP", "city"},
		{"Washington, D.C.", "US", "city"}, {"New York City", "US", "city"},
	} {
		n := l.lookup(tc.text)
		if n == nil || len(n.entries) == 0 || n.entries[0].place.CountryCode != tc.cc || n.entries[0].place.Kind != tc.kind {
			t.Errorf("%q: not a %s of %s in the lexicon", tc.text, tc.kind, tc.cc)
		}
	}
	for _, code := range []string{"IN", "IT", "AT", "GB", "FR"} {
		if n := l.lookup(code); n != nil && len(n.entries) > 0 {
			t.Errorf("two-letter ISO code %q is a spelling", code)
		}
	}
	header := bytes.Join(func() [][]byte {
		var b [][]byte
		for _, h := range l.header {
			b = append(b, []byte(h))
		}
		return b
	}(), []byte("\n"))
	for _, want := range []string{"GeoNames", "CC-BY 4.0", "ruby-countries", "MIT", "iso-codes", "LGPL-2.1+"} {
		if !bytes.Contains(header, []byte(want)) {
			t.Errorf("lexicon header does not name %q", want)
		}
	}
}

func TestParseLexiconErrors(t *testing.T) {
	for _, tc := range []struct{ name, body string }{
		{"not gzip", "plain"},
		{"empty", ""},
		{"unknown record", "X\tfoo\n"},
		{"short place", "P\tC\tFR\n"},
		{"alias of a missing place", "A\tParis\t7\tN\t\n"},
		{"bad form", "P\tC\tFR\t0\t\t0\t0\t1\t2\tFrance\nA\tFrance\t0\tQ\t\n"},
		{"place after alias", "P\tC\tFR\t0\t\t0\t0\t1\t2\tFrance\nA\tFrance\t0\tN\t\nP\tC\tDE\t0\t\t0\t0\t1\t2\tGermany\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gz := []byte(tc.body)
			if tc.name != "not gzip" {
				gz = gzipBytes(t, tc.body)
			}
			if _, err := parseLexicon(gz); err == nil {
				t.Error("no error")
			}
		})
	}
}
