package synth

import (
	"strconv"
)

// record is one line of output before encoding. Fields are written in a fixed order by
// appendJSON, so that the same record always gives the same bytes.
type record struct {
	id            string // only set by bad records that plant an invalid id
	url           string
	source        string
	title         string
	published     string // a date string; "" for none
	publishedUnix int64  // written as a number when published is "" and this is not 0
	modified      string
	language      string
	byline        string   // unknown to the schema: kept as an extra field
	tags          []string // unknown to the schema
	wordCount     int      // unknown to the schema; 0 = omitted
	body          string
	omitBody      bool
	html          string // unknown to the schema: the planted oversized field of too_large records
	revision      int64  // written when not 0
	schema        string // "" = omitted
}

// appendJSON writes the record as one JSON object without a trailing newline. Strings are
// copied byte for byte apart from the escapes JSON requires, so that planted invalid UTF-8
// reaches the output unchanged.
func (rec *record) appendJSON(b []byte) []byte {
	b = append(b, '{')
	first := true
	field := func(name string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, `":`...)
	}
	str := func(name, v string) {
		if v != "" {
			field(name)
			b = appendString(b, v)
		}
	}
	str("id", rec.id)
	str("url", rec.url)
	str("source", rec.source)
	str("title", rec.title)
	switch {
	case rec.published != "":
		str("published_at", rec.published)
	case rec.publishedUnix != 0:
		field("published_at")
		b = strconv.AppendInt(b, rec.publishedUnix, 10)
	}
	str("modified_at", rec.modified)
	str("language", rec.language)
	str("byline", rec.byline)
	if len(rec.tags) > 0 {
		field("tags")
		b = append(b, '[')
		for i, t := range rec.tags {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, t)
		}
		b = append(b, ']')
	}
	if rec.wordCount > 0 {
		field("word_count")
		b = strconv.AppendInt(b, int64(rec.wordCount), 10)
	}
	if !rec.omitBody {
		field("body")
		b = appendString(b, rec.body)
	}
	str("html", rec.html)
	if rec.revision != 0 {
		field("revision")
		b = strconv.AppendInt(b, rec.revision, 10)
	}
	str("schema_version", rec.schema)
	return append(b, '}')
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string: quotes, backslashes and control characters are
// escaped, every other byte is copied as it is.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\\', 't')
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
