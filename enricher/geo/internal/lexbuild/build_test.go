package lexbuild

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// miniData writes a tiny data directory with the layout of ../shared/data.
func miniData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"gazetteer/countries.json": `{
 "FR": {"alpha2":"FR","alpha3":"FRA","name":"France","nationality":"French","unofficial_names":["France","Frankreich"],"geo":{"latitude":46.2,"longitude":2.2}},
 "US": {"alpha2":"US","alpha3":"USA","name":"United States of America","nationality":"American","unofficial_names":["United States"],"geo":{"latitude":37.1,"longitude":-95.7}},
 "GB": {"alpha2":"GB","alpha3":"GBR","name":"United Kingdom of Great Britain and Northern Ireland","nationality":"British","unofficial_names":["United Kingdom","Great Britain (UK)"],"geo":{"latitude":55.4,"longitude":-3.4}},
 "NZ": {"alpha2":"NZ","alpha3":"NZL","name":"New Zealand","nationality":"New Zealander","unofficial_names":["New Zealand"],"geo":{"latitude":-40.9,"longitude":174.9}}
}`,
		"gazetteer/iso_3166-1.json": `{"3166-1":[
 {"alpha_2":"FR","alpha_3":"FRA","name":"France","official_name":"French Republic"},
 {"alpha_2":"US","alpha_3":"USA","name":"United States","official_name":"United States of America"},
 {"alpha_2":"GB","alpha_3":"GBR","name":"United Kingdom","official_name":"United Kingdom of Great Britain and Northern Ireland"},
 {"alpha_2":"NZ","alpha_3":"NZL","name":"New Zealand"}
]}`,
		"gazetteer/iso_3166-2.json": `{"3166-2":[
 {"code":"US-AL","name":"Alabama","type":"State"},
 {"code":"FR-75","name":"Paris","type":"Metropolitan department"}
]}`,
		"gazetteer/geonames_cities1000.tsv": "geonameid\tname\tcountry\tadmin1\tfeature_code\tpopulation\tlat\tlon\n" +
			"2988507\tParis\tFR\t11\tPPLC\t2138551\t48.85341\t2.3488\n" +
			"4076598\tMobile\tUS\tAL\tPPLA2\t194288\t30.69436\t-88.04305\n" +
			"4140963\tWashington, D.C.\tUS\tDC\tPPLC\t601723\t38.89511\t-77.03637\n" +
			"5128581\tNew York City\tUS\tNY\tPPL\t8175133\t40.71427\t-74.00597\n" +
			"2643743\tLondon\tGB\tENG\tPPLC\t7556900\t51.50853\t-0.12574\n" +
			"9999999\tSmallville\tUS\tKS\tPPL\t5000\t39.0\t-98.0\n",
		"ner/conll2003/eng.train": "-DOCSTART- -X- O O\n\n" +
			strings.Repeat("Jack NNP I-NP I-PER\nLondon NNP I-NP I-PER\nwrote VBD I-VP O\n. . O O\n\n", 3) +
			strings.Repeat("The DT I-NP O\nWashington NNP I-NP I-ORG\nPost NNP I-NP I-ORG\nsaid VBD I-VP O\n\n", 2),
		"ner/conll2003/eng.testa":     "",
		"ner/wikiann_en/train":        "en:Paris\tB-LOC\nen:is\tO\n\nen:Great\tB-LOC\nen:Britain\tI-LOC\n\n",
		"ner/wikiann_en/dev":          "",
		"ner/re3d/re3d-train.conll":   "",
		"ner/gmb/ner_dataset.csv":     "Sentence #,Word,POS,Tag\nSentence: 1,Hello,UH,O\n,France,NNP,B-geo\n",
		"topic/reuters21578/r.sgm":    "<REUTERS><BODY>Mobile phone makers in Paris said the U.K. and British firms agreed.</BODY></REUTERS>",
		"topic/bbc/tech/001.txt":      "Phones\n\nThe mobile phone market grew. A mobile network and mobile data. British and U.K. sales.",
		"topic/bbc/tech/002.txt":      "Sales\n\nMore mobile users bought mobile phones. British buyers in the U.K. were keen.",
		"topic/bbc/business/003.txt":  "Deal\n\nU.K. and British firms. The N.Z. deal was off.",
		"topic/bbc/business/004.txt":  "Other\n\nThe N.Z. dollar and the N.Z. bank. N.Z. again.",
		"topic/bbc/business/005.txt":  "More\n\nN.Z. N.Z. nothing else here.",
		"topic/bbc/politics/006.txt":  "Germans\n\nThe French and the Frenchs. Americans and Americans in New York City.",
		"topic/bbc/politics/007.txt":  "Again\n\nMany Americans visited Paris.",
		"topic/bbc/politics/008.txt":  "Reading\n\nReading is fun.",
		"topic/bbc/politics/.keep":    "",
		"topic/bbc/politics/009.txt":  "Trip\n\nA trip to London.",
		"topic/bbc/sport/010.txt":     "Match\n\nThe match in Washington.",
		"topic/bbc/sport/011.txt":     "Race\n\nThe race in Mobile, Alabama.",
		"topic/bbc/sport/012.txt":     "Note\n\nNothing.",
		"topic/bbc/entertainment/.ok": "",
		// A WordNet in miniature: "Lutece" is Paris (a national capital, part of France),
		// "Parisii" also a person's name; "mobile" a common noun and nothing else, "in" also
		// an adjective.
		"wordnet/data.noun": "  1 licence header\n" +
			"00000001 15 n 01 national_capital 0 000 | a capital\n" +
			"00000002 15 n 01 France 0 000 | a country\n" +
			"00000003 15 n 03 Paris 0 Lutece 0 Parisii 0 002 @i 00000001 n 0000 #p 00000002 n 0000 | the capital\n" +
			"00000004 18 n 01 Parisii 0 000 | a person\n" +
			"00000005 06 n 01 mobile 0 000 | a sculpture\n",
		"wordnet/index.noun": "  1 licence header\nin n 1 0 1 0 00000006\nmobile n 1 0 1 0 00000005\n",
		"wordnet/index.verb": "",
		"wordnet/index.adj":  "in a 1 0 1 0 00000007\n",
		"wordnet/index.adv":  "",
		"wordnet/noun.exc":   "",
		"wordnet/verb.exc":   "",
		"wordnet/adj.exc":    "",
		"wordnet/adv.exc":    "",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// records returns the lexicon's lines, by tag.
