package sink

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/kafkaio/kafkatest"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/embedded"
)

// storyText is a body of n words that only texts made from the same seed resemble.
func storyText(seed string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%s%d word%d ", seed, i%7, i)
	}
	return b.String()
}

// dayArticle is article id at revision rev, published on day d of January 2024.
func dayArticle(id string, rev int64, body string, d int) *article.Article {
	p := time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC)
	return &article.Article{ID: id, Title: "t", Body: body, Revision: rev, SchemaVersion: article.SchemaVersion,
		FetchedAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), PublishedAt: &p}
}

// sinkBatch runs the sink over arts as one batch into st.
func sinkBatch(t *testing.T, st store.Writer, arts ...*article.Article) {
	t.Helper()
	sinkBatchLimit(t, st, 0, arts...)
}

// sinkBatchLimit is sinkBatch with Config.DuplicateCandidates = limit.
func sinkBatchLimit(t *testing.T, st store.Writer, limit int, arts ...*article.Article) {
	t.Helper()
	sinkRun(t, Config{Store: st, DuplicateCandidates: limit, Registerer: prometheus.NewRegistry()}, arts...)
}

// sinkRun runs the sink with cfg over arts, in batches of cfg.BatchSize (default: all of
// them in one batch; a multiple of it, since batches are cut by count alone); it fills in
// the reader, the dead-letter queue, the backoff and the logger.
func sinkRun(t *testing.T, cfg Config, arts ...*article.Article) {
	t.Helper()
	var msgs []kafka.Message
	for i, a := range arts {
		v, err := article.Encode(a)
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, kafka.Message{Offset: int64(i), Value: v})
	}
	r := kafkatest.NewReader(msgs)
	cfg.Reader, cfg.DLQ, cfg.DeadLetter, cfg.BatchAge, cfg.Backoff, cfg.Logger =
		r, &kafkatest.Writer{}, deadLetter, time.Hour, fastBackoff, quiet
	if cfg.BatchSize == 0 {
		cfg.BatchSize = len(msgs)
	}
	run(t, cfg, r)
}

// storedLinks returns duplicate_of of the stored articles with these ids, leaving out those
// that cannot be read.
func storedLinks(t *testing.T, st store.Duplicates, ids ...string) map[string]string {
	t.Helper()
	docs, err := st.Lookup(context.Background(), ids)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, d := range docs {
		if a, err := store.ToArticle(d); err == nil {
			out[d.ID] = a.DuplicateOf
		}
	}
	return out
}

// TestSinkStaleReplayKeepsStories: an older revision delivered again (a replay, an offset
// reset) is written stale, and must not move its story: the stored, newer version speaks for
// the article. Without that, the replay's earlier date made it the root and re-pointed the
// old root to it, while its own stale write kept pointing at the old root: a cycle.
func TestSinkStaleReplayKeepsStories(t *testing.T) {
	st := openEmbedded(t)
	body := storyText("beta", 60)
	sinkBatch(t, st, dayArticle("orig", 1, body, 5), dayArticle("x", 2, body+" more", 9))
	want := map[string]string{"orig": "", "x": "orig"}
	if got := storedLinks(t, st, "orig", "x"); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after the first batch: %v, want %v", got, want)
	}
	sinkBatch(t, st, dayArticle("x", 1, body+" more", 1)) // revision 1, dated before orig
	if got := storedLinks(t, st, "orig", "x"); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after replaying x's older revision: %v, want %v", got, want)
	}
}

// TestConfigBoundsDuplicateCandidates: a lookup larger than Elasticsearch's result window
// would be refused on every batch, so the sink refuses the setting at start.
func TestConfigBoundsDuplicateCandidates(t *testing.T) {
	base := Config{Reader: kafkatest.NewReader(nil), Store: &fakeStoreForValidate{}, DLQ: &kafkatest.Writer{}, DeadLetter: deadLetter}
	for _, tc := range []struct {
		n  int
		ok bool
	}{{0, true}, {1, true}, {MaxDuplicateCandidates, true}, {MaxDuplicateCandidates + 1, false}, {-1, false}} {
		c := base
		c.DuplicateCandidates = tc.n
		if err := c.Validate(); (err == nil) != tc.ok {
			t.Errorf("DuplicateCandidates %d: Validate = %v, want ok %v", tc.n, err, tc.ok)
		}
	}
}

type fakeStoreForValidate struct{ store.Writer }

