package store

import (
	"context"
	"fmt"
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

// Candidate is a stored document as the near-duplicate lookup sees it.
type Candidate struct {
	ID       string
	Date     time.Time // Document.Date
	Revision int64
	// MinHash is Document.MinHash: the signature that confirms (or not) a candidate.
	MinHash string
	// StoryID is the root of the document's story: its DuplicateOf, or its own id.
	StoryID string
}

// Duplicates is the global view the sink links near-duplicates with (see the sink's package
// documentation). Both stores implement it. Every lookup sees every Write that returned
// before it started (store/elastic refreshes the index first); documents of a Write still in
// flight may or may not be seen.
type Duplicates interface {
	// Candidates returns the stored documents having at least one of bands in DupBands, in
	// order of date then id, at most limit of them: a result of exactly limit documents may
	// be incomplete.
	Candidates(ctx context.Context, bands []string, limit int) ([]Candidate, error)
	// Members returns the stored documents whose StoryID is one of stories (so the roots
	// themselves too), in order of date then id, at most limit of them.
	Members(ctx context.Context, stories []string, limit int) ([]Candidate, error)
	// Lookup returns the stored documents with these ids (those that exist, in any order),
	// each with at least ID, Revision, Body and Article set, so that ToArticle works.
	Lookup(ctx context.Context, ids []string) ([]Document, error)
}

// SetStory makes d, the document FromArticle made of a, a member of the story whose root is
// root: DuplicateOf is root (empty when root is d's own id or empty), StoryID the root, and
// the stored article says the same. It does not modify a. Errors wrap ErrInvalidDocument.
func SetStory(d *Document, a *article.Article, root string) error {
	dup := root
	if root == d.ID {
		dup = ""
	}
	if root == "" {
		root = d.ID
	}
	if d.DuplicateOf == dup && d.StoryID == root {
		return nil
	}
	rest := *a
	rest.Body = ""
	rest.DuplicateOf = dup
	blob, err := article.Encode(&rest)
	if err != nil {
		return fmt.Errorf("%w: article %s: encode: %v", ErrInvalidDocument, a.ID, err)
	}
	d.Article, d.DuplicateOf, d.StoryID = blob, dup, root
	return nil
}