func records(t *testing.T, gz []byte) map[string][][]string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string][][]string)
	for _, line := range strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n") {
		f := strings.Split(line, "\t")
		out[f[0]] = append(out[f[0]], f)
	}
	return out
}

func TestBuild(t *testing.T) {
	dir := miniData(t)
	cfg := Config{DataDir: dir, WordNetDir: filepath.Join(dir, "wordnet")}
	a, err := Build(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two builds from the same data differ")
	}
	recs := records(t, a)
	var places []string
	for _, p := range recs["P"] {
		places = append(places, p[9])
	}
	aliases := make(map[string]string) // text -> "place name/form/flags"
	for _, r := range recs["A"] {
		aliases[r[1]] = places[atoi(t, r[2])] + "/" + r[3] + "/" + r[4]
	}
	want := map[string]string{
		"France":        "France/N/",
		"French":        "France/D/",
		"Americans":     "United States/D/",
		"U.K.":          "United Kingdom/A/",
		"Great Britain": "United Kingdom/N/",
		"Washington":    "Washington, D.C./N/",
		"New York":      "New York City/N/",
		"Mobile":        "Mobile/N/inw",
		"Lutece":        "Paris/N/",
	}
	for text, w := range want {
		if got := aliases[text]; got != w {
			t.Errorf("alias %q = %q, want %q", text, got, w)
		}
	}
	// Frankreich: an unofficial name never annotated as a place.
	for _, absent := range []string{"Smallville", "Frenchs", "N.Z.", "FR", "US", "GB", "FRA", "Frankreich", "Parisii"} {
		if got, ok := aliases[absent]; ok {
			t.Errorf("alias %q = %q, want none", absent, got)
		}
	}
	has := func(tag, word string) bool {
		for _, r := range recs[tag] {
			if r[1] == word {
				return true
			}
		}
		return false
	}
	if !has("G", "Jack") {
		t.Error("Jack is not a given name")
	}
	if !has("B", "Washington Post") {
		t.Error("Washington Post is not a block")
	}
	if !has("S", "Alabama") {
		t.Error("Alabama is not a subdivision")
	}
	if !has("N", "mobile") || has("N", "in") {
		t.Errorf("nouns %v: want mobile (only a noun), not in (also an adjective)", recs["N"])
	}
	if q := recs["Q"]; len(q) != 1 || strings.Join(q[0], " ") != "Q smallville US KS 9999999 5000 39.00000 -98.00000 Smallville" {
		t.Errorf("towns %q, want Smallville alone", q)
	}
	if _, err := Build(Config{DataDir: filepath.Join(dir, "missing"), WordNetDir: cfg.WordNetDir}); err == nil {
		t.Error("Build on a missing directory succeeded")
	}
	if _, err := Build(Config{DataDir: dir, WordNetDir: filepath.Join(dir, "missing")}); err == nil {
		t.Error("Build without WordNet succeeded")
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("not a number: %q", s)
		}
		n = n*10 + int(r-'0')
	}
	return n
}
