package embedded

import (
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/newsflow/newsflow/store"
)

// Fields that only make searches cheaper: the geo cells (geocell.go) and the date's hour.

// fDateHour is the document date in whole hours since the Unix epoch (floor), as a decimal
// keyword with doc values, for the date histogram: every histogram bucket starts on an hour,
// so counting hours counts dates exactly, and one short value per document is much less to
// read than the datetime field's doc values (sixteen precision-shifted copies of the date).
const fDateHour = "date_hour"

// addSearchMappings maps the fields of this file.
func addSearchMappings(doc *mapping.DocumentMapping, keywordAnalyzer string) {
	addGeoCellMapping(doc, keywordAnalyzer)
	doc.AddFieldMappingsAt(fDateHour, &mapping.FieldMapping{Type: "text", Analyzer: keywordAnalyzer,
		Index: true, DocValues: true})
}

// addSearchValues adds d's values of the fields of this file to its indexed value m.
func addSearchValues(m map[string]any, d *store.Document) {
	addGeoCellValues(m, d)
	m[fDateHour] = strconv.FormatInt(hourOf(d.Date), 10)
}

// hourOf is t in whole hours since the Unix epoch, rounded down.
func hourOf(t time.Time) int64 {
	s := t.Unix()
	h := s / 3600
	if s%3600 < 0 {
		h--
	}
	return h
}

// parseHour reads a fDateHour value without allocating; ok is false for anything else.
func parseHour(b []byte) (h int64, ok bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		h = h*10 + int64(c-'0')
	}
	if neg {
		h = -h
	}
	return h, true
}
