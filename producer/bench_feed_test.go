package producer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// BenchmarkFeedPoll measures one poll of a 100-item RSS file into a fake writer: parse, item
// to article, produce, wait for every acknowledgement, save the state. Each iteration uses
// a fresh state, so every item is new. b.N polls.
func BenchmarkFeedPoll(b *testing.B) {
	var items []rssItem
	for i := range 100 {
		items = append(items, rssItem{guid: fmt.Sprint(i), title: fmt.Sprintf("Story %d", i), link: fmt.Sprintf("https://news.example/%d", i),
			desc: "Teaser.", content: "<p>" + words(400) + "</p>", pubDate: "Mon, 02 Mar 2026 10:00:00 GMT", category: "World"})
	}
	dir := b.TempDir()
	path := filepath.Join(dir, "feed.xml")
	feed := rss(items...)
	if err := os.WriteFile(path, feed, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(feed)))
	for b.Loop() {
		w := &fakeWriter{}
		p, err := New(Config{Writer: w, Linger: time.Millisecond, Registerer: prometheus.NewRegistry()})
		if err != nil {
			b.Fatal(err)
		}
		src, err := NewFeeds(FeedConfig{Feeds: []Feed{{Name: "f", URL: path}}, StateDir: b.TempDir(), FullTextMinWords: -1})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.Run(context.Background(), funcSource(func(ctx context.Context, emit func(Record) error) error {
			_, err := src.Poll(ctx, "f", emit)
			return err
		})); err != nil {
			b.Fatal(err)
		}
		if n := len(w.messages()); n != 100 {
			b.Fatalf("%d articles", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/100, "µs/item")
}
