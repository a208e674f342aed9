package producer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/producer/extract"
	"github.com/newsflow/newsflow/producer/fetch"
)

// ErrUnsafeXML is returned for a feed whose DOCTYPE has an internal subset, where entities
// are declared: external entities could read local files or probe the network, and nested
// ones expand exponentially (the "billion laughs"). No news feed needs one, so such a feed
// is refused before it is parsed. (encoding/xml, under gofeed, would not expand them either:
// this makes the refusal explicit, fast and counted.)
var ErrUnsafeXML = errors.New("feed DOCTYPE declares entities")

// checkXMLSafe refuses a document whose DOCTYPE has an internal subset ('[' before the
// declaration's first '>'). It looks only at the DOCTYPE, so "<!ENTITY" quoted in an
// article's text is no problem.
func checkXMLSafe(body []byte) error {
	i := indexFold(prolog(body), []byte("<!doctype"))
	if i < 0 {
		return nil
	}
	decl := body[i:]
	gt := bytes.IndexByte(decl, '>')
	if open := bytes.IndexByte(decl, '['); open >= 0 && (gt < 0 || open < gt) {
		return ErrUnsafeXML
	}
	return nil
}

// prolog is what precedes the root element: the part where a DOCTYPE may stand.
func prolog(body []byte) []byte {
	for i := 0; i+1 < len(body); i++ {
		if bytes.HasPrefix(body[i:], []byte("<!--")) { // a comment may hold anything
			end := bytes.Index(body[i:], []byte("-->"))
			if end < 0 {
				return body
			}
			i += end
			continue
		}
		if body[i] == '<' && body[i+1] != '?' && body[i+1] != '!' {
			return body[:i]
		}
	}
	return body
}

// indexFold is bytes.Index ignoring ASCII case; lower must be lower-case.
func indexFold(s, lower []byte) int {
	for i := 0; i+len(lower) <= len(s); i++ {
		if bytes.EqualFold(s[i:i+len(lower)], lower) {
			return i
		}
	}
	return -1
}

// feedItemKey identifies an item across polls: its GUID (else link, else title and date)
// and its updated time, so that an item the publisher updates is published again, as a
// new revision of the same article.
func feedItemKey(it *gofeed.Item) string {
	updated := ""
	if it.UpdatedParsed != nil {
		updated = strconv.FormatInt(it.UpdatedParsed.UnixMilli(), 10)
	}
	return itemKey(itemOrigin(it), updated)
}

func itemOrigin(it *gofeed.Item) string {
	switch {
	case it.GUID != "":
		return it.GUID
	case it.Link != "":
		return it.Link
	}
	return it.Title + "|" + it.Published
}

