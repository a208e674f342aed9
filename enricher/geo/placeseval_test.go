package geo

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// miniGazetteer is a gazetteer small enough to read in a test.
func miniGazetteer() *gazetteer {
	return &gazetteer{
		countries: []gazCountry{
			{cc: "US", alpha3: "USA", names: []string{"United States", "Estados Unidos"}, demonym: "American"},
			{cc: "FR", alpha3: "FRA", names: []string{"France"}, demonym: "French"},
			{cc: "HK", alpha3: "HKG", names: []string{"Hong Kong"}, demonym: "Hong Konger"},
			{cc: "CG", alpha3: "COG", names: []string{"Congo"}},
			{cc: "CD", alpha3: "COD", names: []string{"Congo"}},
		},
		cities: []gazCity{
			{name: "Paris", cc: "FR", population: 2_000_000, capital: true},
			{name: "Paris", cc: "US", population: 25_000},
			{name: "New York City", cc: "US", population: 8_000_000},
			{name: "Springfield", cc: "US", population: 160_000},
			{name: "Of", cc: "TR", population: 20_000},
		},
	}
}

func TestPlaceTags(t *testing.T) {
	pt := newPlaceTags(miniGazetteer())
	tests := []struct{ tag, cc, how string }{
		{"usa", "US", "gazetteer"},       // alpha-3 code
		{"hong-kong", "HK", "gazetteer"}, // hyphen read as a space
		{"france", "FR", "gazetteer"},
		{"ussr", "RU", "hand"},
		{"west-germany", "DE", "hand"},
		{"congo", "CG", "hand"}, // two countries are spelt so: the hand mapping decides
		{"atlantis", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.tag, func(t *testing.T) {
			if cc, how := pt.code(tc.tag); cc != tc.cc || how != tc.how {
				t.Errorf("code(%q) = %q, %q; want %q, %q", tc.tag, cc, how, tc.cc, tc.how)
			}
		})
	}
}

