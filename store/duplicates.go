package store

import (
	"context"
	"errors"
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
	// Err is nil, or a *CandidateError when the stored document's near-duplicate fields
	// cannot be read (a value of the wrong type, no date, revision or story): then only ID
	// is set, and the document cannot be linked.
	Err error
}

// CandidateError is a stored document that a near-duplicate lookup found but cannot read as
// a Candidate. It is one document's fault, not the lookup's: the lookup answers with it (as
// a Candidate with Err set) beside the others, because an error of the whole lookup is
// retried, and a document that cannot be read would be retried forever. It wraps
// ErrInvalidDocument.
type CandidateError struct {
	ID  string
	Err error
}

func (e *CandidateError) Error() string {
	return fmt.Sprintf("store: document %s: near-duplicate fields unreadable: %v", e.ID, e.Err)
}

func (e *CandidateError) Unwrap() []error { return []error{ErrInvalidDocument, e.Err} }

// UnreadableCandidate is the Candidate a lookup answers for the stored document id whose
// near-duplicate fields it could not decode (err says why).
func UnreadableCandidate(id string, err error) Candidate {
	return Candidate{ID: id, Err: &CandidateError{ID: id, Err: err}}
}

// CheckCandidate returns c, or UnreadableCandidate when c cannot be a stored document's
// candidate: every document FromArticle makes has an id, a date, a positive revision and a
// story. The signature is not checked here (stores keep it as opaque text); the caller that
// compares signatures parses it.
func CheckCandidate(c Candidate) Candidate {
	var why string
	switch {
	case c.Err != nil:
		return c
	case c.ID == "":
		why = "no id"
	case c.Date.IsZero():
		why = "no date"
	case c.Revision <= 0:
		why = fmt.Sprintf("revision %d is not positive", c.Revision)
	case c.StoryID == "":
		why = "no story_id"
	default:
		return c
	}
	return UnreadableCandidate(c.ID, errors.New(why))
}

// Duplicates is the global view the sink links near-duplicates with (see the sink's package
// documentation). Both stores implement it. Every lookup sees every Write that returned
// before it started (store/elastic refreshes the index first); documents of a Write still in
// flight may or may not be seen.
type Duplicates interface {
	// Candidates returns the stored documents having at least one of bands in DupBands, in
	// order of date then id, at most limit of them: a result of exactly limit documents may
	// be incomplete. A document whose fields cannot be read is answered as a Candidate with
	// Err set (see CandidateError), in any position; the error is for the whole lookup only
	// (the store failed or refused it).
	Candidates(ctx context.Context, bands []string, limit int) ([]Candidate, error)
	// Members returns the stored documents whose StoryID is one of stories (so the roots
	// themselves too), in order of date then id, at most limit of them.
	Members(ctx context.Context, stories []string, limit int) ([]Candidate, error)
	// Lookup returns the stored documents with these ids (those that exist, in any order),
	// each with at least ID, Revision, Body and Article set, so that ToArticle works. A
	// document that cannot be read is returned with its ID alone, which ToArticle refuses.
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
