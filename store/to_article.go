package store

import (
	"fmt"

	"github.com/newsflow/newsflow/internal/article"
)

// ToArticle returns the enriched article a document was made from, exactly as FromArticle
// received it (unknown fields included; dates as the article had them, not truncated). Errors
// wrap ErrInvalidDocument.
func ToArticle(d Document) (*article.Article, error) {
	if len(d.Article) == 0 {
		return nil, fmt.Errorf("%w: document %s has no article field", ErrInvalidDocument, d.ID)
	}
	a, err := article.Decode(d.Article)
	if err != nil {
		return nil, fmt.Errorf("%w: document %s: article field: %v", ErrInvalidDocument, d.ID, err)
	}
	if a.ID != d.ID {
		return nil, fmt.Errorf("%w: document %s holds article %s", ErrInvalidDocument, d.ID, a.ID)
	}
	a.Body = d.Body
	return a, nil
}
