package sink

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/newsflow/newsflow/enricher/dedup"
	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/telemetry/telemetrytest"
	"github.com/newsflow/newsflow/store"
)

// memStore is a store with the near-duplicate lookup, in memory: the contract of
// store.Duplicates without an index's cost, for tests that count what the sink does.
type memStore struct {
	mu   sync.Mutex
	docs map[string]store.Document
}

func (m *memStore) Write(_ context.Context, docs []store.Document) ([]store.Result, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	res := make([]store.Result, len(docs))
	for i, d := range docs {
		if old, ok := m.docs[d.ID]; ok && old.Revision > d.Revision {
			res[i] = store.Result{Outcome: store.OutcomeStale, Status: 409}
			continue
		}
		m.docs[d.ID] = d
		res[i] = store.Result{Outcome: store.OutcomeStored, Status: 201}
	}
	return res, nil
}

// find returns the candidates of the documents match accepts, oldest first, at most limit.
func (m *memStore) find(limit int, match func(d *store.Document) bool) []store.Candidate {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []store.Candidate
	for _, d := range m.docs {
		if match(&d) {
			out = append(out, store.Candidate{ID: d.ID, Date: d.Date, Revision: d.Revision, MinHash: d.MinHash, StoryID: d.StoryID})
		}
	}
	slices.SortFunc(out, func(a, b store.Candidate) int { return dedup.Compare(a.Date, a.ID, b.Date, b.ID) })
	return out[:min(limit, len(out))]
}

func (m *memStore) Candidates(_ context.Context, bands []string, limit int) ([]store.Candidate, error) {
	return m.find(limit, func(d *store.Document) bool {
		return slices.ContainsFunc(d.DupBands, func(b string) bool { return slices.Contains(bands, b) })
	}), nil
}

func (m *memStore) Members(_ context.Context, stories []string, limit int) ([]store.Candidate, error) {
	return m.find(limit, func(d *store.Document) bool { return slices.Contains(stories, d.StoryID) }), nil
}

func (m *memStore) Lookup(_ context.Context, ids []string) ([]store.Document, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []store.Document
	for _, id := range ids {
		if d, ok := m.docs[id]; ok {
			out = append(out, d)
		}
	}
	return out, nil
}

// TestSinkRepointCost counts the rewrites of stored copies when the 20 copies of one story
// arrive newest first. Each new earliest copy must re-point every stored copy (the store
// holds the answer after every batch, and duplicate_of is in each document), so one copy per
// batch costs 0+1+...+19 = 190 rewrites; a batch of several earlier copies rewrites each
// stored copy once, for the batch's earliest, not once per copy: 4 per batch costs
// 0+4+8+12+16 = 40. Any order with each batch's earliest copy earlier than the stored
// copies costs the same; oldest first costs nothing.
func TestSinkRepointCost(t *testing.T) {
	body := storyText("nu", 60)
	var newestFirst []*article.Article
	for i := 19; i >= 0; i-- {
		newestFirst = append(newestFirst, dayArticle(fmt.Sprintf("c%02d", i), 1, body+strings.Repeat(" z", i), 1+i))
	}
	for _, tc := range []struct {
		batch int
		want  float64
	}{{1, 190}, {4, 40}, {20, 0}} {
		t.Run(fmt.Sprintf("batches of %d", tc.batch), func(t *testing.T) {
			st := &memStore{docs: map[string]store.Document{}}
			reg := prometheus.NewRegistry()
			sinkRun(t, Config{Store: st, BatchSize: tc.batch, Registerer: reg, NoDuplicateRecheck: true}, newestFirst...)
			if got := telemetrytest.Value(t, reg, "newsflow_sink_duplicate_repoints_total"); got != tc.want {
				t.Errorf("%v rewrites of stored copies, want %v", got, tc.want)
			}
			ids := make([]string, 20)
			for i := range ids {
				ids[i] = fmt.Sprintf("c%02d", i)
			}
			got := storedLinks(t, st, ids...)
			if len(got) != len(ids) {
				t.Fatalf("%d of the %d copies stored", len(got), len(ids))
			}
			for id, dup := range got {
				if want := map[bool]string{true: "", false: "c00"}[id == "c00"]; dup != want {
					t.Errorf("%s: duplicate_of %q, want %q", id, dup, want)
				}
			}
		})
	}
}
