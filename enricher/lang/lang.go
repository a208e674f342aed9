// Package lang detects the language of an article: clear English by its function words
// (english.go), anything else with whatlanggo's trigram profiles.
package lang

import (
	"context"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"

	"github.com/newsflow/newsflow/internal/article"
)

// sampleBytes bounds the text the detector reads: trigram statistics settle long before
// this, and detection time must not grow with a 512 KiB body.
const sampleBytes = 1024

// Tagger sets Article.Language (ISO 639-1) when the source did not. It is safe for concurrent
// use.
type Tagger struct{}

// New returns a language tagger.
func New() *Tagger { return &Tagger{} }

// Name implements enricher.Tagger.
func (*Tagger) Name() string { return "language" }

// Tag keeps a language the source declared, otherwise detects one from the title and the
// start of the body. An unreliable detection leaves the language empty rather than guess.
func (*Tagger) Tag(_ context.Context, a *article.Article) error {
	if a.Language != "" {
		return nil
	}
	body := prefix(a.Body, sampleBytes)
	if clearlyEnglish(a.Title, body) {
		a.Language = "en"
		return nil
	}
	a.Language = detectTrigrams(a.Title + "\n" + body)
	return nil
}

// minConfidence is lower than whatlanggo's own "reliable" threshold (0.8), which rejects
// clear but short texts in scripts shared by several languages (Cyrillic scored 0.42 on a
// plain Russian sentence); below it the answer is left empty.
const minConfidence = 0.25

// Detect returns the ISO 639-1 code of text's language, or "" when the detector is unsure.
func Detect(text string) string {
	if clearlyEnglish(text, "") {
		return "en"
	}
	return detectTrigrams(text)
}

// detectTrigrams is whatlanggo's answer, or "" when it is unsure.
func detectTrigrams(text string) string {
	info := whatlanggo.Detect(text)
	if info.Lang < 0 || info.Confidence < minConfidence {
		return ""
	}
	return info.Lang.Iso6391()
}

// prefix returns at most n bytes of s, cut on a rune boundary.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
