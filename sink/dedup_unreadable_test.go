package sink

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/esfake"
	"github.com/newsflow/newsflow/internal/telemetry/telemetrytest"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/elastic"
)

// dupStore is a store with the near-duplicate lookup.
type dupStore interface {
	store.Writer
	store.Duplicates
}

// givingUp is a store whose failed lookups, after the third, are refused: the sink then
// writes the batch unlinked instead of retrying forever, so that a test of a store the sink
// cannot read fails (wrong links, retries counted) rather than hangs.
type givingUp struct {
	dupStore
	mu       sync.Mutex
	failures int
}

func (g *givingUp) failed(err error) error {
	if err == nil {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.failures++; g.failures > 3 {
		return fmt.Errorf("%w: the test gives up after 3 failed lookups (the sink would retry forever): %v",
			store.ErrRequestRejected, err)
	}
	return err
}

func (g *givingUp) Candidates(ctx context.Context, bands []string, limit int) ([]store.Candidate, error) {
	c, err := g.dupStore.Candidates(ctx, bands, limit)
	return c, g.failed(err)
}

func (g *givingUp) Members(ctx context.Context, stories []string, limit int) ([]store.Candidate, error) {
	c, err := g.dupStore.Members(ctx, stories, limit)
	return c, g.failed(err)
}

func (g *givingUp) Lookup(ctx context.Context, ids []string) ([]store.Document, error) {
	d, err := g.dupStore.Lookup(ctx, ids)
	return d, g.failed(err)
}

// openES is an elastic.Store on a fresh esfake server, and the server's URL.
func openES(t *testing.T) (*elastic.Store, string) {
	t.Helper()
	srv := httptest.NewServer(esfake.New(esfake.Options{}))
	t.Cleanup(srv.Close)
	s, err := elastic.New(elastic.Config{URLs: []string{srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureTemplate(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, srv.URL
}

// plantES indexes d's source with the fields in set replaced, as another writer (or damage)
// could leave it: values Elasticsearch accepts under the mapping but store.Document does not
// read.
func plantES(t *testing.T, url string, d store.Document, set map[string]any) {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var src map[string]any
	if err := json.Unmarshal(b, &src); err != nil {
		t.Fatal(err)
	}
	for k, v := range set {
		src[k] = v
	}
	b, err = json.Marshal(src)
	if err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf("{\"index\":{\"_index\":\"news\",\"_id\":%q}}\n%s\n", d.ID, b)
	resp, err := http.Post(url+"/_bulk?refresh=true", "application/x-ndjson", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res struct {
		Errors bool `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil || resp.StatusCode != http.StatusOK || res.Errors {
		t.Fatalf("planting %s: status %d, errors %v, %v", d.ID, resp.StatusCode, res.Errors, err)
	}
}

// TestSinkSkipsUnreadableCandidates: a stored copy whose near-duplicate fields cannot be read
// (a value of another type, a signature of the wrong length, no story) sits in a story beside
// readable copies. The sink must link the batch with the readable ones, count the unreadable
// document once and retry nothing: before, one such document failed every lookup that found
// it, and the sink retried the batch forever. A damaged signature is rewritten from the
// text when the document's story moves (repaired).
func TestSinkSkipsUnreadableCandidates(t *testing.T) {
	body := storyText("omega", 60)
	g1 := dayArticle("g1", 1, body, 2)                    // the stored story's root
	g2 := dayArticle("g2", 1, body+" credit", 4)          // a stored copy
	bad := dayArticle("bad", 1, body+" damaged", 3)       // a stored copy, damaged below
	newer := dayArticle("new", 1, body+" new", 6)         // batch 1: a later copy
	first := dayArticle("first", 1, body+" the first", 1) // batch 2: the earliest copy
	tests := []struct {
		name     string
		open     func(t *testing.T, bad store.Document) dupStore
		repaired bool // the damaged copy is re-pointed (and its signature rewritten)
	}{
		{"embedded/short minhash", func(t *testing.T, bad store.Document) dupStore {
			st := openEmbedded(t)
			bad.MinHash = bad.MinHash[:40]
			writeDocs(t, st, bad)
			return st
		}, true},
		{"embedded/no story", func(t *testing.T, bad store.Document) dupStore {
			st := openEmbedded(t)
			bad.StoryID = ""
			writeDocs(t, st, bad)
			return st
		}, false},
		{"elastic/numeric story_id", plantedES(map[string]any{"story_id": 17}), false},
		{"elastic/epoch-millis date", plantedES(map[string]any{"date": 1704240000000}), false},
		{"elastic/revision as text", plantedES(map[string]any{"revision": "1"}), false},
		{"elastic/minhash not a signature", plantedES(map[string]any{"minhash": "not-a-signature"}), true},
		{"elastic/article unreadable at re-point", plantedES(map[string]any{"fetched_at": 1706745600000}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stored []store.Document
			for _, a := range []*article.Article{g1, g2, bad} {
				d, err := store.FromArticle(a)
				if err != nil {
					t.Fatal(err)
				}
				if err := store.SetStory(&d, a, "g1"); err != nil {
					t.Fatal(err)
				}
				stored = append(stored, d)
			}
			st := tt.open(t, stored[2])
			writeDocs(t, st, stored[:2]...)

			reg := prometheus.NewRegistry()
			sinkRun(t, Config{Store: &givingUp{dupStore: st}, BatchSize: 1, Registerer: reg}, newer, first)

			if got := counter(t, reg, "newsflow_sink_retries_total", "kind", retryRequest); got != 0 {
				t.Errorf("request retries = %v, want 0: an unreadable document is not a store failure", got)
			}
			if got := counter(t, reg, "newsflow_sink_articles_total", "result", resultStored); got != 2 {
				t.Errorf("stored = %v, want both batches' articles", got)
			}
			want := map[string]string{"first": "", "g1": "first", "g2": "first", "new": "first"}
			if tt.repaired {
				want["bad"] = "first"
			}
			got := storedLinks(t, st, "first", "g1", "g2", "new", "bad")
			if !tt.repaired {
				delete(got, "bad") // not re-pointed: it keeps what it had, if it can be read at all
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("links %v, want %v", got, want)
			}
			if got := telemetrytest.Value(t, reg, "newsflow_sink_duplicate_unreadable_total"); got != 1 {
				t.Errorf("unreadable = %v, want 1 (one document, counted once)", got)
			}
		})
	}
}

// plantedES opens an esfake-backed store holding bad with the fields in set replaced.
func plantedES(set map[string]any) func(t *testing.T, bad store.Document) dupStore {
	return func(t *testing.T, bad store.Document) dupStore {
		st, url := openES(t)
		plantES(t, url, bad, set)
		return st
	}
}

// writeDocs writes documents straight to the store, each of which must be stored.
func writeDocs(t *testing.T, st store.Writer, docs ...store.Document) {
	t.Helper()
	res, err := st.Write(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Outcome != store.OutcomeStored {
			t.Fatalf("write %s: %+v", docs[i].ID, r)
		}
	}
}
