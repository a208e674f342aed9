package article

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Decode reads one article from JSON. It rejects input that is not valid UTF-8 (encoding/json
// would silently replace the bad bytes), dates it cannot parse and an unknown major schema
// version; it keeps unknown fields in Extra. Missing fields are left empty: call Normalize
// and Validate next. Every error is an *Error.
func Decode(data []byte) (*Article, error) {
	var a Article
	if err := a.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	return &a, nil
}

// Encode writes the article as JSON, with its Extra fields after the known ones.
func Encode(a *Article) ([]byte, error) { return a.MarshalJSON() }

// plain has Article's fields and none of its methods, so that json.Marshal does not recurse.
type plain Article

// MarshalJSON writes the known fields, then Extra in key order.
func (a Article) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(plain(a))
	if err != nil || len(a.Extra) == 0 {
		return b, err
	}
	keys := make([]string, 0, len(a.Extra))
	for k := range a.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var buf bytes.Buffer
	buf.Grow(len(b) + 64*len(keys))
	buf.Write(b[:len(b)-1]) // drop the closing brace
	for _, k := range keys {
		name, _ := json.Marshal(k)
		buf.WriteByte(',')
		buf.Write(name)
		buf.WriteByte(':')
		buf.Write(a.Extra[k])
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// fieldDecoders decodes each known field from its raw JSON value. Decoding field by field
// from one tokenisation pass finds the unknown keys without parsing the body twice.
var fieldDecoders = map[string]func(a *Article, raw []byte) error{
	"id":               func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.ID) },
	"url":              func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.URL) },
	"source":           func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.Source) },
	"title":            func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.Title) },
	"body":             func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.Body) },
	"language":         func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.Language) },
	"revision":         func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.Revision) },
	"schema_version":   decodeSchemaVersion,
	"published_at":     func(a *Article, raw []byte) error { return decodeTimePtr(raw, &a.PublishedAt) },
	"modified_at":      func(a *Article, raw []byte) error { return decodeTimePtr(raw, &a.ModifiedAt) },
	"fetched_at":       decodeFetchedAt,
	"authors":          func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.Authors) },
	"section":          func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.Section) },
	"summary":          func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.Summary) },
	"image_url":        func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.ImageURL) },
	"body_source":      func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.BodySource) },
	"entities":         func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.Entities) },
	"places":           func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.Places) },
	"topics":           func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.Topics) },
	"amounts":          func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.Amounts) },
	"dates":            func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.Dates) },
	"tone":             func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.Tone) },
	"keywords":         func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.Keywords) },
	"duplicate_of":     func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.DuplicateOf) },
	"enricher_version": func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.EnricherVersion) },
	"enriched_at":      func(a *Article, raw []byte) error { return decodeTimePtr(raw, &a.EnrichedAt) },
	"truncated":        func(a *Article, raw []byte) error { return json.Unmarshal(raw, &a.Truncated) },
}

// UnmarshalJSON implements json.Unmarshaler with Decode's rules.
func (a *Article) UnmarshalJSON(data []byte) error {
	if !utf8.Valid(data) {
		return Invalid(ReasonInvalidUTF8, "", "input is not valid UTF-8")
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return Invalid(ReasonInvalidJSON, "", "%v", err)
	}
	if fields == nil {
		return Invalid(ReasonInvalidJSON, "", "article must be a JSON object, got null")
	}
	*a = Article{}
	for k, raw := range fields {
		dec, ok := fieldDecoders[k]
		if !ok {
			if a.Extra == nil {
				a.Extra = make(map[string][]byte)
			}
			a.Extra[k] = raw
			continue
		}
		if bytes.Equal(raw, []byte("null")) {
			continue
		}
		if err := dec(a, raw); err != nil {
			if ae, ok := err.(*Error); ok {
				if ae.Field == "" {
					ae.Field = k
				}
				return ae
			}
			return &Error{Reason: ReasonInvalidJSON, Field: k, Err: err}
		}
	}
	if a.SchemaVersion == "" {
		a.SchemaVersion = SchemaVersion
	}
	return nil
}

func decodeSchemaVersion(a *Article, raw []byte) error {
	var v string
	if err := json.Unmarshal(raw, &v); err != nil {
		return err
	}
	if v == "" {
		return nil
	}
	major, err := MajorVersion(v)
	if err != nil {
		return &Error{Reason: ReasonUnsupportedSchema, Field: "schema_version", Err: err}
	}
	if major != SchemaMajor {
		return Invalid(ReasonUnsupportedSchema, "schema_version",
			"major version %d is not supported by this build (it reads %d.x)", major, SchemaMajor)
	}
	a.SchemaVersion = v
	return nil
}

// MajorVersion returns the major part of a "MAJOR.MINOR" (or "MAJOR") schema version.
func MajorVersion(v string) (int, error) {
	s, _, _ := strings.Cut(v, ".")
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("schema version %q is not MAJOR.MINOR", v)
	}
	return n, nil
}

func decodeFetchedAt(a *Article, raw []byte) error {
	var t *time.Time
	if err := decodeTimePtr(raw, &t); err != nil {
		return err
	}
	if t != nil {
		a.FetchedAt = *t
	}
	return nil
}

func decodeTimePtr(raw []byte, dst **time.Time) error {
	var t time.Time
	switch {
	case len(raw) > 0 && raw[0] == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return err
		}
		if strings.TrimSpace(s) == "" {
			return nil
		}
		var err error
		if t, err = ParseTime(s); err != nil {
			return err
		}
	default:
		var n float64
		if err := json.Unmarshal(raw, &n); err != nil {
			return Invalid(ReasonInvalidDate, "", "date must be a string or a Unix time, got %s", raw)
		}
		t = unixGuess(n)
	}
	*dst = &t
	return nil
}

// unixGuess reads a Unix time in seconds or, when it is too large for seconds, milliseconds.
func unixGuess(n float64) time.Time {
	if n > 1e11 || n < -1e11 {
		return time.UnixMilli(int64(n)).UTC()
	}
	return time.Unix(int64(n), 0).UTC()
}

// timeLayouts are the date forms seen in news feeds and exports, tried in order.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC850,
	time.ANSIC,
	"January 2, 2006",
	"2 January 2006",
	"Jan 2, 2006",
}

// ParseTime parses the date forms found in news sources (RFC 3339, RFC 1123 as in RSS, plain
// dates). A time without a zone is taken as UTC. The result is in UTC.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, Invalid(ReasonInvalidDate, "", "unparseable date %q", truncate(s, 64))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
