package tone

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sync"

	"github.com/newsflow/newsflow/internal/article"
)

// Defaults of Config.
const (
	// DefaultScale stretches the weighted-word density before tanh. Chosen so that the middle
	// 90% of the BBC articles in ../shared/data score within about ±0.4.
	DefaultScale = 20.0
	// DefaultMinWords is the smallest word count a sum is divided by, so that a two-word
	// text does not reach the ends of the scale.
	DefaultMinWords = 12
	// DefaultNegation multiplies a negated word's weight: "not good" is mildly bad.
	DefaultNegation = -0.6
)

// Config tunes a Tagger. Zero values mean the defaults.
type Config struct {
	// Scale multiplies the density of weighted words (sum of weights per word) before tanh.
	// Default DefaultScale.
	Scale float64
	// MinWords is the least number of words a sum is divided by. Default DefaultMinWords.
	MinWords int
	// Negation in [-1, 0) multiplies a negated word's weight. Default DefaultNegation.
	Negation float64
}

// Tagger sets the tone of English articles. It is safe for concurrent use.
type Tagger struct {
	lex     lexicon
	cfg     Config
	version string
}

var (
	lexOnce sync.Once
	lexVal  lexicon
	lexErr  error
)

// New returns a Tagger over the embedded lexicon.
func New(cfg Config) (*Tagger, error) {
	lexOnce.Do(func() { lexVal, lexErr = parseLexicon(lexiconText) })
	if lexErr != nil {
		return nil, lexErr
	}
	if cfg.Scale <= 0 {
		cfg.Scale = DefaultScale
	}
	if cfg.MinWords <= 0 {
		cfg.MinWords = DefaultMinWords
	}
	if cfg.Negation == 0 {
		cfg.Negation = DefaultNegation
	}
	cfg.Negation = max(cfg.Negation, -1)
	if cfg.Negation > 0 {
		return nil, fmt.Errorf("tone: negation %v is not negative", cfg.Negation)
	}
	sum := sha256.Sum256([]byte(lexiconText))
	return &Tagger{lex: lexVal, cfg: cfg, version: "lex-" + hex.EncodeToString(sum[:6])}, nil
}

// Name is the tagger's name in metrics and enricher_version.
func (t *Tagger) Name() string { return "tone" }

// Languages lists the languages the lexicon covers.
func (t *Tagger) Languages() []string { return []string{"en"} }

// Version names the lexicon (a SHA-256 prefix of lexicon.txt).
func (t *Tagger) Version() string { return t.version }

// Tag sets a.Tone to the tone of the title and body, rounded to three decimals. A text with
// no words (or an article in another language than English) gets no tone.
func (t *Tagger) Tag(ctx context.Context, a *article.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	a.Tone = nil
	if a.Language != "" && a.Language != "en" {
		return nil
	}
	s := t.lex.analyze(a.Title, t.cfg.Negation)
	b := t.lex.analyze(a.Body, t.cfg.Negation)
	s.total, s.words, s.hits = s.total+b.total, s.words+b.words, s.hits+b.hits
	if s.words == 0 {
		return nil
	}
	v := math.Round(toneOf(s, t.cfg.Scale, t.cfg.MinWords)*1000) / 1000
	a.Tone = &v
	return nil
}

// Score returns the tone of text in [-1, 1] (0 for a text without words).
func (t *Tagger) Score(text string) float64 {
	return toneOf(t.lex.analyze(text, t.cfg.Negation), t.cfg.Scale, t.cfg.MinWords)
}
