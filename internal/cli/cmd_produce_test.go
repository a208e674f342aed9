package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/kafkaio"
)

func TestProduceIngestFlagsAreCheckedFirst(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("https://a.example/rss Not-A-Name\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"nothing to read", nil, "or --feeds or --listen"},
		{"listen without token", []string{"--listen", "127.0.0.1:0"}, "--push-token"},
		{"bad feed list", []string{"--feeds", bad}, "line 1: name"},
		{"missing feed list", []string{"--feeds", filepath.Join(dir, "none.txt")}, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A usage error (code 2) before any connection: the broker address is unreachable.
			args := append([]string{"produce", "--kafka-brokers", "127.0.0.1:1"}, tt.args...)
			code, _, stderr := run(t, "", args...)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("code %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
		})
	}
}

// TestProduceFeedsThroughTheBroker runs `newsflow produce --feeds` against an embedded
// broker: a file feed's items reach news.raw, and an interrupt ends the serving run with
// exit code 0.
func TestProduceFeedsThroughTheBroker(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a broker")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	b, err := broker.Start(ctx, broker.Config{Addr: "127.0.0.1:0", Partitions: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	dir := t.TempDir()
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><guid>1</guid><title>One</title><link>https://news.example/1</link><description>First story body.</description></item>
<item><guid>2</guid><title>Two</title><link>https://news.example/2</link><description>Second story body.</description></item>
</channel></rss>`
	list := filepath.Join(dir, "feeds.txt")
	for path, data := range map[string]string{filepath.Join(dir, "feed.xml"): feed, list: filepath.Join(dir, "feed.xml") + " local 1h en\n"} {
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	runCtx, stop := context.WithCancel(ctx)
	exit := make(chan int, 1)
	var stderr lockedBuffer
	go func() {
		exit <- Main(runCtx, Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr}, []string{"produce",
			"--kafka-brokers", b.Addrs()[0], "--feeds", list, "--data-dir", filepath.Join(dir, "data"), "--fulltext-min-words", "-1"})
	}()
	r := kafkaio.NewReader(kafkaio.Config{Brokers: b.Addrs()}, kafkaio.TopicRaw, "feed-test")
	defer r.Close()
	titles := map[string]bool{}
	for len(titles) < 2 {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			t.Fatalf("read news.raw: %v (produce said: %s)", err, stderr.String())
		}
		a, err := article.Decode(m.Value)
		if err != nil {
			t.Fatal(err)
		}
		if a.Source != "local" || a.BodySource != article.BodyFromFeed || a.Language != "en" {
			t.Errorf("article %+v", a)
		}
		titles[a.Title] = true
	}
	stop()
	if code := <-exit; code != 0 {
		t.Errorf("interrupted serving run: exit %d, want 0: %s", code, stderr.String())
	}
	if !titles["One"] || !titles["Two"] {
		t.Errorf("titles %v", titles)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "feeds", "local.json")); err != nil {
		t.Errorf("feed state not saved under --data-dir: %v", err)
	}
}

// lockedBuffer is a bytes.Buffer safe for a command writing while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
