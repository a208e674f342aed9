package article

import (
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultMaxBodyBytes is the default limit on Body, well under the default message size so
// that the enrichment fits beside it.
const DefaultMaxBodyBytes = 512 << 10

// Limits bounds what Validate accepts. Zero means default.
type Limits struct {
	// MaxBodyBytes bounds len(Body) in bytes. Default DefaultMaxBodyBytes.
	MaxBodyBytes int
}

func (l Limits) maxBody() int {
	if l.MaxBodyBytes <= 0 {
		return DefaultMaxBodyBytes
	}
	return l.MaxBodyBytes
}

// Normalize fills what a source may leave out: the schema version, the fetch time (now), the
// id and the revision. It never changes a revision that is already set.
func (a *Article) Normalize(now time.Time) {
	a.Title = strings.TrimSpace(a.Title)
	a.Source = strings.TrimSpace(a.Source)
	a.URL = strings.TrimSpace(a.URL)
	if a.SchemaVersion == "" {
		a.SchemaVersion = SchemaVersion
	}
	if a.FetchedAt.IsZero() {
		a.FetchedAt = now.UTC().Truncate(time.Millisecond)
	}
	if a.ID == "" {
		a.ID = NewID(a.URL, a.Title, a.Body)
	}
	if a.Revision == 0 {
		a.Revision = a.DefaultRevision()
	}
}

// DefaultRevision is the revision the schema prescribes: the modified time, else the published
// time, else the fetch time, in Unix ms.
func (a *Article) DefaultRevision() int64 {
	switch {
	case a.ModifiedAt != nil && !a.ModifiedAt.IsZero():
		return a.ModifiedAt.UnixMilli()
	case a.PublishedAt != nil && !a.PublishedAt.IsZero():
		return a.PublishedAt.UnixMilli()
	default:
		return a.FetchedAt.UnixMilli()
	}
}

// Validate checks a normalised article. Every error is an *Error naming the reason and field.
func (a *Article) Validate(l Limits) error {
	if err := ValidID(a.ID); err != nil {
		return &Error{Reason: ReasonInvalidField, Field: "id", Err: err}
	}
	major, err := MajorVersion(a.SchemaVersion)
	if err != nil {
		return &Error{Reason: ReasonUnsupportedSchema, Field: "schema_version", Err: err}
	}
	if major != SchemaMajor {
		return Invalid(ReasonUnsupportedSchema, "schema_version", "major version %d is not supported", major)
	}
	for _, f := range []struct{ name, v string }{{"title", a.Title}, {"body", a.Body}, {"source", a.Source}, {"url", a.URL}} {
		if !utf8.ValidString(f.v) {
			return Invalid(ReasonInvalidUTF8, f.name, "not valid UTF-8")
		}
	}
	if strings.TrimSpace(a.Body) == "" {
		return Invalid(ReasonEmptyBody, "body", "body is empty")
	}
	if max := l.maxBody(); len(a.Body) > max {
		return Invalid(ReasonBodyTooLarge, "body", "body has %d bytes, the limit is %d", len(a.Body), max)
	}
	if a.URL != "" {
		if _, err := CanonicalURL(a.URL); err != nil {
			return err
		}
	}
	if a.Revision <= 0 {
		return Invalid(ReasonInvalidField, "revision", "revision must be positive Unix ms, got %d", a.Revision)
	}
	if a.FetchedAt.IsZero() {
		return Invalid(ReasonInvalidField, "fetched_at", "fetched_at is missing")
	}
	return nil
}
