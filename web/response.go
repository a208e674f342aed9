package web

import (
	"html"
	"strings"
	"time"

	"github.com/newsflow/newsflow/store"
)

// The JSON shapes of the API. They are separate from the store's types so that the wire
// format (snake_case, documented in docs/api.md) does not change when the store's Go types do.

// SearchResponse is the body of GET /api/search.
type SearchResponse struct {
	Total int64 `json:"total"`
	// Page is 1-based; From is the offset of the first hit; Size the page size asked for.
	Page   int                    `json:"page"`
	From   int                    `json:"from"`
	Size   int                    `json:"size"`
	Sort   string                 `json:"sort"`
	Hits   []HitJSON              `json:"hits"`
	Facets map[string][]FacetJSON `json:"facets,omitempty"`
	Dates  []DateBucketJSON       `json:"dates,omitempty"`
	TookMS float64                `json:"took_ms"`
}

// HitJSON is one search hit.
type HitJSON struct {
	ID          string     `json:"id"`
	Title       string     `json:"title"`
	URL         string     `json:"url,omitempty"`
	Source      string     `json:"source,omitempty"`
	Language    string     `json:"language,omitempty"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	Score       float64    `json:"score"`
	// Snippets are HTML: text is escaped and the only markup is <mark>…</mark>.
	Snippets []string `json:"snippets,omitempty"`
	// Duplicates counts the near-copies collapsed into this hit.
	Duplicates int         `json:"duplicates,omitempty"`
	Topics     []TopicJSON `json:"topics,omitempty"`
	Countries  []string    `json:"countries,omitempty"`
}

// TopicJSON is an IPTC Media Topic of a hit.
type TopicJSON struct {
	Code  string  `json:"code"`
	Label string  `json:"label"`
	Score float64 `json:"score"`
}

// FacetJSON is one value of a facet and how many hits carry it.
type FacetJSON struct {
	Value string `json:"value"`
	Count int64  `json:"count"`
}

// DateBucketJSON is one bar of the date histogram.
type DateBucketJSON struct {
	Start time.Time `json:"start"`
	Count int64     `json:"count"`
}

// StatsResponse is the body of GET /api/stats.
type StatsResponse struct {
	Documents int64      `json:"documents"`
	Sources   int64      `json:"sources"`
	Oldest    *time.Time `json:"oldest,omitempty"`
	Newest    *time.Time `json:"newest,omitempty"`
}

// ErrorResponse is the body of every 4xx and 5xx answer of the API.
type ErrorResponse struct {
	Error string `json:"error"`
	// Field names the request parameter at fault, when one is.
	Field string `json:"field,omitempty"`
}

func toSearchResponse(p searchParams, r store.SearchResult) SearchResponse {
	out := SearchResponse{
		Total: r.Total,
		Page:  p.page,
		From:  p.query.From,
		Size:  p.query.Size,
		Sort:  p.query.Sort,
		Hits:  make([]HitJSON, 0, len(r.Hits)),
	}
	for _, h := range r.Hits {
		hj := HitJSON{
			ID: h.ID, Title: h.Title, URL: h.URL, Source: h.Source, Language: h.Language,
			PublishedAt: h.PublishedAt, Score: h.Score, Duplicates: h.Duplicates, Countries: h.Countries,
		}
		for _, s := range h.Snippets {
			hj.Snippets = append(hj.Snippets, cleanSnippet(s))
		}
		for _, t := range h.Topics {
			hj.Topics = append(hj.Topics, TopicJSON{Code: t.Code, Label: t.Label, Score: t.Score})
		}
		out.Hits = append(out.Hits, hj)
	}
	if len(r.Facets) > 0 {
		out.Facets = make(map[string][]FacetJSON, len(r.Facets))
		for name, values := range r.Facets {
			fj := make([]FacetJSON, 0, len(values))
			for _, v := range values {
				fj = append(fj, FacetJSON{Value: v.Value, Count: v.Count})
			}
			out.Facets[name] = fj
		}
	}
	for _, d := range r.Dates {
		out.Dates = append(out.Dates, DateBucketJSON{Start: d.Start.UTC(), Count: d.Count})
	}
	return out
}

const (
	markOpen  = "<mark>"
	markClose = "</mark>"
)

// cleanSnippet guarantees the snippet contract whatever the store did: the text between
// <mark> and </mark> tags is unescaped and escaped again (so "&amp;" stays "&amp;" but a stray
// "<b>" becomes "&lt;b&gt;"), marks are balanced, and no other markup survives. The page
// still builds its DOM from text nodes; this protects every other client of the API.
func cleanSnippet(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	open := false
	for s != "" {
		i := strings.Index(s, "<")
		for i >= 0 && !strings.HasPrefix(s[i:], markOpen) && !strings.HasPrefix(s[i:], markClose) {
			j := strings.Index(s[i+1:], "<")
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i < 0 {
			b.WriteString(html.EscapeString(html.UnescapeString(s)))
			break
		}
		b.WriteString(html.EscapeString(html.UnescapeString(s[:i])))
		s = s[i:]
		if strings.HasPrefix(s, markOpen) {
			if !open {
				b.WriteString(markOpen)
				open = true
			}
			s = s[len(markOpen):]
		} else {
			if open {
				b.WriteString(markClose)
				open = false
			}
			s = s[len(markClose):]
		}
	}
	if open {
		b.WriteString(markClose)
	}
	return b.String()
}
