package ner

import (
	"context"
	"testing"

	"github.com/newsflow/newsflow/enricher/canon"
	"github.com/newsflow/newsflow/internal/article"
)

// BenchmarkTag measures Tag (spans and their canonical merging into entities) beside Spans
// alone, on the BBC articles, one article per operation:
//
//	GOMAXPROCS=1 go test -run '^$' -bench 'NER/newsflow|Tag' ./enricher/ner/
func BenchmarkTag(b *testing.B) {
	texts := bbcArticles(b)
	t := NewTagger(benchModel(b))
	b.Run("spans", func(b *testing.B) {
		runArticles(b, texts, func(s string) int { return len(t.Spans(s)) })
	})
	b.Run("tag", func(b *testing.B) {
		ctx := context.Background()
		runArticles(b, texts, func(s string) int {
			a := &article.Article{Body: s}
			if err := t.Tag(ctx, a); err != nil {
				b.Fatal(err)
			}
			return len(a.Entities)
		})
	})
}

// BenchmarkMerge measures the canonical merging alone (canon.Merge on spans found once), one
// article per operation, on the first 300 BBC articles; BenchmarkTag/spans on the same
// articles is what the merging adds to.
func BenchmarkMerge(b *testing.B) {
	texts := bbcArticles(b)
	if len(texts) > 300 {
		texts = texts[:300]
	}
	t := NewTagger(benchModel(b))
	spans := make([][]canon.Span, len(texts))
	for i, s := range texts {
		for _, sp := range t.Spans(s) {
			spans[i] = append(spans[i], canon.Span{Start: sp.Start, End: sp.End, Type: articleTypes[sp.Type], Confidence: sp.Confidence})
		}
	}
	b.Run("merge", func(b *testing.B) {
		k := 0
		runArticles(b, texts, func(s string) int {
			i := k % len(texts)
			k++
			return len(canon.Merge(s, spans[i], nil))
		})
	})
	b.Run("spans", func(b *testing.B) {
		runArticles(b, texts, func(s string) int { return len(t.Spans(s)) })
	})
}