func TestNameLexicon(t *testing.T) {
	g := miniGazetteer()
	tests := []struct {
		name, text string
		minPop     int64
		want       string
	}{
		{"country name and demonym", "French wine sold well in the United States.", 0, "FR US"},
		{"city of the largest namesake", "Prices rose in Paris.", 0, "FR"},
		{"longest match", "He lives in New York City.", 0, "US"},
		{"literal, case-sensitive", "paris and france", 0, ""},
		{"every city, however small", "Of course.", 0, "TR"},
		{"only large cities", "Of course, Springfield grew.", 100_000, "US"},
		{"nothing", "", 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := sortedSet(newNameLexicon(g, tc.minPop).countries(tc.text))
			if got != tc.want {
				t.Errorf("countries(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func sortedSet(m map[string]bool) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

func TestSetScore(t *testing.T) {
	var all, without setScore
	errs := make(map[string]int)
	pred := map[string]bool{"US": true, "FR": true, "JP": true}
	gold := map[string]bool{"US": true, "FR": true, "GB": true}
	all.add(pred, gold, "", errs)
	without.add(pred, gold, "US", nil)
	if all != (setScore{tp: 2, predicted: 3, gold: 3}) || without != (setScore{tp: 1, predicted: 2, gold: 2}) {
		t.Fatalf("all %+v, without %+v", all, without)
	}
	if errs["+JP"] != 1 || errs["-GB"] != 1 || len(errs) != 2 {
		t.Errorf("errs %v", errs)
	}
	if p, r, f := all.precision(), all.recall(), all.f1(); p != 2.0/3 || r != 2.0/3 || f < 0.666 || f > 0.667 {
		t.Errorf("P %v R %v F1 %v", p, r, f)
	}
	if (setScore{}).f1() != 0 {
		t.Error("empty score has F1 != 0")
	}
}

func TestDecodeSGML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"AT&amp;T &lt;T.N&gt;", "AT&T <T.N>"},
		{"end&#3;", "end"},
		{"caf&#233;", "café"},
		{"R&D; & co", "R&D; & co"},
	}
	for _, tc := range tests {
		if got := decodeSGML(tc.in); got != tc.want {
			t.Errorf("decodeSGML(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// sgmlStory renders one Reuters-21578 record.
func sgmlStory(newid, split, topics, places, dateline, body string) string {
	var d strings.Builder
	for _, p := range strings.Fields(places) {
		d.WriteString("<D>" + p + "</D>")
	}
	return `<REUTERS TOPICS="` + topics + `" LEWISSPLIT="` + split + `" CGISPLIT="TRAINING-SET" OLDID="1" NEWID="` + newid + `">
<DATE>26-FEB-1987</DATE><TOPICS></TOPICS><PLACES>` + d.String() + `</PLACES><PEOPLE></PEOPLE>
<TEXT>&#2;
<TITLE>TITLE ` + newid + `</TITLE>
<DATELINE>    ` + dateline + `, Feb 26 - </DATELINE><BODY>` + body + ` Reuter
&#3;</BODY></TEXT>
</REUTERS>
`
}

func TestReadReutersTest(t *testing.T) {
	dir := t.TempDir()
	sgm := sgmlStory("1", "TEST", "YES", "usa france", "NEW YORK", "Shares of AT&amp;T rose in Paris.") +
		sgmlStory("2", "TRAIN", "YES", "uk", "LONDON", "Not in the test split.") +
		sgmlStory("3", "TEST", "NO", "uk", "LONDON", "No topics: not ModApte.") +
		sgmlStory("4", "TEST", "YES", "", "TOKYO", "No places.")
	if err := os.WriteFile(filepath.Join(dir, "reut2-000.sgm"), []byte(sgm), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dateline := range []bool{true, false} {
		got, err := readReutersTest(dir, dateline)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].id != "1" || got[1].id != "4" {
			t.Fatalf("stories %+v", got)
		}
		if strings.Join(got[0].places, " ") != "usa france" || len(got[1].places) != 0 {
			t.Errorf("places %q, %q", got[0].places, got[1].places)
		}
		if !strings.Contains(got[0].text, "Shares of AT&T rose in Paris. Reuter") || strings.Contains(got[0].text, "&#3;") {
			t.Errorf("text %q", got[0].text)
		}
		if strings.Contains(got[0].text, "NEW YORK") != dateline {
			t.Errorf("dateline %v: text %q", dateline, got[0].text)
		}
	}
	if _, err := readReutersTest(t.TempDir(), true); err == nil {
		t.Error("no error for a directory without reut2-*.sgm")
	}
}

// TestReutersPlacesData runs the Reuters evaluation on every tenth story when ../shared/data is
// present: every PLACES tag must map to a country, and the tagger must beat the baselines' F1
// without US (the reported figures are the command's, on every story: newsflow eval places).
func TestReutersPlacesData(t *testing.T) {
	const data = "../../../shared/data"
	if _, err := os.Stat(filepath.Join(data, "topic", "reuters21578", "reut2-000.sgm")); err != nil {
		t.Skipf("skipped: no Reuters-21578 under %s (%v)", data, err)
	}
	if testing.Short() {
		t.Skip("skipped in -short mode: reads 27 MB of Reuters and the gazetteer")
	}
	r, err := evaluateReutersPlaces(context.Background(), newTagger(t), reutersEvalConfig{
		reutersDir: filepath.Join(data, "topic", "reuters21578"), gazetteerDir: filepath.Join(data, "gazetteer"), dateline: true, every: 10, noFullBaseline: true})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	r.Write(&out, 10)
	t.Log(out.String())
	if r.Stories != 3299 || r.Scored < 250 {
		t.Errorf("%d ModApte test stories (want 3299), %d of every tenth scored", r.Stories, r.Scored)
	}
	if len(r.unmapped) > 0 {
		t.Errorf("unmapped PLACES tags: %v", r.unmapped)
	}
	tagger := r.systems[0].without.f1()
	for _, b := range r.systems[1:] {
		if b.without.f1() >= tagger {
			t.Errorf("%s: F1 without US %.3f >= the tagger's %.3f", b.name, b.without.f1(), tagger)
		}
	}
}
