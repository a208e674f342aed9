package ner

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/enricher/geo"
	"github.com/newsflow/newsflow/internal/article"
)

// charSpan is an entity mention over the bytes of a document's text.
type charSpan struct {
	start, end int
	typ        string
}

// documentText joins a corpus document's words with spaces and its sentences with line
// breaks, and returns the text with the gold spans as byte offsets into it.
func documentText(d Document) (string, []charSpan) {
	var b strings.Builder
	var gold []charSpan
	for _, s := range d.Sentences {
		starts := make([]int, len(s.Words))
		ends := make([]int, len(s.Words))
		for i, w := range s.Words {
			if i > 0 {
				b.WriteByte(' ')
			}
			starts[i] = b.Len()
			b.WriteString(w)
			ends[i] = b.Len()
		}
		b.WriteByte('\n')
		for _, sp := range s.Spans {
			gold = append(gold, charSpan{starts[sp.Start], ends[sp.End-1], articleTypes[sp.Type]})
		}
	}
	return b.String(), gold
}

// mentionSpans returns the mentions of entities, each with its entity's type.
func mentionSpans(es []article.Entity) []charSpan {
	var out []charSpan
	for _, e := range es {
		for _, m := range e.Mentions {
			out = append(out, charSpan{m.Start, m.End, e.Type})
		}
	}
	return out
}

// scoreSpans adds exact-match counts of pred against gold (types PER, ORG, LOC only).
func scoreSpans(c *Counts, gold, pred []charSpan) {
	keep := func(t string) bool { return t != article.TypeMisc }
	g := map[charSpan]bool{}
	for _, s := range gold {
		if keep(s.typ) {
			g[s] = true
		}
	}
	for _, s := range pred {
		if !keep(s.typ) {
			continue
		}
		if g[s] {
			c.TP++
			delete(g, s)
		} else {
			c.FP++
		}
	}
	c.FN += len(g)
}

// TestCanonOnCoNLL scores the mentions of Tag's canonical entities (with the entity's type,
// titles removed) against eng.testa's gold spans, beside the tagger's own spans, without and
// with the places tagger run first (as in the enricher): the merging must not cost
// mention-level F1 (PER+ORG+LOC, exact span and type). eng.testa is for model selection; the
// merging rules were judged on it and on the golden articles.
func TestCanonOnCoNLL(t *testing.T) {
	needSharedData(t)
	tg, err := Default()
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	docs, err := ReadCorpusFile(filepath.Join(sharedData, "ner", "conll2003", "eng.testa"), FormatCoNLL)
	if err != nil {
		t.Fatal(err)
	}
	places, err := geo.New()
	if err != nil {
		t.Fatal(err)
	}
	var spans, merged, withPlaces Counts
	for _, d := range docs {
		text, gold := documentText(d)
		var pred []charSpan
		for _, s := range tg.Spans(text) {
			pred = append(pred, charSpan{s.Start, s.End, articleTypes[s.Type]})
		}
		scoreSpans(&spans, gold, pred)
		a := &article.Article{Body: text}
		if err := tg.Tag(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		scoreSpans(&merged, gold, mentionSpans(a.Entities))
		if err := places.Tag(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		if err := tg.Tag(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		scoreSpans(&withPlaces, gold, mentionSpans(a.Entities))
	}
	for _, r := range []struct {
		name string
		c    Counts
	}{{"spans", spans}, {"canonical entities", merged}, {"canonical entities after places", withPlaces}} {
		t.Logf("eng.testa PER+ORG+LOC mentions, %s: P %.2f R %.2f F1 %.2f", r.name, 100*r.c.P(), 100*r.c.R(), 100*r.c.F1())
		if r.c.F1() < spans.F1() {
			t.Errorf("%s: mention F1 %.2f, below the spans' %.2f", r.name, 100*r.c.F1(), 100*spans.F1())
		}
	}
}
