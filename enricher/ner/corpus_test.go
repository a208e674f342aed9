package ner

import (
	"reflect"
	"strings"
	"testing"
)

// tinyCoNLL is a hand-written corpus in the CoNLL-2003 layout (IOB1), for tests only.
const tinyCoNLL = `-DOCSTART- -X- O O

Maria NNP I-NP I-PER
Lopez NNP I-NP I-PER
visited VBD I-VP O
Lisbon NNP I-NP I-LOC
for IN I-PP O
Acme NNP I-NP I-ORG
Corp NNP I-NP I-ORG
. . O O

Acme NNP I-NP I-ORG
Corp NNP I-NP I-ORG
hired VBD I-VP O
two CD I-NP O
Danish JJ I-NP I-MISC
engineers NNS I-NP O
. . O O

-DOCSTART- -X- O O

Tom NNP I-NP I-PER
Berg NNP I-NP I-PER
Anna NNP I-NP B-PER
Holm NNP I-NP I-PER
met VBD I-VP O
in IN I-PP O
Oslo NNP I-NP I-LOC
. . O O

Oslo NNP I-NP I-LOC
police NN I-NP O
said VBD I-VP O
Berg NNP I-NP I-PER
works VBZ I-VP O
for IN I-PP O
Nordic NNP I-NP I-ORG
Bank NNP I-NP I-ORG
. . O O
`

func TestReadCoNLL(t *testing.T) {
	docs, err := ReadCorpus(strings.NewReader(tinyCoNLL), FormatCoNLL)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].Sentences) != 2 || len(docs[1].Sentences) != 2 {
		t.Fatalf("got %d documents", len(docs))
	}
	// IOB1: "Anna" carries B- only because it directly follows another PER span.
	want := []TokenSpan{{0, 2, PER}, {2, 4, PER}, {6, 7, LOC}}
	if got := docs[1].Sentences[0].Spans; !reflect.DeepEqual(got, want) {
		t.Errorf("spans = %v, want %v", got, want)
	}
}

func TestReadFormats(t *testing.T) {
	tests := []struct {
		name, format, text string
		want               []TokenSpan
	}{
		{"wikiann", FormatWikiANN, "en:Sioux\tB-ORG\nen:Falls\tI-ORG\nen:in\tO\nen:Iowa\tB-LOC\n", []TokenSpan{{0, 2, ORG}, {3, 4, LOC}}},
		{"re3d", FormatRe3d, "Kofi\tB-Person\nAnnan\tI-Person\nof\tO\nUN\tB-Organisation\nin\tO\n2001\tB-Temporal\n", []TokenSpan{{0, 2, PER}, {3, 4, ORG}}},
		{"gmb", FormatGMB, "Sentence #,Word,POS,Tag\nSentence: 1,Britons,NNPS,B-gpe\n,in,IN,O\n,London,NNP,B-geo\n,\"\"\"\",``,O\n,today,NN,B-tim\n", []TokenSpan{{0, 1, MISC}, {2, 3, LOC}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := ReadCorpus(strings.NewReader(tt.text), tt.format)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 1 || len(docs[0].Sentences) != 1 {
				t.Fatalf("got %d documents", len(docs))
			}
			if got := docs[0].Sentences[0].Spans; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("spans = %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := ReadCorpus(strings.NewReader("x"), "nope"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestBILOURoundTrip(t *testing.T) {
	spans := []TokenSpan{{0, 1, PER}, {1, 3, ORG}, {4, 7, LOC}, {7, 8, MISC}}
	labels := make([]uint8, 9)
	encodeBILOU(labels, spans)
	var names []string
	for _, l := range labels {
		names = append(names, labelName(l))
	}
	if got := strings.Join(names, " "); got != "U-PER B-ORG L-ORG O B-LOC I-LOC L-LOC U-MISC O" {
		t.Errorf("labels = %s", got)
	}
	for i := 1; i < len(labels); i++ {
		if !allowed(labels[i-1], labels[i]) {
			t.Errorf("gold sequence disallowed at %d", i)
		}
	}
	if got := decodeBILOU(labels); !reflect.DeepEqual(got, spans) {
		t.Errorf("decode = %v, want %v", got, spans)
	}
	// Ill-formed sequences still decode to spans.
	bad := []uint8{labelOf(0, partI), labelOf(1, partI), 0, labelOf(2, partB)}
	if got := decodeBILOU(bad); len(got) != 3 {
		t.Errorf("lenient decode = %v", got)
	}
}

func TestScore(t *testing.T) {
	s := NewScore()
	s.Add([]TokenSpan{{0, 2, PER}, {3, 4, LOC}}, []TokenSpan{{0, 2, PER}, {3, 5, LOC}, {6, 7, MISC}})
	if c := *s.ByType[PER]; c != (Counts{TP: 1}) {
		t.Errorf("PER %+v", c)
	}
	if c := *s.ByType[LOC]; c != (Counts{FP: 1, FN: 1}) {
		t.Errorf("LOC %+v", c)
	}
	c := s.Total(PER, ORG, LOC)
	if c.TP != 1 || c.FP != 1 || c.FN != 1 || c.F1() != 0.5 {
		t.Errorf("PER+ORG+LOC %+v F1 %v", c, c.F1())
	}
	if all := s.Total(); all.FP != 2 {
		t.Errorf("all %+v", all)
	}
}

func TestEvaluateBySeen(t *testing.T) {
	m := tinyModel(t)
	docs, _ := ReadCorpus(strings.NewReader(tinyCoNLL), FormatCoNLL)
	seen := map[string]bool{"Oslo": true, "Maria Lopez": true}
	unseen, known := EvaluateBySeen(m, docs, seen)
	if g := known.Total(); g.TP+g.FN != 3 { // Maria Lopez once, Oslo twice
		t.Errorf("known gold = %d, want 3 (%+v)", g.TP+g.FN, g)
	}
	all := Evaluate(m, docs).Total()
	u, k := unseen.Total(), known.Total()
	if u.TP+k.TP != all.TP || u.FN+k.FN != all.FN || u.FP+k.FP != all.FP {
		t.Errorf("split %+v + %+v does not add up to %+v", u, k, all)
	}
}
