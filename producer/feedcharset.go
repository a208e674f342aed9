package producer

import (
	"bytes"
	"mime"
	"strings"

	"golang.org/x/net/html/charset"
)

// feedCharset transcodes an XML feed to UTF-8 when the HTTP Content-Type declares a
// charset and the document's XML declaration names none. When the document names its
// encoding, the parser honours that (the document knows best); JSON Feed is UTF-8.
func feedCharset(body []byte, contentType string) []byte {
	_, params, err := mime.ParseMediaType(contentType)
	name := strings.ToLower(strings.TrimSpace(params["charset"]))
	if err != nil || name == "" || name == "utf-8" || name == "utf8" {
		return body
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n\ufeff")
	if bytes.HasPrefix(trimmed, []byte("{")) {
		return body
	}
	if bytes.HasPrefix(trimmed, []byte("<?xml")) {
		end := bytes.Index(trimmed, []byte("?>"))
		if end > 0 && bytes.Contains(trimmed[:end], []byte("encoding")) {
			return body
		}
	}
	enc, _ := charset.Lookup(name)
	if enc == nil {
		return body
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}
