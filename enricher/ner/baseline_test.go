package ner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jdkato/prose/v2"
)

// The baselines of the issue, measured beside the embedded model on the same files:
//
//	NEWSFLOW_NER_BASELINES=1 go test -run TestBaselines -v ./enricher/ner/
//
// prose v2 lives only here (and in the benchmarks): the tagger does not depend on it.

var (
	proseOnce  sync.Once
	proseModel *prose.Model
)

// proseTagger returns prose's default model, built once (NewDocument without UsingModel
// rebuilds it on every call).
func proseTagger(tb testing.TB) *prose.Model {
	proseOnce.Do(func() {
		doc, err := prose.NewDocument("Init.", prose.WithSegmentation(false))
		if err != nil {
			tb.Fatal(err)
		}
		proseModel = doc.Model
	})
	return proseModel
}

var proseTypes = map[string]string{"PERSON": PER, "GPE": LOC, "LOCATION": LOC, "LOC": LOC, "ORG": ORG, "ORGANIZATION": ORG}

// proseSpans runs prose on text and returns byte spans of its entities. prose gives no
// offsets, so its tokens are found again in text, in order.
func proseSpans(m *prose.Model, text string) []Span {
	doc, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.UsingModel(m))
	if err != nil {
		return nil
	}
	var out []Span
	cursor := 0
	open := -1
	for _, tok := range doc.Tokens() {
		i := strings.Index(text[cursor:], tok.Text)
		if i < 0 {
			continue
		}
		start, end := cursor+i, cursor+i+len(tok.Text)
		cursor = end
		label := tok.Label
		if len(label) > 2 && label[0] == 'B' {
			open = len(out)
			out = append(out, Span{Start: start, End: end, Type: proseTypes[label[2:]]})
		} else if len(label) > 2 && label[0] == 'I' && open >= 0 {
			out[open].End = end
		} else {
			open = -1
		}
	}
	kept := out[:0]
	for _, s := range out {
		if s.Type != "" {
			s.Text = text[s.Start:s.End]
			kept = append(kept, s)
		}
	}
	return kept
}

// byteSpansToTokens maps byte spans over words joined by spaces back to token spans; a
// span whose edges fall inside a word gets an impossible index, so it counts as wrong.
func byteSpansToTokens(words []string, spans []Span) []TokenSpan {
	starts, ends := map[int]int{}, map[int]int{}
	pos := 0
	for i, w := range words {
		starts[pos] = i
		ends[pos+len(w)] = i + 1
		pos += len(w) + 1
	}
	var out []TokenSpan
	for _, s := range spans {
		a, ok1 := starts[s.Start]
		b, ok2 := ends[s.End]
		if !ok1 || !ok2 {
			a, b = -1, -1
		}
		out = append(out, TokenSpan{a, b, s.Type})
	}
	return out
}

func evalProse(m *prose.Model, docs []Document) *Score {
	s := NewScore()
	for _, d := range docs {
		for _, sent := range d.Sentences {
			text := strings.Join(sent.Words, " ")
			s.Add(sent.Spans, byteSpansToTokens(sent.Words, proseSpans(m, text)))
		}
	}
	return s
}

func TestProseSpanAlignment(t *testing.T) {
	words := []string{"Angela", "Merkel", "visited", "Paris", "."}
	got := byteSpansToTokens(words, []Span{{Start: 0, End: 13, Type: PER}, {Start: 22, End: 27, Type: LOC}, {Start: 1, End: 6, Type: PER}})
	want := []TokenSpan{{0, 2, PER}, {3, 4, LOC}, {-1, -1, PER}}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("span %d: got %v, want %v", i, got[i], want[i])
		}
	}
}

func TestBaselines(t *testing.T) {
	if os.Getenv("NEWSFLOW_NER_BASELINES") == "" {
		t.Skip("skipping: set NEWSFLOW_NER_BASELINES=1 to score the baselines (about a minute)")
	}
	needSharedData(t)
	ours, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	minimal, err := Train(context.Background(), MinimalConfig(sharedData, nil))
	if err != nil {
		t.Fatal(err)
	}
	sets := []struct{ name, path, format string }{
		{"CoNLL eng.testa", "ner/conll2003/eng.testa", FormatCoNLL},
		{"WikiANN dev", "ner/wikiann_en/dev", FormatWikiANN},
		{"re3d train", "ner/re3d/re3d-train.conll", FormatRe3d},
	}
	for _, set := range sets {
		docs, err := ReadCorpusFile(filepath.Join(sharedData, set.path), set.format)
		if err != nil {
			t.Fatal(err)
		}
		for _, sys := range []struct {
			name  string
			score func() *Score
		}{
			{"newsflow", func() *Score { return Evaluate(ours.Model(), docs) }},
			{"minimal perceptron", func() *Score { return Evaluate(minimal, docs) }},
			{"prose v2", func() *Score { return evalProse(proseTagger(t), docs) }},
		} {
			s := sys.score()
			c := s.Total(PER, ORG, LOC)
			line := func(typ string) string {
				if x := s.ByType[typ]; x != nil {
					return fmt.Sprintf("%.2f", 100*x.F1())
				}
				return "-"
			}
			t.Logf("| %s | %s | %.2f | %.2f | %.2f | PER %s ORG %s LOC %s |", set.name, sys.name,
				100*c.P(), 100*c.R(), 100*c.F1(), line(PER), line(ORG), line(LOC))
		}
	}
}