// TestSinkRootRevisionCompetesAgain: a story's root corrected to a later date stops being
// the root when one of its stored copies is now earlier, as `newsflow tag` would decide.
func TestSinkRootRevisionCompetesAgain(t *testing.T) {
	st := openEmbedded(t)
	body := storyText("gamma", 60)
	sinkBatch(t, st, dayArticle("orig", 1, body, 1), dayArticle("cp", 1, body+" credit", 2))
	if got := storedLinks(t, st, "orig", "cp"); got["cp"] != "orig" {
		t.Fatalf("after the first batch: %v", got)
	}
	sinkBatch(t, st, dayArticle("orig", 2, body, 3)) // corrected: published on the 3rd
	want := map[string]string{"orig": "cp", "cp": ""}
	if got := storedLinks(t, st, "orig", "cp"); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after orig's later-dated revision: %v, want %v", got, want)
	}
}

// TestSinkRootRevisionLeavesItsStory: a root whose new revision no longer matches its copies
// (and now matches another story) leaves them a story of their own, rather than a chain of
// copies pointing at a copy.
func TestSinkRootRevisionLeavesItsStory(t *testing.T) {
	st := openEmbedded(t)
	body, other := storyText("eps", 60), storyText("zeta", 60)
	sinkBatch(t, st, dayArticle("q", 1, other, 1), dayArticle("orig", 1, body, 5), dayArticle("cp", 1, body+" x", 6))
	if got := storedLinks(t, st, "q", "orig", "cp"); got["cp"] != "orig" || got["orig"] != "" {
		t.Fatalf("after the first batch: %v", got)
	}
	sinkBatch(t, st, dayArticle("orig", 2, other+" y", 5))
	want := map[string]string{"q": "", "orig": "q", "cp": ""}
	if got := storedLinks(t, st, "q", "orig", "cp"); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after orig's revision that matches q: %v, want %v", got, want)
	}
}

func openEmbedded(t *testing.T) *embedded.Store {
	t.Helper()
	st, err := embedded.Open(t.TempDir(), embedded.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// countingStore records the size of every write request.
type countingStore struct {
	*embedded.Store
	sizes []int
}

func (c *countingStore) Write(ctx context.Context, docs []store.Document) ([]store.Result, error) {
	c.sizes = append(c.sizes, len(docs))
	return c.Store.Write(ctx, docs)
}

// TestSinkRepointsStayWithinBatchLimits: when an earlier copy re-points a story of many
// stored copies, the rewrites go in requests no larger than a batch, not in one request that
// grows with the story.
func TestSinkRepointsStayWithinBatchLimits(t *testing.T) {
	st := openEmbedded(t)
	body := storyText("theta", 60)
	var copies []*article.Article
	for i := range 6 {
		copies = append(copies, dayArticle(fmt.Sprintf("c%d", i), 1, body+strings.Repeat(" z", i), 10+i))
	}
	sinkBatch(t, st, copies...)
	cs := &countingStore{Store: st}
	var msgs []kafka.Message
	for i, a := range []*article.Article{dayArticle("first", 1, body, 1), dayArticle("other", 1, storyText("iota", 60), 1)} {
		v, err := article.Encode(a)
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, kafka.Message{Offset: int64(i), Value: v})
	}
	r := kafkatest.NewReader(msgs) // one full batch of two
	run(t, Config{Reader: r, Store: cs, DLQ: &kafkatest.Writer{}, DeadLetter: deadLetter, BatchSize: 2,
		BatchAge: time.Hour, Backoff: fastBackoff, Registerer: prometheus.NewRegistry(), Logger: quiet,
		NoDuplicateRecheck: true}, r)
	total := 0
	for _, n := range cs.sizes {
		total += n
		if n > 2 {
			t.Errorf("a write request of %d documents, more than the batch size 2 (all: %v)", n, cs.sizes)
		}
	}
	if total != 8 {
		t.Errorf("wrote %d documents (%v), want 8: the batch's two and six re-pointed copies", total, cs.sizes)
	}
	got := storedLinks(t, st, "first", "c0", "c5")
	if want := map[string]string{"first": "", "c0": "first", "c5": "first"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("links %v, want %v", got, want)
	}
}

// TestSinkLookupLimitPerStory: the lookup limit bounds what one story can fill, not the whole
// batch: a batch touching a story with more stored copies than the limit still links its
// other articles to their own stories.
func TestSinkLookupLimitPerStory(t *testing.T) {
	st := openEmbedded(t)
	big, small := storyText("kappa", 60), storyText("lambda", 60)
	var first []*article.Article
	for i := range 6 {
		first = append(first, dayArticle(fmt.Sprintf("a%d", i), 1, big+strings.Repeat(" z", i), 1+i))
	}
	first = append(first, dayArticle("b0", 1, small, 10))
	sinkBatchLimit(t, st, 5, first...)
	sinkBatchLimit(t, st, 5, dayArticle("acp", 1, big+" q", 20), dayArticle("bcp", 1, small+" q", 20))
	got := storedLinks(t, st, "acp", "bcp")
	if got["bcp"] != "b0" || got["acp"] != "a0" {
		t.Errorf("links %v, want acp -> a0 and bcp -> b0", got)
	}
}
