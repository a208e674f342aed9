package article

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"unicode"
)

// trackingParams are query parameters that identify a campaign or a click, not the article.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true,
	"mc_cid": true, "mc_eid": true, "igshid": true, "_ga": true, "ref_src": true,
	"cmpid": true, "ocid": true,
}

func isTrackingParam(name string) bool {
	n := strings.ToLower(name)
	return strings.HasPrefix(n, "utm_") || trackingParams[n]
}

// CanonicalURL returns the form of an article URL that identifies the article: scheme and host
// lower-cased, default port, fragment and tracking parameters (utm_*, fbclid, ...) removed,
// the remaining query parameters sorted. Only absolute http and https URLs are accepted.
func CanonicalURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", Invalid(ReasonInvalidField, "url", "%v", err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", Invalid(ReasonInvalidField, "url", "scheme %q is not http or https", u.Scheme)
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return "", Invalid(ReasonInvalidField, "url", "%q has no host", truncate(raw, 80))
	}
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") { // IPv6 literal
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	u.Host = host
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	q := u.Query()
	for k := range q {
		if isTrackingParam(k) {
			delete(q, k)
		}
	}
	for _, v := range q {
		sort.Strings(v)
	}
	u.RawQuery = q.Encode() // Encode sorts by key
	u.ForceQuery = false
	return u.String(), nil
}

// NewID derives an article id: from the canonical URL when there is a usable URL, otherwise
// from the normalised title and body (case and white space folded). Ids are 32 hex digits.
func NewID(rawURL, title, body string) string {
	if rawURL != "" {
		if c, err := CanonicalURL(rawURL); err == nil {
			return hashID("url", c)
		}
	}
	return hashID("content", normaliseText(title)+"\x00"+normaliseText(body))
}

func hashID(kind, s string) string {
	h := sha256.Sum256([]byte(kind + "\x00" + s))
	return hex.EncodeToString(h[:16])
}

// normaliseText lower-cases s and folds every run of white space into one space.
func normaliseText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// ValidID reports whether id can serve as a Kafka key and a search document id.
func ValidID(id string) error {
	if id == "" || len(id) > 512 {
		return fmt.Errorf("id must have 1 to 512 bytes, has %d", len(id))
	}
	if strings.ContainsFunc(id, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return fmt.Errorf("id %q contains control characters", truncate(id, 40))
	}
	return nil
}
