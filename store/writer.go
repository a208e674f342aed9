package store

import (
	"context"
	"errors"
)

// Outcome is what became of one document handed to a Writer. It is also the `outcome` label
// of the sink's metrics, so the set is closed.
type Outcome string

// Outcomes of one document.
const (
	// OutcomeStored: the store acknowledged the document (created, or overwritten by an equal
	// or higher revision).
	OutcomeStored Outcome = "stored"
	// OutcomeStale: the store already holds a higher revision of the article (409 version
	// conflict). Count it and commit it; never dead-letter it.
	OutcomeStale Outcome = "stale"
	// OutcomeRetry: a transient failure of this item (429, 5xx, es_rejected_execution_exception,
	// a missing item in a short response). Write it again later.
	OutcomeRetry Outcome = "retry"
	// OutcomeRejected: the store refused the document for good (mapping and parse errors, other
	// 4xx, a document that cannot be encoded). Dead-letter it with Result.Reason.
	OutcomeRejected Outcome = "rejected"
)

// Outcomes lists every Outcome, for initialising labelled metrics at zero.
var Outcomes = []Outcome{OutcomeStored, OutcomeStale, OutcomeRetry, OutcomeRejected}

// Result is the outcome of one document.
type Result struct {
	Outcome Outcome
	// Status is the store's per-item HTTP status (201, 200, 409, 429, 400, ...), or 0 when the
	// item never got one (not sent, or missing from the response).
	Status int
	// Reason is the store's error type and reason text ("version_conflict_engine_exception:
	// ..."), or a short snake_case cause of our own ("missing_item_result"); empty when stored.
	Reason string
}

// Writer writes documents.
//
// Write blocks until the store answered (or ctx is done). Results has one entry per input
// doc, in order. A non-nil error means the whole request failed transiently (transport error,
// request-level 429/5xx, a server that is not Elasticsearch): the caller retries all of them,
// and the results are nil. Per-item 429/5xx/es_rejected_execution_exception give OutcomeRetry;
// 409 version conflict gives OutcomeStale; mapping/parse errors and other 4xx give
// OutcomeRejected. Implementations are safe for concurrent use; writes of one article id
// from several goroutines are ordered by revision, not by call order.
type Writer interface {
	Write(ctx context.Context, docs []Document) ([]Result, error)
}

// Sentinel errors of the stores. Check them with errors.Is.
var (
	// ErrInvalidDocument: an article or document cannot be converted (FromArticle, ToArticle).
	ErrInvalidDocument = errors.New("invalid search document")
	// ErrUnavailable: the store could not be reached or answered with a transient failure;
	// every error a Write returns for a request-level 429/5xx or a transport failure wraps it.
	ErrUnavailable = errors.New("search store unavailable")
	// ErrRequestRejected: the store refused a whole request for a reason that retrying alone
	// will not fix (authentication, permissions, a request too large). A Write still returns
	// it as a request-level error, so the sink keeps retrying (and so keeps every article)
	// while an operator fixes the cause; it is wrapped so that logs and readiness can say so.
	ErrRequestRejected = errors.New("search store rejected the request")
	// ErrClosed: the store was used after Close.
	ErrClosed = errors.New("search store closed")
)
