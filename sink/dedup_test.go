package sink

import (
	"bufio"
	"bytes"
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"

	"github.com/newsflow/newsflow/enricher/dedup"
	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/kafkaio/kafkatest"
	"github.com/newsflow/newsflow/internal/synth"
	"github.com/newsflow/newsflow/internal/telemetry/telemetrytest"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/embedded"
)

// synthArticles returns the good articles of n synthetic lines with planted near-copies, one
// per id, normalised, with the ids the producer would give them.
func synthArticles(t testing.TB, n int) []*article.Article {
	t.Helper()
	var buf bytes.Buffer
	truth, err := synth.Generate(&buf, synth.Config{Articles: n, Seed: 5, DupRate: 0.35})
	if err != nil {
		t.Fatal(err)
	}
	var out []*article.Article
	seen := map[string]bool{}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 8<<20)
	for i := 0; sc.Scan(); i++ {
		if l := truth.Lines[i]; l.Good() && !seen[l.ID] {
			seen[l.ID] = true
			a, err := article.Decode(sc.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			a.Normalize(jan)
			a.ID, a.Revision = l.ID, 1
			out = append(out, a)
		}
	}
	return out
}

// dupBackends open each search store empty.
var dupBackends = []struct {
	name string
	open func(t *testing.T) store.Writer
}{
	{"embedded", func(t *testing.T) store.Writer {
		s, err := embedded.Open(t.TempDir(), embedded.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Close() })
		return s
	}},
	{"elastic", func(t *testing.T) store.Writer {
		s, _ := openES(t)
		return s
	}},
}

// TestSinkLinksNearDuplicates writes the same articles in several orders, in small batches
// over two partitions, into each store, and checks that every stored article's duplicate_of
// is what dedup.Resolve says for the whole set: the answer depends on neither arrival order
// nor batch boundaries (each batch sees only what the store holds, as after a restart).
func TestSinkLinksNearDuplicates(t *testing.T) {
	arts := synthArticles(t, 150)
	items := make([]dedup.Item, len(arts))
	for i, a := range arts {
		items[i] = dedup.Item{ID: a.ID, Date: dedup.DateOf(a), Sig: dedup.SignArticle(a)}
	}
	want := dedup.Resolve(items)
	if len(want) < 20 {
		t.Fatalf("only %d copies among %d articles: the test measures nothing", len(want), len(arts))
	}
	orders := []struct {
		name  string
		order func([]*article.Article)
	}{
		{"oldest first", func(a []*article.Article) {
			slices.SortStableFunc(a, func(x, y *article.Article) int {
				return dedup.Compare(dedup.DateOf(x), x.ID, dedup.DateOf(y), y.ID)
			})
		}},
		{"newest first", func(a []*article.Article) {
			slices.SortStableFunc(a, func(x, y *article.Article) int {
				return -dedup.Compare(dedup.DateOf(x), x.ID, dedup.DateOf(y), y.ID)
			})
		}},
		{"shuffled", func(a []*article.Article) {
			r := rand.New(rand.NewPCG(3, 4))
			r.Shuffle(len(a), func(i, j int) { a[i], a[j] = a[j], a[i] })
		}},
	}
	for _, b := range dupBackends {
		for _, o := range orders {
			t.Run(b.name+"/"+o.name, func(t *testing.T) {
				in := slices.Clone(arts)
				o.order(in)
				var msgs []kafka.Message
				for i, a := range in {
					v, err := article.Encode(a)
					if err != nil {
						t.Fatal(err)
					}
					msgs = append(msgs, kafka.Message{Partition: i % 2, Offset: int64(i / 2), Value: v})
				}
				st := b.open(t)
				reg := prometheus.NewRegistry()
				r := kafkatest.NewReader(msgs)
				run(t, Config{Reader: r, Store: st, DLQ: &kafkatest.Writer{}, DeadLetter: deadLetter, BatchSize: 16,
					BatchAge: time.Millisecond, Backoff: fastBackoff, Registerer: reg, Logger: quiet}, r)

				ids := make([]string, len(arts))
				for i, a := range arts {
					ids[i] = a.ID
				}
				docs, err := st.(store.Duplicates).Lookup(context.Background(), ids)
				if err != nil {
					t.Fatal(err)
				}
				if len(docs) != len(arts) {
					t.Fatalf("store holds %d of the %d articles", len(docs), len(arts))
				}
				wrong := 0
				for _, d := range docs {
					a, err := store.ToArticle(d)
					if err != nil {
						t.Fatal(err)
					}
					if a.DuplicateOf != want[d.ID] {
						if wrong++; wrong <= 5 {
							t.Errorf("%s: duplicate_of = %q, want %q", d.ID, a.DuplicateOf, want[d.ID])
						}
					}
				}
				if wrong > 0 {
					t.Errorf("%d of %d articles have the wrong duplicate_of", wrong, len(docs))
				}
				dups := telemetrytest.Value(t, reg, "newsflow_sink_duplicates_total")
				moved := telemetrytest.Value(t, reg, "newsflow_sink_duplicate_repoints_total")
				t.Logf("%d copies: %v written as copies, %v re-pointed", len(want), dups, moved)
				if got := telemetrytest.Value(t, reg, "newsflow_sink_duplicate_recheck_rewrites_total"); got != 0 {
					t.Errorf("a lone sink's recheck rewrote %v documents, want 0", got)
				}
				if o.name == "oldest first" && (dups != float64(len(want)) || moved != 0) {
					t.Errorf("oldest first: %v written as copies and %v re-pointed, want %d and 0", dups, moved, len(want))
				}
				if o.name == "newest first" && moved == 0 {
					t.Error("newest first: nothing re-pointed")
				}
			})
		}
	}
}

