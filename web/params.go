package web

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsflow/newsflow/store"
)

// Value limits of /api/search that are not configurable. Page sizes are the store's
// (store.DefaultSize, store.MaxSize).
const (
	// maxValueBytes bounds one filter value (an entity name, a source, ...).
	maxValueBytes = 256
	// maxValues bounds how many values one repeatable parameter may carry.
	maxValues = 32
)

// entityTypes are the prefixes an entity filter may carry ("PERSON:Ada Lovelace").
var entityTypes = []string{"PERSON", "ORGANIZATION", "LOCATION", "MISC"}

// paramError is a bad request parameter: the 400 answer names the field.
type paramError struct {
	field string
	msg   string
}

func (e *paramError) Error() string { return e.field + ": " + e.msg }

func badParam(field, format string, args ...any) *paramError {
	return &paramError{field: field, msg: fmt.Sprintf(format, args...)}
}

// searchParams is what parseSearch read, beyond the store query: the page number to echo.
type searchParams struct {
	query store.Query
	page  int
}

// knownParams are the parameters /api/search accepts; anything else is a 400, so that a typo
// ("entitiy=") is reported instead of silently widening the search.
var knownParams = map[string]bool{
	"q": true, "entity": true, "topic": true, "country": true, "source": true, "language": true,
	"from": true, "to": true, "bbox": true, "sort": true, "page": true, "size": true,
	"highlight": true, "facets": true, "collapse": true,
}

// repeatable are the parameters that may occur more than once.
var repeatable = map[string]bool{"entity": true, "topic": true, "country": true, "source": true, "language": true}

// parseSearch turns the query string of /api/search into a store query. maxQuery bounds q in
// bytes, maxDepth bounds from+size. Every error is a *paramError.
func parseSearch(v url.Values, maxQuery, maxDepth int) (searchParams, error) {
	names := make([]string, 0, len(v))
	for name := range v {
		names = append(names, name)
	}
	slices.Sort(names) // report the first bad parameter deterministically
	for _, name := range names {
		if !knownParams[name] {
			return searchParams{}, badParam(name, "unknown parameter")
		}
		if !repeatable[name] && len(v[name]) > 1 {
			return searchParams{}, badParam(name, "given %d times, allowed once", len(v[name]))
		}
		if len(v[name]) > maxValues {
			return searchParams{}, badParam(name, "at most %d values", maxValues)
		}
	}

	p := searchParams{query: store.Query{Highlight: true}}
	q := &p.query

	q.Text = strings.TrimSpace(v.Get("q"))
	if len(q.Text) > maxQuery {
		return p, badParam("q", "longer than %d bytes", maxQuery)
	}
	if !utf8.ValidString(q.Text) {
		return p, badParam("q", "not valid UTF-8")
	}
	if _, err := store.ParseText(q.Text); err != nil {
		return p, badParam("q", "%v", err)
	}

	var err error
	if q.Filters.Entities, err = parseEntities(v["entity"]); err != nil {
		return p, err
	}
	if q.Filters.Topics, err = parseValues("topic", v["topic"], nil); err != nil {
		return p, err
	}
	if q.Filters.Countries, err = parseValues("country", v["country"], countryCode); err != nil {
		return p, err
	}
	if q.Filters.Sources, err = parseValues("source", v["source"], nil); err != nil {
		return p, err
	}
	if q.Filters.Languages, err = parseValues("language", v["language"], languageCode); err != nil {
		return p, err
	}

	// "from" is both the start of the date range and, as a plain integer, the paging offset
	// (Elasticsearch's from/size). A date is never all digits, so the two cannot be confused.
	fromOffset := -1
	if s := v.Get("from"); s != "" && isDigits(s) {
		if fromOffset, err = strconv.Atoi(s); err != nil {
			return p, badParam("from", "offset %q out of range", s)
		}
	} else if s != "" {
		t, err := parseTime(s, false)
		if err != nil {
			return p, badParam("from", "%v", err)
		}
		q.Filters.From = &t
	}
	if s := v.Get("to"); s != "" {
		t, err := parseTime(s, true)
		if err != nil {
			return p, badParam("to", "%v", err)
		}
		q.Filters.To = &t
	}
	if q.Filters.From != nil && q.Filters.To != nil && !q.Filters.From.Before(*q.Filters.To) {
		return p, badParam("to", "the range is empty: to must be after from")
	}
	if s := v.Get("bbox"); s != "" {
		if q.Filters.Box, err = parseBox(s); err != nil {
			return p, err
		}
	}

	switch s := v.Get("sort"); s {
	case "":
		q.Sort = store.SortRelevance
		if q.Text == "" {
			q.Sort = store.SortDate // without words every hit scores the same: newest first is useful
		}
	case store.SortRelevance, store.SortDate:
		q.Sort = s
	default:
		return p, badParam("sort", "want relevance or date, got %q", s)
	}

	if q.Highlight, err = parseBool("highlight", v.Get("highlight"), true); err != nil {
		return p, err
	}
	collapse, err := parseBool("collapse", v.Get("collapse"), true)
	if err != nil {
		return p, err
	}
	q.NoCollapse = !collapse
	if q.Facets, err = parseFacets(v.Get("facets")); err != nil {
		return p, err
	}

	q.Size = store.DefaultSize
	if s := v.Get("size"); s != "" {
		if q.Size, err = parseInt("size", s, 0, store.MaxSize); err != nil {
			return p, err
		}
	}
	p.page = 1
	if s := v.Get("page"); s != "" {
		if fromOffset >= 0 {
			return p, badParam("page", "give page or from, not both")
		}
		if p.page, err = parseInt("page", s, 1, maxDepth+1); err != nil {
			return p, err
		}
		q.From = (p.page - 1) * q.Size
	} else if fromOffset >= 0 {
		q.From = fromOffset
		if q.Size > 0 {
			p.page = fromOffset/q.Size + 1
		}
	}
	if q.From > maxDepth-q.Size { // not q.From+q.Size: a huge offset would overflow
		field := "page"
		if fromOffset >= 0 {
			field = "from"
		}
		return p, badParam(field, "results past %d are not served: narrow the search", maxDepth)
	}
	return p, nil
}

