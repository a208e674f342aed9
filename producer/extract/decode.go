// Package extract turns web pages and feed HTML into plain text: it decodes the declared or
// sniffed charset, drops markup, entities and boilerplate, finds the article's main text
// (a compact readability-style scorer) and reads its metadata (title, authors, dates,
// section, summary, lead image) from JSON-LD, meta tags and the page itself.
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"golang.org/x/net/html/charset"
)

// ErrNotHTML is returned for a page whose content type is not HTML.
var ErrNotHTML = errors.New("extract: not an HTML page")

// Decode returns the page as UTF-8: the charset comes from a byte-order mark, the
// Content-Type header, a <meta> declaration in the first 1024 bytes, or, failing those, is
// sniffed (valid UTF-8, else windows-1252, as browsers do). It also returns the charset's
// name.
func Decode(body []byte, contentType string) (string, string, error) {
	enc, name, _ := charset.DetermineEncoding(body, contentType)
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return "", name, fmt.Errorf("extract: decode %s: %w", name, err)
	}
	out = bytes.TrimPrefix(out, []byte("\xef\xbb\xbf"))
	return string(bytes.ToValidUTF8(out, []byte("\uFFFD"))), name, nil
}

// IsHTML reports whether a response with this Content-Type (and body, sniffed when the
// header is missing) is an HTML page.
func IsHTML(contentType string, body []byte) bool {
	if strings.TrimSpace(contentType) == "" {
		contentType = http.DetectContentType(body)
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}
