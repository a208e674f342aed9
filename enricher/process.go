package enricher

import (
	"context"
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

// ProcessOptions are the limits Process applies. Zero means default.
type ProcessOptions struct {
	// Limits are the article limits (body size).
	Limits article.Limits
	// MaxMessageBytes is the message size limit the enriched article must fit, with its key
	// and headers. Default 1 MiB.
	MaxMessageBytes int
}

// Output is one enriched article and its encoding.
type Output struct {
	Article *article.Article
	// Value is the JSON published to news.enriched.
	Value []byte
	// Truncated says mention lists were cut to fit the size limit.
	Truncated bool
}

// recordAllowance is room kept for a record's framing and the stage's headers besides the
// key and value, so that whatever Process accepts also fits the broker's limit.
const recordAllowance = 640

// Process turns one raw message value into its enriched encoding: decode, normalise (taking
// fallbackTime as the fetch time when the article has none, so that a redelivery derives the
// same revision), validate, tag and encode within the size limit. The enricher stage and
// `newsflow tag` both call it, so they write the same JSON for the same input. Errors are
// *article.Error (dead-letter them) or ctx's error.
func (p *Pipeline) Process(ctx context.Context, raw []byte, fallbackTime time.Time, opts ProcessOptions) (Output, error) {
	a, err := article.Decode(raw)
	if err != nil {
		return Output{}, err
	}
	a.Normalize(fallbackTime)
	if err := a.Validate(opts.Limits); err != nil {
		return Output{}, err
	}
	if err := p.Enrich(ctx, a); err != nil {
		return Output{}, err
	}
	max := opts.MaxMessageBytes
	if max <= 0 {
		max = 1 << 20
	}
	value, truncated, err := EncodeWithin(a, max-len(a.ID)-recordAllowance)
	if err != nil {
		return Output{}, err
	}
	return Output{Article: a, Value: value, Truncated: truncated}, nil
}
