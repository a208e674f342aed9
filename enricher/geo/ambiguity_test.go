package geo

import (
	"os"
	"strings"
	"testing"
)

// The floors are the numbers of rows that must resolve correctly: set from the measurement,
// never above it (the goal is every row).
const (
	// ambiguityFloor is for testdata/ambiguity.tsv, written before any tuning against it:
	// every row.
	ambiguityFloor = 77
	// holdoutFloor is for testdata/ambiguity_holdout.tsv, written after the session-2 rules
	// and never tuned on (26 of 28 then, 27 with the session-3 towns and names).
	holdoutFloor = 27
	// blindFloor is for testdata/ambiguity_blind.tsv, written blind by a helper in session 3
	// and committed before its first run (41 of 50 then); the session-3 rules for storms,
	// "<Demonym> city of", person names and a subdivision's governor followed its misses, so
	// it is no longer blind.
	blindFloor = 47
	// blind2Floor is for testdata/ambiguity_blind2.tsv, written blind by a second helper in
	// session 3 after the rules above and committed before its first run: 34 of 40 then
	// (the session-2 tagger: 31). Nothing was tuned on it.
	blind2Floor = 34
)

// TestAmbiguityTable resolves the hand-written ambiguity tables, logs each wrong row, and
// fails below their floors.
func TestAmbiguityTable(t *testing.T) {
	tg := newTagger(t)
	tests := []struct {
		file    string
		minRows int
		floor   int
	}{
		{"testdata/ambiguity.tsv", 40, ambiguityFloor},
		{"testdata/ambiguity_holdout.tsv", 20, holdoutFloor},
		{"testdata/ambiguity_blind.tsv", 40, blindFloor},
		{"testdata/ambiguity_blind2.tsv", 40, blind2Floor},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			cases, err := ReadAmbiguity(f)
			if err != nil {
				t.Fatal(err)
			}
			if len(cases) < tc.minRows {
				t.Fatalf("%d rows, want at least %d", len(cases), tc.minRows)
			}
			r := tg.EvaluateAmbiguity(cases)
			for _, o := range r.Outcomes {
				if !o.OK {
					t.Logf("%s %q in %q: want %s, got %s", o.Case.ID, o.Case.Name, o.Case.Text, o.Case.Want(), o.Got)
				}
			}
			t.Logf("%s: %d of %d resolved correctly", tc.file, r.Correct, len(cases))
			if r.Correct < tc.floor {
				t.Errorf("%d of %d rows resolved correctly, floor %d", r.Correct, len(cases), tc.floor)
			}
		})
	}
}

func TestReadAmbiguity(t *testing.T) {
	tests := []struct {
		name, in string
		wantErr  bool
		want     string
	}{
		{"city", "x1\tIn Paris today.\tParis\tcity\tFR\t2988507\tnote", false, "city FR geonames:2988507"},
		{"country without note", "x2\tTurkey's bank.\tTurkey\tcountry\tTR\t0", false, "country TR"},
		{"none", "x3\tParis Hilton.\tParis\tnone\t-\t-\tperson", false, "none"},
		{"name not in text", "x4\tIn Rome.\tParis\tcity\tFR\t2988507\t", true, ""},
		{"city without id", "x5\tIn Paris.\tParis\tcity\tFR\t0\t", true, ""},
		{"country with id", "x6\tIn France.\tFrance\tcountry\tFR\t3\t", true, ""},
		{"unknown kind", "x7\tIn Paris.\tParis\ttown\tFR\t1\t", true, ""},
		{"too few fields", "x8\tIn Paris.\tParis", true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := "# comment\nid\ttext\tname\tkind\tcc\tgeonames_id\tnote\n" + tc.in + "\n"
			cs, err := ReadAmbiguity(strings.NewReader(in))
			if tc.wantErr {
				if err == nil {
					t.Fatalf("no error for %q", tc.in)
				}
				return
			}
			if err != nil || len(cs) != 1 {
				t.Fatalf("got %v, %v", cs, err)
			}
			if got := cs[0].Want(); got != tc.want {
				t.Errorf("Want() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestResolveCase(t *testing.T) {
	tg := newTagger(t)
	tests := []struct {
		name string
		c    AmbiguityCase
		ok   bool
	}{
		{"right city", AmbiguityCase{Text: "Talks in Paris ended.", Name: "Paris", Kind: "city", CountryCode: "FR", GeonamesID: 2988507}, true},
		{"wrong id", AmbiguityCase{Text: "Talks in Paris ended.", Name: "Paris", Kind: "city", CountryCode: "FR", GeonamesID: 1}, false},
		{"place where none is expected", AmbiguityCase{Text: "Talks in Paris ended.", Name: "Paris", Kind: KindNone}, false},
		{"none", AmbiguityCase{Text: "Paris Hilton smiled.", Name: "Paris", Kind: KindNone}, true},
		{"nothing found where a place is expected", AmbiguityCase{Text: "Paris Hilton smiled.", Name: "Paris", Kind: "city", CountryCode: "FR", GeonamesID: 2988507}, false},
		{"country", AmbiguityCase{Text: "Prices fell in France.", Name: "France", Kind: "country", CountryCode: "FR"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if o := tg.ResolveCase(tc.c); o.OK != tc.ok {
				t.Errorf("OK = %v (got %s), want %v", o.OK, o.Got, tc.ok)
			}
		})
	}
}
