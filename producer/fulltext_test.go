package producer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"

	"github.com/newsflow/newsflow/internal/article"
)

// articlePage is an HTML article page with boilerplate around n paragraphs of text.
func articlePage(title, para string, n int) string {
	var b strings.Builder
	b.WriteString(`<html lang="en"><head><title>` + title + ` | Example News</title>
<meta property="og:description" content="The page's own description.">
<meta property="article:section" content="Coast">
<meta name="author" content="Page Author">
<meta property="article:published_time" content="2026-03-02T09:00:00Z"></head><body>
<nav><a href="/">Home</a><a href="/world">World</a></nav><article><h1>` + title + `</h1>`)
	for range n {
		b.WriteString("<p>" + para + "</p>\n")
	}
	b.WriteString(`</article><footer>Copyright Example News, all rights reserved worldwide.</footer></body></html>`)
	return b.String()
}

func TestFeedTeaserGetsFullText(t *testing.T) {
	srv := newSite(t)
	para := "Crews cleared timber, rope and a capsized dinghy from the quay, and the harbour master said the breakwater had held remarkably well."
	srv.serve("/story/1", "text/html; charset=utf-8", []byte(articlePage("Harbour reopens", para, 8)))
	srv.serve("/feed.xml", "application/rss+xml", rss(rssItem{
		guid: "1", title: "Harbour reopens", link: srv.URL + "/story/1",
		desc: "The harbour reopened on Thursday. <a href='x'>Read more</a>", pubDate: "Mon, 02 Mar 2026 10:00:00 GMT", category: "Local",
	}))
	h := newFeedHarness(t, FeedConfig{Feeds: []Feed{{Name: "example", URL: srv.URL + "/feed.xml"}}, Fetcher: testFetcher(t, true)})
	h.poll(t, "example")
	arts := h.articles(t)
	if len(arts) != 1 {
		t.Fatalf("%d articles, want 1", len(arts))
	}
	a := arts[0]
	if a.BodySource != article.BodyFromPage || strings.Count(a.Body, para) != 8 {
		t.Fatalf("body_source %q, body:\n%s", a.BodySource, a.Body)
	}
	for _, junk := range []string{"Home", "Copyright", "Read more"} {
		if strings.Contains(a.Body, junk) {
			t.Errorf("boilerplate %q in the body", junk)
		}
	}
	if a.Summary != "The harbour reopened on Thursday. Read more" {
		t.Errorf("summary %q, want the feed's teaser", a.Summary)
	}
	if a.Section != "Local" || a.Title != "Harbour reopens" || a.Language != "en" {
		t.Errorf("section %q title %q language %q: the feed's values win", a.Section, a.Title, a.Language)
	}
	if len(a.Authors) != 1 || a.Authors[0] != "Page Author" {
		t.Errorf("authors %q, want the page's (the feed has none)", a.Authors)
	}
	if a.PublishedAt == nil || a.PublishedAt.Format("15:04") != "10:00" {
		t.Errorf("published %v, want the feed's", a.PublishedAt)
	}
	if got := testutil.ToFloat64(h.src.metrics.fulltext.WithLabelValues("example", fulltextPage)); got != 1 {
		t.Errorf("fulltext{page} = %v", got)
	}
}

func TestFeedFullTextEncodingsAndFallbacks(t *testing.T) {
	euro := "Le café coûte 3 € à Zürich, a-t-il dit — «très cher», et les clients s'en plaignent déjà."
	cp1252, _ := charmap.Windows1252.NewEncoder().String(articlePage("Prix", euro, 10))
	jp := "東京の株式市場は、円安を背景に大きく値上がりし、投資家の間では先行きへの期待が広がっています。"
	sjis, _ := japanese.ShiftJIS.NewEncoder().String(articlePage("株価", jp, 10))
	long := articlePage("Story", "A full paragraph of article text that is long enough to count as the article body here.", 10)

	tests := []struct {
		name         string
		route        func(s *site)
		link         string // path on the site, or a full URL
		allowPrivate bool
		wantSource   string
		wantIn       string
		wantReason   string // feed error reason counted, if any
		wantHits     int    // requests that reached /page
	}{
		{"windows-1252 page", func(s *site) { s.serve("/page", "text/html", []byte(cp1252)) }, "/page", true, article.BodyFromPage, euro, "", 1},
		{"Shift_JIS page", func(s *site) { s.serve("/page", "text/html; charset=Shift_JIS", []byte(sjis)) }, "/page", true, article.BodyFromPage, jp, "", 1},
		{"not HTML", func(s *site) { s.serve("/page", "application/pdf", []byte("%PDF-1.7 "+long)) }, "/page", true, article.BodyFromSummary, "Short teaser", "not_html", 1},
		{"no article text", func(s *site) { s.serve("/page", "text/html", []byte("<html><body><nav>Home</nav></body></html>")) }, "/page", true, article.BodyFromSummary, "Short teaser", "no_text", 1},
		{"robots disallow", func(s *site) {
			s.serve("/robots.txt", "text/plain", []byte("User-agent: newsflow\nDisallow: /page\n"))
			s.serve("/page", "text/html", []byte(long))
		}, "/page", true, article.BodyFromSummary, "Short teaser", "robots", 0},
		{"gone", func(s *site) {}, "/page", true, article.BodyFromSummary, "Short teaser", "status", 1},
		{"private address refused by default", func(s *site) { s.serve("/page", "text/html", []byte(long)) }, "/page", false, article.BodyFromSummary, "Short teaser", "private_address", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newSite(t)
			tt.route(srv)
			// A file feed, so that the fetcher is used only for the item's page.
			path := filepath.Join(t.TempDir(), "feed.xml")
			if err := os.WriteFile(path, rss(rssItem{guid: "1", title: "Teaser", link: srv.URL + tt.link, desc: "Short teaser."}), 0o644); err != nil {
				t.Fatal(err)
			}
			h := newFeedHarness(t, FeedConfig{Feeds: []Feed{{Name: "f", URL: path}}, Fetcher: testFetcher(t, tt.allowPrivate)})
			h.poll(t, "f")
			arts := h.articles(t)
			if len(arts) != 1 {
				t.Fatalf("%d articles, want 1", len(arts))
			}
			if arts[0].BodySource != tt.wantSource || !strings.Contains(arts[0].Body, tt.wantIn) {
				t.Errorf("body_source %q, body %q; want %q containing %q", arts[0].BodySource, arts[0].Body, tt.wantSource, tt.wantIn)
			}
			if tt.wantReason != "" {
				if got := testutil.ToFloat64(h.src.metrics.errors.WithLabelValues("f", tt.wantReason)); got != 1 {
					t.Errorf("errors{reason=%s} = %v, want 1", tt.wantReason, got)
				}
				if got := testutil.ToFloat64(h.src.metrics.fulltext.WithLabelValues("f", fulltextSummary)); got != 1 {
					t.Errorf("fulltext{summary} = %v, want 1", got)
				}
			}
			if got := srv.count("/page"); got != tt.wantHits {
				t.Errorf("/page requested %d times, want %d", got, tt.wantHits)
			}
		})
	}
}
