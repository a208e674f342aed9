package ner

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

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
// titles removed) against eng.testa's gold spans, beside the tagger's own spans: the merging
// must not cost mention-level F1 (PER+ORG+LOC, exact span and type). eng.testa is for model
// selection; the merging rules were judged on it and on the golden articles.
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
	var spans, merged Counts
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
		pred = pred[:0]
		for _, e := range a.Entities {
			for _, m := range e.Mentions {
				pred = append(pred, charSpan{m.Start, m.End, e.Type})
			}
		}
		scoreSpans(&merged, gold, pred)
	}
	t.Logf("eng.testa PER+ORG+LOC mentions: spans P %.2f R %.2f F1 %.2f; canonical entities P %.2f R %.2f F1 %.2f",
		100*spans.P(), 100*spans.R(), 100*spans.F1(), 100*merged.P(), 100*merged.R(), 100*merged.F1())
	if merged.F1() < spans.F1() {
		t.Errorf("canonical merging lowers mention F1 from %.2f to %.2f", 100*spans.F1(), 100*merged.F1())
	}
}