// lookupFailing is a healthy store whose near-duplicate lookups fail with errs in turn, then
// find nothing.
type lookupFailing struct {
	scriptedStore
	errs []error
}

func (s *lookupFailing) next() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.errs) == 0 {
		return nil
	}
	err := s.errs[0]
	s.errs = s.errs[1:]
	return err
}

func (s *lookupFailing) Candidates(context.Context, []string, int) ([]store.Candidate, error) {
	return nil, s.next()
}

func (s *lookupFailing) Members(context.Context, []string, int) ([]store.Candidate, error) {
	return nil, s.next()
}

func (s *lookupFailing) Lookup(context.Context, []string) ([]store.Document, error) {
	return nil, s.next()
}

// TestSinkLookupFailures: a transient lookup failure is retried like a failed write; a store
// that refuses the lookup itself (a server without _search) gets the batch unlinked rather
// than never.
func TestSinkLookupFailures(t *testing.T) {
	arts := synthArticles(t, 12)
	tests := []struct {
		name         string
		errs         []error
		wantUnlinked float64
		wantRetries  float64
	}{
		{"transient", []error{store.ErrUnavailable, store.ErrUnavailable}, 0, 2},
		{"refused", []error{store.ErrRequestRejected}, float64(len(arts)), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var msgs []kafka.Message
			for i, a := range arts {
				v, err := article.Encode(a)
				if err != nil {
					t.Fatal(err)
				}
				msgs = append(msgs, kafka.Message{Offset: int64(i), Value: v})
			}
			st := &lookupFailing{scriptedStore: scriptedStore{docs: map[string]int64{}}, errs: tt.errs}
			reg := prometheus.NewRegistry()
			r := kafkatest.NewReader(msgs)
			run(t, Config{Reader: r, Store: st, DLQ: &kafkatest.Writer{}, DeadLetter: deadLetter, BatchSize: len(msgs),
				BatchAge: time.Hour, Backoff: fastBackoff, Registerer: reg, Logger: quiet}, r)
			if len(st.docs) != len(arts) {
				t.Fatalf("stored %d of %d articles", len(st.docs), len(arts))
			}
			if got := telemetrytest.Value(t, reg, "newsflow_sink_duplicate_unlinked_total"); got != tt.wantUnlinked {
				t.Errorf("unlinked = %v, want %v", got, tt.wantUnlinked)
			}
			if got := counter(t, reg, "newsflow_sink_retries_total", "kind", retryRequest); got != tt.wantRetries {
				t.Errorf("request retries = %v, want %v", got, tt.wantRetries)
			}
		})
	}
}

// racingStore is another sink's write landing between this sink's lookup and its write: its
// first Write stores other, then the batch.
type racingStore struct {
	*embedded.Store
	other store.Document
	once  bool
}

func (s *racingStore) Write(ctx context.Context, docs []store.Document) ([]store.Result, error) {
	if !s.once {
		s.once = true
		if _, err := s.Store.Write(ctx, []store.Document{s.other}); err != nil {
			return nil, err
		}
	}
	return s.Store.Write(ctx, docs)
}

// TestSinkRecheckLinksARacingCopy: another sink stores the earlier copy of a story after this
// sink's lookup and before its write. The recheck after the write links the two (the later
// copy points to the earlier); without it the two stay two stories.
func TestSinkRecheckLinksARacingCopy(t *testing.T) {
	arts := synthArticles(t, 150)
	sigs := make([]*dedup.Signature, len(arts))
	for i, a := range arts {
		sigs[i] = dedup.SignArticle(a)
	}
	var orig, cp *article.Article
	for i, a := range arts {
		for j, b := range arts[i+1:] {
			sa, sb := sigs[i], sigs[i+1+j]
			if orig == nil && sa != nil && sb != nil && dedup.Similar(sa, sb) {
				orig, cp = a, b
				if dedup.Compare(dedup.DateOf(b), b.ID, dedup.DateOf(a), a.ID) < 0 {
					orig, cp = b, a
				}
			}
		}
	}
	if orig == nil {
		t.Fatal("no near-copy pair in the synthetic articles")
	}
	other, err := store.FromArticle(orig)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		noCheck bool
		want    string
	}{
		{"recheck", false, orig.ID},
		{"no recheck", true, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			emb, err := embedded.Open(t.TempDir(), embedded.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer emb.Close()
			st := &racingStore{Store: emb, other: other}
			v, err := article.Encode(cp)
			if err != nil {
				t.Fatal(err)
			}
			reg := prometheus.NewRegistry()
			r := kafkatest.NewReader([]kafka.Message{{Value: v}})
			run(t, Config{Reader: r, Store: st, DLQ: &kafkatest.Writer{}, DeadLetter: deadLetter, BatchSize: 1,
				Backoff: fastBackoff, Registerer: reg, Logger: quiet, NoDuplicateRecheck: tt.noCheck}, r)
			docs, err := emb.Lookup(context.Background(), []string{cp.ID, orig.ID})
			if err != nil || len(docs) != 2 {
				t.Fatalf("lookup: %d documents, %v", len(docs), err)
			}
			for _, d := range docs {
				a, err := store.ToArticle(d)
				if err != nil {
					t.Fatal(err)
				}
				want := ""
				if d.ID == cp.ID {
					want = tt.want
				}
				if a.DuplicateOf != want {
					t.Errorf("%s: duplicate_of = %q, want %q", d.ID, a.DuplicateOf, want)
				}
			}
		})
	}
}
