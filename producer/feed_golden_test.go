package producer

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestFeedGolden turns each feed in testdata/feeds into articles (as published on
// news.raw, fetched_at fixed) and compares them with FEED.golden.jsonl; -update rewrites
// the golden files.
func TestFeedGolden(t *testing.T) {
	feeds, err := filepath.Glob("testdata/feeds/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range feeds {
		if strings.HasSuffix(path, ".golden.jsonl") {
			continue
		}
		n++
		t.Run(filepath.Base(path), func(t *testing.T) {
			h := newFeedHarness(t, FeedConfig{Feeds: []Feed{{Name: "golden", URL: path}}, FullTextMinWords: -1})
			h.poll(t, "golden")
			var got bytes.Buffer
			for _, m := range h.raw.messages() {
				if _, err := article.Decode(m.Value); err != nil {
					t.Fatalf("published article does not decode: %v", err)
				}
				got.Write(m.Value)
				got.WriteByte('\n')
			}
			golden := strings.TrimSuffix(path, filepath.Ext(path)) + ".golden.jsonl"
			if *updateGolden {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("articles differ from %s:\ngot:\n%s\nwant:\n%s", golden, got.Bytes(), want)
			}
		})
	}
	if n < 4 {
		t.Fatalf("%d feeds in testdata/feeds, want at least 4", n)
	}
}
