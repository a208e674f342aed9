package ner

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"

	"github.com/newsflow/newsflow/enricher/canon"
	"github.com/newsflow/newsflow/internal/article"
)

// Span is an entity found in raw text: text[Start:End] == Text, UTF-8 byte offsets.
type Span struct {
	Start, End int
	Type       string // PER, ORG, LOC or MISC
	Text       string
	// Confidence in [0, 1]: the mean probability the tagger gave the span's labels.
	Confidence float64
}

// Tagger finds named entities in text with a trained model. It is safe for concurrent use.
type Tagger struct {
	m       *Model
	version string
}

// NewTagger returns a tagger over m.
func NewTagger(m *Model) *Tagger { return &Tagger{m: m} }

// Model returns the tagger's model.
func (t *Tagger) Model() *Model { return t.m }

// ErrNoModel reports a build without an embedded model.
var ErrNoModel = errors.New("ner: no embedded model in this build")

var (
	defaultOnce   sync.Once
	defaultTagger *Tagger
	defaultErr    error
)

// Default returns the tagger of the model embedded in the binary, loaded once.
func Default() (*Tagger, error) {
	defaultOnce.Do(func() {
		b, err := embeddedModel()
		if err != nil {
			defaultErr = err
			return
		}
		m, err := Load(bytes.NewReader(b))
		if err != nil {
			defaultErr = fmt.Errorf("load embedded model: %w", err)
			return
		}
		defaultTagger = NewTagger(m)
		sum := sha256.Sum256(b)
		defaultTagger.version = hex.EncodeToString(sum[:6])
	})
	return defaultTagger, defaultErr
}

// Predict labels the sentences of a corpus document, returning spans over tokens.
func (m *Model) Predict(d Document) [][]TokenSpan {
	words := make([][]string, len(d.Sentences))
	for i, s := range d.Sentences {
		words[i] = s.Words
	}
	return m.predictWords(words, nil)
}

// predictWords labels sentences of words; probs, when not nil, receives per-token label
// probabilities per sentence.
func (m *Model) predictWords(words [][]string, probs [][]float32) [][]TokenSpan {
	x := newExtractor(m.Info.Features, m.lex)
	x.common = m.common
	sents := x.prepare(words, nil)
	out := make([][]TokenSpan, len(words))
	var buf []uint64
	h := x.newHistory()
	labels := make([]uint8, 0, 64)
	for i := range sents {
		n := len(words[i])
		if cap(labels) < n {
			labels = make([]uint8, n)
		}
		labels = labels[:n]
		var p []float32
		if probs != nil {
			p = probs[i]
		}
		buf = x.tagSentence(m, &sents[i], h, labels, p, buf)
		out[i] = decodeBILOU(labels)
	}
	return out
}

// Spans returns the entities of text in order, with exact byte offsets. Any input is
// accepted; time is linear in its length.
func (t *Tagger) Spans(text string) []Span {
	sents := Segment(text)
	if len(sents) == 0 {
		return nil
	}
	words := make([][]string, len(sents))
	probs := make([][]float32, len(sents))
	for i, s := range sents {
		words[i] = make([]string, len(s))
		for j, tok := range s {
			words[i][j] = text[tok.Start:tok.End]
		}
		probs[i] = make([]float32, len(s))
	}
	var out []Span
	for i, spans := range t.m.predictWords(words, probs) {
		for _, sp := range spans {
			start, end := sents[i][sp.Start].Start, sents[i][sp.End-1].End
			conf := float32(0)
			for _, p := range probs[i][sp.Start:sp.End] {
				conf += p
			}
			out = append(out, Span{
				Start:      start,
				End:        end,
				Type:       sp.Type,
				Text:       text[start:end],
				Confidence: float64(conf) / float64(sp.End-sp.Start),
			})
		}
	}
	return out
}

// Name is the tagger's name in the enricher.
func (t *Tagger) Name() string { return "ner" }

// Languages says the model is English only: the enricher skips it for other languages.
func (t *Tagger) Languages() []string { return []string{"en"} }

// Version names the model and the merging rules for enricher_version: a prefix of the
// model's SHA-256, or "custom" for a model that was not loaded from the embedded file, then
// "+canon" and canon.Version.
func (t *Tagger) Version() string {
	v := t.version
	if v == "" {
		v = "custom"
	}
	return v + "+canon" + canon.Version
}

var articleTypes = map[string]string{
	PER:  article.TypePerson,
	ORG:  article.TypeOrganization,
	LOC:  article.TypeLocation,
	MISC: article.TypeMisc,
}

// Tag fills a.Entities with one canonical entity per real-world entity in the body, in
// order of first mention (see package enricher/canon for the merging of spellings, short
// forms, titles, acronyms and places; a.Places, when the places tagger ran first, names and
// links locations). Salience favours early and frequent entities: half from the first
// mention's position, half from the share of mentions. It replaces existing entities.
func (t *Tagger) Tag(ctx context.Context, a *article.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	spans := t.Spans(a.Body)
	in := make([]canon.Span, len(spans))
	for i, s := range spans {
		in[i] = canon.Span{Start: s.Start, End: s.End, Type: articleTypes[s.Type], Confidence: s.Confidence}
	}
	a.Entities = canon.Merge(a.Body, in, a.Places)
	return nil
}
