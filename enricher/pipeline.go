package enricher

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

// Version names this build of the enricher code. The models' own versions are appended by
// the pipeline from taggers that implement Versioned.
const Version = "newsflow-enricher/0.1"

// Versioned is implemented by taggers backed by a model, so that enricher_version names it.
type Versioned interface {
	Version() string
}

// Pipeline runs taggers in order on one article. It is safe for concurrent use.
type Pipeline struct {
	taggers []Tagger
	version string
	now     func() time.Time
	observe func(tagger string, d time.Duration)
}

// PipelineConfig configures NewPipeline. Zero means default.
type PipelineConfig struct {
	// Now stamps enriched_at. Default time.Now.
	Now func() time.Time
	// Observe, when set, receives each tagger's latency (for metrics).
	Observe func(tagger string, d time.Duration)
}

// NewPipeline returns a pipeline running taggers in the given order.
func NewPipeline(cfg PipelineConfig, taggers ...Tagger) *Pipeline {
	p := &Pipeline{taggers: taggers, now: cfg.Now, observe: cfg.Observe, version: Version}
	if p.now == nil {
		p.now = time.Now
	}
	for _, t := range taggers {
		if v, ok := t.(Versioned); ok {
			p.version += " " + t.Name() + "/" + v.Version()
		}
	}
	return p
}

// Version returns the enricher_version this pipeline writes.
func (p *Pipeline) Version() string { return p.version }

// Taggers returns the names of the taggers, in order.
func (p *Pipeline) Taggers() []string {
	names := make([]string, len(p.taggers))
	for i, t := range p.taggers {
		names[i] = t.Name()
	}
	return names
}

// Enrich replaces a's enrichment with what the taggers find now. A tagger's error or panic
// is returned as an *article.Error with reason enrich_failed: the article is dead-lettered
// rather than retried, since the same input would fail again.
func (p *Pipeline) Enrich(ctx context.Context, a *article.Article) error {
	a.Enrichment = article.Enrichment{}
	for _, t := range p.taggers {
		if !applies(t, a.Language) {
			continue
		}
		start := time.Now()
		err := safeTag(ctx, t, a)
		if p.observe != nil {
			p.observe(t.Name(), time.Since(start))
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return &article.Error{Reason: article.ReasonEnrichFailed, Field: t.Name(), Err: err}
		}
	}
	a.EnricherVersion = p.version
	now := p.now().UTC()
	a.EnrichedAt = &now
	return nil
}

func applies(t Tagger, lang string) bool {
	s, ok := t.(LanguageScoped)
	if !ok || lang == "" {
		return true
	}
	return slices.Contains(s.Languages(), lang)
}

// safeTag turns a tagger's panic into an error, so that one pathological article cannot stop
// the stage.
func safeTag(ctx context.Context, t Tagger, a *article.Article) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("tagger %s panicked: %v\n%s", t.Name(), r, debug.Stack())
		}
	}()
	return t.Tag(ctx, a)
}
