package producer

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/segmentio/kafka-go"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/producer/fetch"
)

// site is an httptest server with a handler per path and a request count per path.
type site struct {
	*httptest.Server
	mu     sync.Mutex
	routes map[string]http.HandlerFunc
	hits   map[string]int
	reqs   []*http.Request
}

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{routes: map[string]http.HandlerFunc{}, hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.reqs = append(s.reqs, r)
		h := s.routes[r.URL.Path]
		s.mu.Unlock()
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	s.routes[path] = h
	s.mu.Unlock()
}

// serve serves a fixed body with a content type.
func (s *site) serve(path, contentType string, body []byte) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	})
}

func (s *site) count(path string) int { s.mu.Lock(); defer s.mu.Unlock(); return s.hits[path] }

// testFetcher is a polite client that may reach httptest servers (allowPrivate) and does
// not wait for its rate limit.
func testFetcher(t *testing.T, allowPrivate bool) *fetch.Client {
	t.Helper()
	c, err := fetch.New(fetch.Config{
		Agent: "newsflow/test", Contact: "https://newsflow.example/bot", AllowPrivate: allowPrivate,
		Timeout: 5 * time.Second, Wait: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

type feedHarness struct {
	*harness
	src *FeedSource
}

func newFeedHarness(t *testing.T, cfg FeedConfig) *feedHarness {
	t.Helper()
	h := newHarness(t, func(c *Config) { c.Linger = time.Millisecond })
	if cfg.Registerer == nil {
		cfg.Registerer = h.reg
	}
	src, err := NewFeeds(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &feedHarness{harness: h, src: src}
}

// poll runs the producer over polls of the named feeds, in order, and returns their results.
func (h *feedHarness) poll(t *testing.T, names ...string) []PollResult {
	t.Helper()
	var res []PollResult
	_, err := h.p.Run(context.Background(), funcSource(func(ctx context.Context, emit func(Record) error) error {
		for _, n := range names {
			r, err := h.src.Poll(ctx, n, emit)
			if err != nil {
				return err
			}
			res = append(res, r)
		}
		return nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func (h *feedHarness) articles(t *testing.T) []*article.Article {
	t.Helper()
	var out []*article.Article
	for _, m := range h.raw.messages() {
		a, err := article.Decode(m.Value)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// words returns n words of filler prose.
func words(n int) string {
	w := strings.Fields("the council said on Monday that the new harbour wall would be finished before the winter storms arrive")
	out := make([]string, n)
	for i := range out {
		out[i] = w[i%len(w)]
	}
	return strings.Join(out, " ")
}

type rssItem struct{ guid, title, link, desc, content, pubDate, category, author string }

func rss(items ...rssItem) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Example News</title><link>https://news.example/</link><language>en-gb</language>`)
	for _, it := range items {
		fmt.Fprintf(&b, "<item><guid>%s</guid><title>%s</title><link>%s</link><description><![CDATA[%s]]></description>", it.guid, it.title, it.link, it.desc)
		if it.content != "" {
			fmt.Fprintf(&b, "<content:encoded><![CDATA[%s]]></content:encoded>", it.content)
		}
		if it.pubDate != "" {
			fmt.Fprintf(&b, "<pubDate>%s</pubDate>", it.pubDate)
		}
		if it.category != "" {
			fmt.Fprintf(&b, "<category>%s</category>", it.category)
		}
		if it.author != "" {
			fmt.Fprintf(&b, "<dc:creator>%s</dc:creator>", it.author)
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel></rss>")
	return []byte(b.String())
}

// longItems are n items whose content is long enough not to need their page.
func longItems(base string, n int) []rssItem {
	var items []rssItem
	for i := 1; i <= n; i++ {
		items = append(items, rssItem{
			guid: fmt.Sprintf("item-%d", i), title: fmt.Sprintf("Story %d", i), link: fmt.Sprintf("%s/story/%d", base, i),
			desc: "Teaser.", content: "<p>" + words(200) + "</p>", pubDate: "Mon, 02 Mar 2026 10:00:00 GMT",
		})
	}
	return items
}

func TestFeedConditionalGet(t *testing.T) {
	srv := newSite(t)
	feed := rss(longItems(srv.URL, 2)...)
	srv.handle("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` && r.Header.Get("If-Modified-Since") == "Mon, 02 Mar 2026 10:00:00 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Mar 2026 10:00:00 GMT")
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(feed)
	})
	h := newFeedHarness(t, FeedConfig{Feeds: []Feed{{Name: "example", URL: srv.URL + "/feed.xml"}}, Fetcher: testFetcher(t, true)})
	res := h.poll(t, "example", "example")
	if res[0].New != 2 || res[0].Produced != 2 || !res[1].NotModified || res[1].New != 0 {
		t.Fatalf("poll results %+v", res)
	}
	if n := len(h.raw.messages()); n != 2 {
		t.Errorf("%d articles published, want 2 (the 304 publishes nothing)", n)
	}
	m := h.src.metrics
	for _, c := range []struct {
		name string
		got  float64
		want float64
	}{
		{"polls", testutil.ToFloat64(m.polls.WithLabelValues("example")), 2},
		{"not_modified", testutil.ToFloat64(m.notModified.WithLabelValues("example")), 1},
		{"articles", testutil.ToFloat64(m.articles.WithLabelValues("example")), 2},
		{"items", testutil.ToFloat64(m.items.WithLabelValues("example")), 2},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestFeedRestartPublishesNothing(t *testing.T) {
	srv := newSite(t)
	srv.serve("/feed.xml", "application/rss+xml", rss(longItems(srv.URL, 3)...)) // no validators: always 200
	dir := t.TempDir()
	cfg := FeedConfig{Feeds: []Feed{{Name: "example", URL: srv.URL + "/feed.xml"}}, StateDir: dir}

	cfg.Fetcher = testFetcher(t, true)
	first := newFeedHarness(t, cfg)
	if res := first.poll(t, "example"); res[0].Produced != 3 {
		t.Fatalf("first run: %+v", res)
	}
	// A new process: new source, new producer (so no in-run dedup), same state directory.
	second := newFeedHarness(t, cfg)
	res := second.poll(t, "example")
	if res[0].Items != 3 || res[0].New != 0 || len(second.raw.messages()) != 0 {
		t.Fatalf("after restart: %+v, %d published; want nothing republished", res, len(second.raw.messages()))
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "example.json" {
		t.Errorf("state dir holds %v, want only example.json (no temporary files left)", entries)
	}
}

func TestFeedFailedWriteIsRetriedNextPoll(t *testing.T) {
	srv := newSite(t)
	srv.handle("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write(rss(longItems(srv.URL, 1)...))
	})
	cfg := FeedConfig{Feeds: []Feed{{Name: "example", URL: srv.URL + "/feed.xml"}}, Fetcher: testFetcher(t, true), StateDir: t.TempDir()}
	h := newFeedHarness(t, cfg)
	h.raw.fail = func(int, []kafka.Message) error { return errors.New("broker down") }
	_, err := h.p.Run(context.Background(), funcSource(func(ctx context.Context, emit func(Record) error) error {
		_, err := h.src.Poll(ctx, "example", emit)
		return err
	}))
	if err == nil {
		t.Fatal("the failed write must end the run")
	}
	// The validators were not kept, so the next poll gets the whole feed again.
	h2 := newFeedHarness(t, cfg)
	if res := h2.poll(t, "example"); res[0].NotModified || res[0].Produced != 1 {
		t.Fatalf("after a failed write the item must be fetched and published again: %+v", res)
	}
}

func TestFeedWithEntitiesIsRefused(t *testing.T) {
	srv := newSite(t)
	srv.serve("/secret", "text/plain", []byte("TOP-SECRET"))
	xxe := `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "` + srv.URL + `/secret"><!ENTITY file SYSTEM "file:///etc/hostname">]>
<rss version="2.0"><channel><title>t</title><item><guid>1</guid><title>&xxe;&file;</title><link>https://news.example/1</link><description>` + words(200) + `</description></item></channel></rss>`
	var bomb strings.Builder
	bomb.WriteString(`<?xml version="1.0"?>` + "\n<!-- a comment first <x> -->\n" + `<!DOCTYPE lolz [<!ENTITY lol "lol">`)
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&bomb, `<!ENTITY lol%d "%s">`, i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
	}
	bomb.WriteString(`]><rss version="2.0"><channel><title>&lol9;</title><item><guid>1</guid><title>&lol9;</title><description>` + words(200) + `</description></item></channel></rss>`)
	srv.serve("/xxe.xml", "application/rss+xml", []byte(xxe))
	srv.serve("/bomb.xml", "application/rss+xml", []byte(bomb.String()))

	h := newFeedHarness(t, FeedConfig{Feeds: []Feed{{Name: "xxe", URL: srv.URL + "/xxe.xml"}, {Name: "bomb", URL: srv.URL + "/bomb.xml"}}, Fetcher: testFetcher(t, true)})
	for _, name := range []string{"xxe", "bomb"} {
		t.Run(name, func(t *testing.T) {
			_, err := h.p.Run(context.Background(), funcSource(func(ctx context.Context, emit func(Record) error) error {
				_, err := h.src.Poll(ctx, name, emit)
				return err
			}))
			if !errors.Is(err, ErrUnsafeXML) {
				t.Fatalf("err %v, want ErrUnsafeXML", err)
			}
			if got := testutil.ToFloat64(h.src.metrics.errors.WithLabelValues(name, feedReasonUnsafeXML)); got != 1 {
				t.Errorf("errors{reason=unsafe_xml} = %v", got)
			}
		})
	}
	if n := len(h.raw.messages()); n != 0 {
		t.Errorf("%d articles published from refused feeds", n)
	}
	// Defence in depth: the parser under the guard does not resolve or expand entities.
	for _, doc := range []string{xxe, bomb.String()} {
		f, err := gofeed.NewParser().ParseString(doc)
		if err == nil && len(f.Items) > 0 && (strings.Contains(f.Items[0].Title, "TOP-SECRET") || strings.Contains(f.Items[0].Title, "lollol")) {
			t.Errorf("gofeed expanded an entity: %q", f.Items[0].Title)
		}
	}
	if srv.count("/secret") != 0 {
		t.Error("the external entity was fetched")
	}
	// A DOCTYPE without an internal subset is fine, and so is "<!ENTITY" in an item's text.
	ok := `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">` +
		`<rss version="0.91"><channel><title>t</title><item><title>About &lt;!ENTITY&gt;</title><description><![CDATA[<!DOCTYPE x [<!ENTITY a "b">]>]]></description></item></channel></rss>`
	if err := checkXMLSafe([]byte(ok)); err != nil {
		t.Errorf("a plain DOCTYPE was refused: %v", err)
	}
}

func TestFeedFormats(t *testing.T) {
	atomFeed := `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Le Journal</title><link href="https://journal.example/"/>
<entry><id>urn:uuid:1</id><title type="html">Les march&#233;s &lt;b&gt;montent&lt;/b&gt;</title><link href="/eco/1"/>
<published>2026-03-02T08:00:00+01:00</published><updated>2026-03-02T09:30:00+01:00</updated>
<author><name>Claire Dubois</name></author><category term="Économie"/>
<content type="html">&lt;p&gt;` + words(160) + `&lt;/p&gt;</content></entry></feed>`
	jsonFeed := `{"version":"https://jsonfeed.org/version/1.1","title":"JSON News","home_page_url":"https://json.example/","language":"de-DE",
"items":[{"id":"j1","url":"https://json.example/a?utm_source=feed","title":"Zinsen steigen","content_text":"` + words(170) + `",
"summary":"Kurz.","date_published":"2026-03-02T10:00:00Z","authors":[{"name":"Jan Weber"}],"tags":["Wirtschaft"],"image":"https://json.example/a.jpg"}]}`
	rssFeed := string(rss(rssItem{guid: "r1", title: "Rates &amp; markets", link: "https://news.example/r1", desc: "Teaser.", content: "<p>" + words(155) + "</p>",
		pubDate: "Mon, 02 Mar 2026 10:00:00 GMT", category: "Business", author: "Ann Lee"}))

	tests := []struct {
		name, body string
		want       article.Article
	}{
		{"rss", rssFeed, article.Article{URL: "https://news.example/r1", Title: "Rates & markets", Language: "en",
			Authors: []string{"Ann Lee"}, Section: "Business", Summary: "Teaser.", BodySource: article.BodyFromFeed}},
		{"atom", atomFeed, article.Article{URL: "https://journal.example/eco/1", Title: "Les marchés montent", Language: "fr",
			Authors: []string{"Claire Dubois"}, Section: "Économie", BodySource: article.BodyFromFeed}},
		{"json", jsonFeed, article.Article{URL: "https://json.example/a?utm_source=feed", Title: "Zinsen steigen", Language: "de",
			Authors: []string{"Jan Weber"}, Section: "Wirtschaft", Summary: "Kurz.", ImageURL: "https://json.example/a.jpg", BodySource: article.BodyFromFeed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "feed")
			if err := os.WriteFile(path, []byte(tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			h := newFeedHarness(t, FeedConfig{Feeds: []Feed{{Name: "f", URL: path}}, FullTextMinWords: -1})
			h.poll(t, "f")
			arts := h.articles(t)
			if len(arts) != 1 {
				t.Fatalf("%d articles", len(arts))
			}
			a, w := arts[0], tt.want
			got := article.Article{URL: a.URL, Title: a.Title, Language: a.Language, Authors: a.Authors, Section: a.Section,
				Summary: a.Summary, ImageURL: a.ImageURL, BodySource: a.BodySource}
			if fmt.Sprint(got) != fmt.Sprint(w) {
				t.Errorf("got  %+v\nwant %+v", got, w)
			}
			if a.Source != "f" || extractWords(a.Body) < 150 || a.PublishedAt == nil || a.ID != article.NewID(w.URL, "", "") {
				t.Errorf("source %q, %d words, published %v, id %s", a.Source, extractWords(a.Body), a.PublishedAt, a.ID)
			}
			if tt.name == "atom" && (a.ModifiedAt == nil || a.Revision != a.ModifiedAt.UnixMilli()) {
				t.Errorf("atom updated time not the revision: %v %d", a.ModifiedAt, a.Revision)
			}
		})
	}
}

func extractWords(s string) int { return len(strings.Fields(s)) }

func TestFeedFileUnchangedIsNotModified(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feed.xml")
	if err := os.WriteFile(path, rss(longItems("https://news.example", 2)...), 0o644); err != nil {
		t.Fatal(err)
	}
	h := newFeedHarness(t, FeedConfig{Feeds: []Feed{{Name: "f", URL: path}}})
	res := h.poll(t, "f", "f")
	if res[0].Produced != 2 || !res[1].NotModified {
		t.Fatalf("%+v", res)
	}
}

// fakeTimers stands in for time.After: it reports each wait asked for, and fires only when
// the test says so.
type fakeTimers struct {
	asked chan time.Duration
	fire  chan time.Time
}

func (f *fakeTimers) After(d time.Duration) <-chan time.Time {
	f.asked <- d
	return f.fire
}

func TestFeedReadPollsOnItsIntervalWithJitter(t *testing.T) {
	srv := newSite(t)
	srv.serve("/feed.xml", "application/rss+xml", rss(longItems(srv.URL, 1)...))
	timers := &fakeTimers{asked: make(chan time.Duration), fire: make(chan time.Time)}
	h := newFeedHarness(t, FeedConfig{
		Feeds:   []Feed{{Name: "example", URL: srv.URL + "/feed.xml", Interval: 10 * time.Minute}},
		Fetcher: testFetcher(t, true), After: timers.After, Rand: func() float64 { return 0.75 },
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := h.p.Run(ctx, h.src)
		done <- err
	}()
	// Jitter 0.1 and Rand 0.75: 10m * (1 + 0.1*(2*0.75-1)) = 10m30s.
	for poll := 1; poll <= 3; poll++ {
		if d := <-timers.asked; d != 10*time.Minute+30*time.Second {
			t.Fatalf("wait %v, want 10m30s", d)
		}
		if got := srv.count("/feed.xml"); got != poll {
			t.Fatalf("%d polls before timer %d fired, want %d", got, poll, poll)
		}
		if poll < 3 {
			timers.fire <- time.Time{}
		}
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run: %v, want context.Canceled", err)
	}
	if n := len(h.raw.messages()); n != 1 {
		t.Errorf("%d articles published over 3 polls of one item, want 1", n)
	}
}

func TestReadFeedList(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Feed
		err      string
	}{
		{"full", "# comment\n\nhttps://a.example/rss  world  10m  en\n/var/feeds/b.xml local\nhttps://c.example/atom c-feed - fr\n",
			[]Feed{{Name: "world", URL: "https://a.example/rss", Interval: 10 * time.Minute, Language: "en"},
				{Name: "local", URL: "/var/feeds/b.xml"}, {Name: "c-feed", URL: "https://c.example/atom", Language: "fr"}}, ""},
		{"bad name", "https://a.example/rss World\n", nil, "line 1: name"},
		{"duplicate", "https://a.example/rss a\nhttps://b.example/rss a\n", nil, "used twice"},
		{"too fast", "https://a.example/rss a 10s\n", nil, "minimum"},
		{"bad interval", "https://a.example/rss a soon\n", nil, "line 1: interval"},
		{"bad language", "https://a.example/rss a 1h english\n", nil, "ISO 639-1"},
		{"missing name", "https://a.example/rss\n", nil, "want URL NAME"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadFeedList(strings.NewReader(tt.in))
			if tt.err != "" {
				if !errors.Is(err, ErrFeedList) || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil || fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Fatalf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestFeedMetricsStartAtZero(t *testing.T) {
	reg := prometheus.NewRegistry()
	if _, err := newFeedMetrics(reg, []Feed{{Name: "a"}, {Name: "b"}}); err != nil {
		t.Fatal(err)
	}
	// 5 series of {feed} + the {feed,reason} and {feed,result} sets, for 2 feeds.
	want := 2 * (5 + len(feedErrorReasons) + 2)
	if n := testutil.CollectAndCount(reg); n != want {
		t.Errorf("%d series, want %d", n, want)
	}
	problems, err := testutil.GatherAndLint(reg)
	if err != nil || len(problems) != 0 {
		t.Errorf("lint: %v %v", problems, err)
	}
}
