package article

import (
	"errors"
	"fmt"
)

// Reason is a closed set of labels saying why an article was rejected. It is the `reason`
// header on news.dlq and the `reason` label of the DLQ metrics.
type Reason string

// Rejection reasons. Add to this list (and docs/metrics.md) rather than inventing labels
// elsewhere: metric label sets must stay closed.
const (
	ReasonInvalidJSON       Reason = "invalid_json"
	ReasonInvalidUTF8       Reason = "invalid_utf8"
	ReasonUnsupportedSchema Reason = "unsupported_schema"
	ReasonEmptyBody         Reason = "empty_body"
	ReasonInvalidDate       Reason = "invalid_date"
	ReasonInvalidField      Reason = "invalid_field"
	ReasonBodyTooLarge      Reason = "body_too_large"
	ReasonTooLarge          Reason = "too_large"
	ReasonEnrichFailed      Reason = "enrich_failed"
	ReasonStoreRejected     Reason = "store_rejected"
)

// Reasons lists every Reason, for initialising labelled metrics at zero.
var Reasons = []Reason{
	ReasonInvalidJSON, ReasonInvalidUTF8, ReasonUnsupportedSchema, ReasonEmptyBody,
	ReasonInvalidDate, ReasonInvalidField, ReasonBodyTooLarge, ReasonTooLarge,
	ReasonEnrichFailed, ReasonStoreRejected,
}

// ErrInvalid is matched (errors.Is) by every *Error, for callers that only need to know that
// the input, not the infrastructure, was at fault.
var ErrInvalid = errors.New("invalid article")

// Error is a permanent problem with one article: retrying cannot fix it.
type Error struct {
	Reason Reason
	Field  string // the offending field, when there is one
	Err    error
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: field %s: %v", e.Reason, e.Field, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Reason, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrInvalid) true for every *Error.
func (e *Error) Is(target error) bool { return target == ErrInvalid }

// Invalid returns an *Error with the given reason.
func Invalid(reason Reason, field string, format string, args ...any) error {
	return &Error{Reason: reason, Field: field, Err: fmt.Errorf(format, args...)}
}

// ReasonOf returns the reason of the first *Error in err's chain, or "" if there is none.
func ReasonOf(err error) Reason {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ""
}