// itemArticle makes the article of a feed item. When the item's own text is short, the
// linked page is fetched and its extracted text used instead; when that fails, the teaser
// is kept and marked body_source "summary".
func (s *FeedSource) itemArticle(ctx context.Context, f Feed, feed *gofeed.Feed, it *gofeed.Item) *article.Article {
	content := extract.HTMLText(it.Content)
	desc := extract.HTMLText(it.Description)
	text := content
	if extract.Words(desc) > extract.Words(content) {
		text = desc
	}
	a := &article.Article{
		URL:         resolveLink(it.Link, feed.Link, f),
		Source:      f.Name,
		Title:       extract.HTMLText(it.Title),
		Body:        text,
		PublishedAt: utcTime(it.PublishedParsed),
		ModifiedAt:  utcTime(it.UpdatedParsed),
		Language:    f.Language,
		Authors:     itemAuthors(it),
		ImageURL:    itemImage(it),
		BodySource:  article.BodyFromFeed,
	}
	if a.Language == "" {
		a.Language = languageCode(feed.Language)
	}
	if len(it.Categories) > 0 {
		a.Section = strings.TrimSpace(it.Categories[0])
	}
	if desc != text {
		a.Summary = desc
	}
	if s.cfg.FullTextMinWords <= 0 || extract.Words(text) >= s.cfg.FullTextMinWords || a.URL == "" {
		return a
	}
	page, err := s.fetchPage(ctx, f, a.URL)
	if err != nil || extract.Words(page.Text) <= extract.Words(text) {
		if err != nil && ctx.Err() == nil {
			s.log.Debug("full text unavailable; keeping the teaser", "feed", f.Name, "url", a.URL, "error", err)
		}
		s.metrics.fulltext.WithLabelValues(f.Name, fulltextSummary).Inc()
		a.BodySource = article.BodyFromSummary
		return a
	}
	s.metrics.fulltext.WithLabelValues(f.Name, fulltextPage).Inc()
	a.Body, a.BodySource = page.Text, article.BodyFromPage
	if a.Summary == "" {
		a.Summary = cmpOr(text, page.Summary) // the feed's teaser, else the page's description
	}
	fill := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	fill(&a.Title, page.Title)
	fill(&a.Section, page.Section)
	fill(&a.ImageURL, page.ImageURL)
	fill(&a.Language, page.Language)
	if len(a.Authors) == 0 {
		a.Authors = page.Authors
	}
	if a.PublishedAt == nil {
		a.PublishedAt = page.Published
	}
	if a.ModifiedAt == nil {
		a.ModifiedAt = page.Modified
	}
	return a
}

// fetchPage fetches an item's page and extracts its article; failures are counted by
// reason.
func (s *FeedSource) fetchPage(ctx context.Context, f Feed, link string) (*extract.Page, error) {
	resp, err := s.cfg.Fetcher.Get(ctx, fetch.Request{URL: link, Accept: "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"})
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.metrics.errors.WithLabelValues(f.Name, fetch.Reason(err)).Inc()
		}
		return nil, err
	}
	s.metrics.bytes.WithLabelValues(f.Name).Add(float64(len(resp.Body)))
	page, err := extract.Extract(resp.Body, resp.Header.Get("Content-Type"), resp.URL, extract.Options{})
	switch {
	case errors.Is(err, extract.ErrNotHTML):
		s.metrics.errors.WithLabelValues(f.Name, feedReasonNotHTML).Inc()
	case err != nil:
		s.metrics.errors.WithLabelValues(f.Name, feedReasonNoText).Inc()
	}
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", link, err)
	}
	return page, nil
}

// resolveLink makes an item's link absolute against the feed's link or URL.
func resolveLink(link, feedLink string, f Feed) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil || u.IsAbs() {
		return link
	}
	for _, base := range []string{feedLink, f.URL} {
		if b, err := url.Parse(base); err == nil && b.IsAbs() && (b.Scheme == "http" || b.Scheme == "https") {
			return b.ResolveReference(u).String()
		}
	}
	return link
}

func itemAuthors(it *gofeed.Item) []string {
	var out []string
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			out = append(out, strings.TrimSpace(p.Name))
		}
	}
	if len(out) == 0 && it.DublinCoreExt != nil {
		for _, c := range it.DublinCoreExt.Creator {
			if c = strings.TrimSpace(c); c != "" {
				out = append(out, c)
			}
		}
	}
	return out
}

func itemImage(it *gofeed.Item) string {
	if it.Image != nil && it.Image.URL != "" {
		return it.Image.URL
	}
	for _, e := range it.Enclosures {
		if e != nil && strings.HasPrefix(e.Type, "image/") {
			return e.URL
		}
	}
	return ""
}

// languageCode reduces a feed's language ("en-us", "EN") to an ISO 639-1 code, or "".
func languageCode(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) > 2 && (s[2] == '-' || s[2] == '_') {
		s = s[:2]
	}
	if isLanguageCode(s) {
		return s
	}
	return ""
}

func utcTime(t *time.Time) *time.Time {
	if t == nil || t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

func cmpOr(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
