package geo

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/newsflow/newsflow/internal/article"
)

// KindNone is an ambiguity case's expected kind when its word is not a place there.
const KindNone = "none"

// AmbiguityCase is one row of a hand-written ambiguity table (testdata/ambiguity.tsv): a short
// text, an ambiguous name in it, and the place the name should resolve to.
type AmbiguityCase struct {
	ID, Text string
	// Name is the ambiguous word as written in Text; its first occurrence is checked.
	Name string
	// Kind is article.PlaceCity, article.PlaceCountry, article.PlaceRegion or KindNone.
	Kind string
	// CountryCode is the ISO 3166-1 alpha-2 code of the expected place ("" for none).
	CountryCode string
	// GeonamesID is the expected city's GeoNames id (0 for countries, regions and none).
	GeonamesID int64
	Note       string
}

// ErrAmbiguityTable is returned for a malformed ambiguity table.
var ErrAmbiguityTable = errors.New("geo: bad ambiguity table")

// ReadAmbiguity parses an ambiguity table: tab-separated id, text, name, kind, cc,
// geonames_id, note; lines starting with "#" and the header line ("id\t...") are skipped.
func ReadAmbiguity(r io.Reader) ([]AmbiguityCase, error) {
	var out []AmbiguityCase
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 0; sc.Scan(); {
		line++
		s := sc.Text()
		if s == "" || strings.HasPrefix(s, "#") || strings.HasPrefix(s, "id\t") {
			continue
		}
		c, err := parseCase(s)
		if err != nil {
			return nil, fmt.Errorf("%w: line %d: %w", ErrAmbiguityTable, line, err)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read ambiguity table: %w", err)
	}
	return out, nil
}

func parseCase(s string) (AmbiguityCase, error) {
	fs := strings.Split(s, "\t")
	if len(fs) < 6 {
		return AmbiguityCase{}, fmt.Errorf("%d fields, want 6 or 7", len(fs))
	}
	c := AmbiguityCase{ID: fs[0], Text: fs[1], Name: fs[2], Kind: fs[3]}
	if len(fs) > 6 {
		c.Note = fs[6]
	}
	if !strings.Contains(c.Text, c.Name) || c.Name == "" {
		return c, fmt.Errorf("%s: name %q not in the text", c.ID, c.Name)
	}
	switch c.Kind {
	case KindNone:
		return c, nil
	case article.PlaceCity, article.PlaceCountry, article.PlaceRegion:
	default:
		return c, fmt.Errorf("%s: unknown kind %q", c.ID, c.Kind)
	}
	c.CountryCode = fs[4]
	if len(c.CountryCode) != 2 {
		return c, fmt.Errorf("%s: country code %q", c.ID, c.CountryCode)
	}
	id, err := strconv.ParseInt(fs[5], 10, 64)
	if err != nil || (id == 0) != (c.Kind != article.PlaceCity) {
		return c, fmt.Errorf("%s: geonames id %q for a %s", c.ID, fs[5], c.Kind)
	}
	c.GeonamesID = id
	return c, nil
}

// Want renders the expected resolution: "none", "country TR", "region US" or
// "city US geonames:4180386".
func (c AmbiguityCase) Want() string {
	switch c.Kind {
	case KindNone:
		return KindNone
	case article.PlaceCity:
		return fmt.Sprintf("city %s geonames:%d", c.CountryCode, c.GeonamesID)
	}
	return c.Kind + " " + c.CountryCode
}

// AmbiguityOutcome is what the tagger made of one case.
type AmbiguityOutcome struct {
	Case AmbiguityCase
	Got  string // in the form of AmbiguityCase.Want, with the place's name for a place
	OK   bool
}

// ResolveCase tags c.Text and reports how the mention covering c.Name's first occurrence was
// resolved.
func (t *Tagger) ResolveCase(c AmbiguityCase) AmbiguityOutcome {
	start := strings.Index(c.Text, c.Name)
	end := start + len(c.Name)
	out := AmbiguityOutcome{Case: c, Got: KindNone, OK: c.Kind == KindNone}
	for _, m := range t.Find(c.Text) {
		if m.End <= start || m.Start >= end {
			continue
		}
		p := m.Place
		switch p.Kind {
		case article.PlaceCity:
			out.Got = fmt.Sprintf("city %s geonames:%d (%s)", p.CountryCode, p.GeonamesID, p.Name)
		default:
			out.Got = fmt.Sprintf("%s %s (%s)", p.Kind, p.CountryCode, p.Name)
		}
		out.OK = c.Kind == p.Kind && c.CountryCode == p.CountryCode && c.GeonamesID == p.GeonamesID &&
			m.Start <= start && m.End >= end
		break
	}
	return out
}

// AmbiguityReport is the score of a tagger on an ambiguity table.
type AmbiguityReport struct {
	Outcomes []AmbiguityOutcome
	Correct  int
}

// EvaluateAmbiguity resolves every case.
func (t *Tagger) EvaluateAmbiguity(cases []AmbiguityCase) AmbiguityReport {
	var r AmbiguityReport
	for _, c := range cases {
		o := t.ResolveCase(c)
		if o.OK {
			r.Correct++
		}
		r.Outcomes = append(r.Outcomes, o)
	}
	return r
}

// Write prints the score and every wrong case.
func (r AmbiguityReport) Write(w io.Writer) {
	fmt.Fprintf(w, "Ambiguity table: %d of %d resolved correctly\n", r.Correct, len(r.Outcomes))
	for _, o := range r.Outcomes {
		if !o.OK {
			fmt.Fprintf(w, "  %s %q in %q: want %s, got %s\n", o.Case.ID, o.Case.Name, o.Case.Text, o.Case.Want(), o.Got)
		}
	}
}
