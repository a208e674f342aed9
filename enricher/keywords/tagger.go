package keywords

import (
	"context"
	"fmt"
	"sync"

	"github.com/newsflow/newsflow/internal/article"
)

// Defaults of Config.
const (
	DefaultMax         = 10
	DefaultTitleWeight = 1.0
	DefaultEntityBoost = 1.5
)

// Config tunes a Tagger. Zero values mean the defaults.
type Config struct {
	// Max is the most key phrases per article. Default DefaultMax.
	Max int
	// TitleWeight is what an occurrence in the title counts, against 1 in the body.
	// Default DefaultTitleWeight; negative means 0.
	TitleWeight float64
	// EntityBoost multiplies the score of a person, organisation or location name that the
	// entity tagger found. Default DefaultEntityBoost.
	EntityBoost float64
}

// Tagger sets the key phrases of English articles. It is safe for concurrent use.
type Tagger struct {
	vocab   *vocab
	cfg     Config
	version string
}

var (
	vocabOnce sync.Once
	vocabVal  *vocab
	vocabErr  error
)

// New returns a Tagger over the embedded vocabulary (loaded once per process).
func New(cfg Config) (*Tagger, error) {
	vocabOnce.Do(func() { vocabVal, vocabErr = loadVocab(embeddedVocab) })
	if vocabErr != nil {
		return nil, fmt.Errorf("load embedded vocabulary: %w", vocabErr)
	}
	if cfg.Max <= 0 {
		cfg.Max = DefaultMax
	}
	if cfg.TitleWeight == 0 {
		cfg.TitleWeight = DefaultTitleWeight
	}
	cfg.TitleWeight = max(cfg.TitleWeight, 0)
	if cfg.EntityBoost <= 0 {
		cfg.EntityBoost = DefaultEntityBoost
	}
	return &Tagger{vocab: vocabVal, cfg: cfg, version: "vocab-" + vocabVersion()}, nil
}

// Name is the tagger's name in metrics and enricher_version.
func (t *Tagger) Name() string { return "keywords" }

// Languages lists the languages the vocabulary covers.
func (t *Tagger) Languages() []string { return []string{"en"} }

// Version names the vocabulary table (a SHA-256 prefix of vocab.tsv.gz).
func (t *Tagger) Version() string { return t.version }

// Tag sets a.Keywords to the article's key phrases, best first. It reads a.Entities, so it
// should run after the entity tagger. An article in another language than English, or
// without words, gets none.
func (t *Tagger) Tag(ctx context.Context, a *article.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	a.Keywords = nil
	if a.Language != "" && a.Language != "en" {
		return nil
	}
	a.Keywords = t.extract(a.Title, a.Body, a.Entities)
	return nil
}

// Keywords returns the key phrases of a title and a body, best first, without entities.
func (t *Tagger) Keywords(title, body string) []string {
	return t.extract(title, body, nil)
}
