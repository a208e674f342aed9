package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeCorpus lays out a tiny shared-data directory.
func writeCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"topic/bbc/business/001.txt": "Harbour strike\n\nThe harbour strike goes on. Dockers plan talks.",
		"topic/bbc/business/002.txt": "Harbour reopens\n\nThe harbour reopened and dockers returned.",
		"topic/bbc/sport/001.txt":    "Cup final\n\nThe harbour team won the cup final.",
		"topic/reuters21578/reut2-000.sgm": `<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN"><BODY>Harbour dues rose &lt;5 pct&gt;.</BODY></REUTERS>
<REUTERS TOPICS="YES" LEWISSPLIT="TEST"><BODY>Secretword appears only in test.</BODY></REUTERS>`,
		"ner/conll2003/eng.train": "-DOCSTART- -X- O O\n\nplans NNS I-NP O\nplans NNS I-NP O\nplans VBZ I-VP O\n" +
			"harbour NN I-NP O\nharbour NN I-NP O\nharbour NN I-NP O\nquick JJ I-NP O\nquick JJ I-NP O\nquick JJ I-NP O\n" +
			"went VBD I-VP O\nwent VBD I-VP O\nwent VBD I-VP O\n",
		"ner/gmb/ner_dataset.csv": "Sentence #,Word,POS,Tag\nSentence: 1,Plans,NNS,O\n,\"\"\"\",``,O\n,caf\xe9,NN,O\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestBuild(t *testing.T) {
	dir := writeCorpus(t)
	a, err := build(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := build(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two builds differ")
	}
	zr, err := gzip.NewReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	for _, want := range []string{
		"docs\t4\n",       // three BBC articles and the one TRAIN story
		"harbour\t4\tN\n", // in every document, tagged a noun
		"plans\t0\tV\n",   // a noun tagged a verb 1 time in 4 (GMB included)
		"quick\t0\tA\n",   // adjective
		"went\t0\tO\n",    // verb
		"the\t3\t?\n",     // frequent, never tagged
	} {
		if !strings.Contains(text, want) {
			t.Errorf("table lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "secretword") {
		t.Error("a TEST story was read")
	}
	if strings.Contains(text, "caf") {
		t.Error("a word tagged once (\"café\", latin-1 in GMB) and in no document was kept")
	}
}

func TestBuildMissingData(t *testing.T) {
	if _, err := build(t.TempDir()); err == nil {
		t.Error("no error for an empty directory")
	}
}
