// Package storetest is the contract every search store must meet, as one test suite that
// any backend's tests run: store/embedded on its real index, store/elastic through esfake.
//
//	func TestContract(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) storetest.Backend { ... })
//	}
package storetest

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
)

// Backend is a store under test.
type Backend interface {
	store.Writer
	store.Searcher
	Close() error
}

// Refresher is implemented by backends whose writes become searchable only after a refresh
// (Elasticsearch); the suite calls it after every write.
type Refresher interface {
	Refresh(ctx context.Context) error
}

// Run runs the contract cases, each as a subtest. open returns the backend belonging to the
// t it is given: the first call for a t gives an empty store; a later call with the same t,
// after Close, must reopen the same data (the restart case does that). The suite closes
// every backend it opens.
func Run(t *testing.T, open func(t *testing.T) Backend) {
	RunCases(t, open)
}

// RunCases runs the named cases only (every case when names is empty), e.g. to run the
// search cases again with another backend setting. Unknown names fail the test.
func RunCases(t *testing.T, open func(t *testing.T) Backend, names ...string) {
	for _, n := range names {
		if !slices.ContainsFunc(cases, func(c testCase) bool { return c.name == n }) {
			t.Fatalf("storetest: no case %q", n)
		}
	}
	for _, c := range cases {
		if len(names) > 0 && !slices.Contains(names, c.name) {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			b := open(t)
			h := &harness{t: t, b: b, open: open, corpus: NewCorpus()}
			defer func() { h.close() }()
			c.run(h)
		})
	}
}

type testCase struct {
	name string
	run  func(h *harness)
}

// Case names, for RunCases.
const (
	CaseCollapse = "collapse near-duplicates"
	CasePaging   = "paging"
	CaseFacets   = "facets"
)

// cases are the contract; their bodies are in the cases_*.go files.
var cases = []testCase{
	{"phrase", casePhrase},
	{"phrase highlight", casePhraseHighlight},
	{"snippets cut on character boundaries", caseUTF8Snippets},
	{"query syntax", caseSyntax},
	{"revisions and stale", caseRevisions},
	{"restart keeps everything", caseRestart},
	{"article round trip", caseArticle},
	{"filters", caseFilters},
	{CaseFacets, caseFacets},
	{"date histogram", caseDates},
	{CaseCollapse, caseCollapse},
	{CasePaging, casePaging},
	{"bad queries", caseBadQueries},
	{"stats", caseStats},
}

// harness holds one case's backend.
type harness struct {
	t      *testing.T
	b      Backend
	open   func(t *testing.T) Backend
	corpus *Corpus
	closed bool
}

func (h *harness) close() {
	if !h.closed {
		h.closed = true
		if err := h.b.Close(); err != nil {
			h.t.Errorf("Close: %v", err)
		}
	}
}

// reopen closes the backend and opens it again.
func (h *harness) reopen() {
	h.t.Helper()
	h.close()
	h.b = h.open(h.t)
	h.closed = false
}

// write converts and writes the articles in one call and returns the outcomes.
func (h *harness) write(articles ...*article.Article) []store.Result {
	h.t.Helper()
	docs := make([]store.Document, len(articles))
	for i, a := range articles {
		d, err := store.FromArticle(a)
		if err != nil {
			h.t.Fatalf("FromArticle(%s): %v", a.ID, err)
		}
		docs[i] = d
	}
	res, err := h.b.Write(context.Background(), docs)
	if err != nil {
		h.t.Fatalf("Write: %v", err)
	}
	if len(res) != len(docs) {
		h.t.Fatalf("Write returned %d results for %d documents", len(res), len(docs))
	}
	h.refresh()
	return res
}

func (h *harness) refresh() {
	h.t.Helper()
	if r, ok := h.b.(Refresher); ok {
		if err := r.Refresh(context.Background()); err != nil {
			h.t.Fatalf("Refresh: %v", err)
		}
	}
}

// writeCorpus writes the whole corpus and checks that every article was stored.
func (h *harness) writeCorpus() {
	h.t.Helper()
	for i, r := range h.write(h.corpus.All()...) {
		if r.Outcome != store.OutcomeStored {
			h.t.Fatalf("corpus article %d: %+v, want stored", i, r)
		}
	}
}

func (h *harness) search(q store.Query) store.SearchResult {
	h.t.Helper()
	res, err := h.b.Search(context.Background(), q)
	if err != nil {
		h.t.Fatalf("Search(%+v): %v", q, err)
	}
	return res
}

// ids returns the hits' ids, sorted.
func ids(res store.SearchResult) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.ID
	}
	slices.Sort(out)
	return out
}

func idsOf(articles ...*article.Article) []string {
	out := make([]string, len(articles))
	for i, a := range articles {
		out[i] = a.ID
	}
	slices.Sort(out)
	return out
}

// sameJSON reports whether two articles encode to the same JSON value.
func sameJSON(t *testing.T, got, want *article.Article) bool {
	t.Helper()
	decode := func(a *article.Article) any {
		b, err := article.Encode(a)
		if err != nil {
			t.Fatalf("encode %s: %v", a.ID, err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	return reflect.DeepEqual(decode(got), decode(want))
}
