package producer

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestFeedPollErrorsAreCountedByReason(t *testing.T) {
	srv := newSite(t)
	srv.handle("/500", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusInternalServerError) })
	srv.handle("/429", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	srv.serve("/html", "text/html", []byte("<html><body>Not a feed</body></html>"))
	srv.handle("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	tests := []struct{ name, path, reason string }{
		{"server error", "/500", "status"},
		{"not a feed", "/html", "parse"},
		{"redirect loop", "/loop", "redirects"},
		{"rate limited", "/429", "retry_later"}, // last: the host is then left alone for 10 minutes
	}
	var feeds []Feed
	for _, tt := range tests {
		feeds = append(feeds, Feed{Name: strings.ReplaceAll(tt.name, " ", "-"), URL: srv.URL + tt.path})
	}
	feeds = append(feeds, Feed{Name: "missing-file", URL: filepath.Join(t.TempDir(), "nope.xml")})
	tests = append(tests, struct{ name, path, reason string }{"missing file", "", "read"})
	h := newFeedHarness(t, FeedConfig{Feeds: feeds, Fetcher: testFetcher(t, true)})
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := h.src.Poll(context.Background(), feeds[i].Name, func(Record) error {
				t.Error("a failed poll emitted a record")
				return nil
			})
			if err == nil {
				t.Fatal("no error")
			}
			if got := testutil.ToFloat64(h.src.metrics.errors.WithLabelValues(feeds[i].Name, tt.reason)); got != 1 {
				t.Errorf("errors{reason=%s} = %v, want 1 (err %v)", tt.reason, got, err)
			}
		})
	}
}

func TestFeedUpdatedItemIsPublishedAgain(t *testing.T) {
	entry := func(updated string) []byte {
		return []byte(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><id>urn:1</id><title>Story</title><link href="https://news.example/1"/><published>2026-03-02T08:00:00Z</published>
<updated>` + updated + `</updated><content>` + words(160) + `</content></entry></feed>`)
	}
	path := filepath.Join(t.TempDir(), "feed.atom")
	if err := os.WriteFile(path, entry("2026-03-02T08:00:00Z"), 0o644); err != nil {
		t.Fatal(err)
	}
	h := newFeedHarness(t, FeedConfig{Feeds: []Feed{{Name: "f", URL: path}}})
	h.poll(t, "f")
	if err := os.WriteFile(path, entry("2026-03-02T11:00:00Z"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour) // a new modification time, whatever the file system's resolution
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	h.poll(t, "f", "f")
	arts := h.articles(t)
	if len(arts) != 2 || arts[0].ID != arts[1].ID || arts[1].Revision <= arts[0].Revision {
		t.Fatalf("want the update as a second revision of one article, got %d articles", len(arts))
	}
	if arts[1].Revision != time.Date(2026, 3, 2, 11, 0, 0, 0, time.UTC).UnixMilli() {
		t.Errorf("revision %d is not the updated time", arts[1].Revision)
	}
}

func TestFeedCharsetFromTheHTTPHeader(t *testing.T) {
	doc := "<rss version=\"2.0\"><channel><title>t</title><item><guid>1</guid><title>Caf\xe9 cr\xe8me \x96 \x93menu\x94</title>" +
		"<link>https://news.example/cafe</link><description>" + words(160) + "</description></item></channel></rss>"
	tests := []struct {
		name, contentType, body, want string
	}{
		{"header only", "application/rss+xml; charset=windows-1252", doc, "Café crème – “menu”"},
		{"declaration wins", "application/rss+xml; charset=utf-8", `<?xml version="1.0" encoding="windows-1252"?>` + doc, "Café crème – “menu”"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newSite(t)
			srv.serve("/feed.xml", tt.contentType, []byte(tt.body))
			h := newFeedHarness(t, FeedConfig{Feeds: []Feed{{Name: "f", URL: srv.URL + "/feed.xml"}}, Fetcher: testFetcher(t, true)})
			h.poll(t, "f")
			arts := h.articles(t)
			if len(arts) != 1 || arts[0].Title != tt.want {
				t.Fatalf("articles %d, title %q; want %q", len(arts), arts[0].Title, tt.want)
			}
		})
	}
}
