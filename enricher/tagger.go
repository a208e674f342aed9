package enricher

import (
	"context"

	"github.com/newsflow/newsflow/internal/article"
)

// Tagger adds one kind of enrichment to an article: language, places, entities, topics, ...
// Implementations live in sub-packages and need not import this package.
//
// Tag must be safe for concurrent use on different articles. It must not change the fields
// the producer set (id, revision, body, ...), only the Enrichment fields it owns (and Language,
// for the language tagger). An error means the article cannot be enriched at all and is
// dead-lettered; a tagger that merely finds nothing returns nil.
type Tagger interface {
	Name() string
	Tag(ctx context.Context, a *article.Article) error
}

// LanguageScoped is implemented by taggers whose models only apply to some languages (for
// example English-only entity models). The pipeline skips them for other languages; an article
// whose language is unknown is treated as English.
type LanguageScoped interface {
	Languages() []string
}