func parseEntities(raw []string) ([]store.EntityFilter, error) {
	var out []store.EntityFilter
	for _, s := range raw {
		f := store.EntityFilter{Name: strings.TrimSpace(s)}
		// "TYPE:Name" when the prefix is a known type; otherwise the colon belongs to the name.
		if typ, name, ok := strings.Cut(s, ":"); ok && slices.Contains(entityTypes, strings.ToUpper(strings.TrimSpace(typ))) {
			f = store.EntityFilter{Type: strings.ToUpper(strings.TrimSpace(typ)), Name: strings.TrimSpace(name)}
		}
		if err := checkValue("entity", f.Name); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// parseValues trims each value, rejects empty and oversized ones, and normalises them with
// norm when given (which may also reject them).
func parseValues(field string, raw []string, norm func(string) (string, bool)) ([]string, error) {
	var out []string
	for _, s := range raw {
		s = strings.TrimSpace(s)
		if err := checkValue(field, s); err != nil {
			return nil, err
		}
		if norm != nil {
			n, ok := norm(s)
			if !ok {
				return nil, badParam(field, "%q is not a valid code", s)
			}
			s = n
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out, nil
}

func checkValue(field, s string) error {
	switch {
	case s == "":
		return badParam(field, "empty value")
	case len(s) > maxValueBytes:
		return badParam(field, "value longer than %d bytes", maxValueBytes)
	case !utf8.ValidString(s):
		return badParam(field, "not valid UTF-8")
	}
	return nil
}

// countryCode accepts an ISO 3166-1 alpha-2 code in either case.
func countryCode(s string) (string, bool) {
	return strings.ToUpper(s), len(s) == 2 && isLetters(s)
}

// languageCode accepts an ISO 639-1 (or 639-3) code in either case.
func languageCode(s string) (string, bool) {
	return strings.ToLower(s), (len(s) == 2 || len(s) == 3) && isLetters(s)
}

func isLetters(s string) bool {
	for _, c := range s {
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// parseTime reads RFC 3339 or a bare date (UTC). The store's range is from <= date < to, so a
// bare date as the end of a range means the next midnight: "to=2026-03-01" includes articles
// of 1 March.
func parseTime(s string, endOfDay bool) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither RFC 3339 nor YYYY-MM-DD", s)
	}
	if endOfDay {
		d = d.AddDate(0, 0, 1)
	}
	return d, nil
}

// parseBox reads bbox=north,west,south,east in degrees. West greater than east is a box
// crossing the antimeridian, which is valid.
func parseBox(s string) (*store.GeoBox, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return nil, badParam("bbox", "want north,west,south,east, got %d numbers", len(parts))
	}
	var f [4]float64
	for i, part := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil || x != x { // x != x: NaN
			return nil, badParam("bbox", "%q is not a number", part)
		}
		f[i] = x
	}
	b := store.GeoBox{North: f[0], West: f[1], South: f[2], East: f[3]}
	switch {
	case b.North < -90 || b.North > 90 || b.South < -90 || b.South > 90:
		return nil, badParam("bbox", "latitudes must lie in [-90, 90]")
	case b.West < -180 || b.West > 180 || b.East < -180 || b.East > 180:
		return nil, badParam("bbox", "longitudes must lie in [-180, 180]")
	case b.South > b.North:
		return nil, badParam("bbox", "south %g is north of north %g", b.South, b.North)
	}
	return &b, nil
}

func parseBool(field, s string, def bool) (bool, error) {
	switch s {
	case "":
		return def, nil
	case "true", "1":
		return true, nil
	case "false", "0":
		return false, nil
	}
	return false, badParam(field, "want true or false, got %q", s)
}

func parseInt(field, s string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, badParam(field, "%q is not an integer", s)
	}
	if n < lo || n > hi {
		return 0, badParam(field, "%d out of range [%d, %d]", n, lo, hi)
	}
	return n, nil
}

func parseFacets(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var out []string
	for _, name := range strings.Split(s, ",") {
		name = strings.TrimSpace(name)
		if !slices.Contains(store.FacetNames, name) {
			return nil, badParam("facets", "unknown facet %q (known: %s)", name, strings.Join(store.FacetNames, ", "))
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out, nil
}
