package storetest

import (
	"context"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
)

// revision returns a copy of a with another revision and title.
func revision(a *article.Article, rev int64, title string) *article.Article {
	b := *a
	b.Revision = rev
	b.Title = title
	return &b
}

func (h *harness) outcomes(res []store.Result) []store.Outcome {
	out := make([]store.Outcome, len(res))
	for i, r := range res {
		out[i] = r.Outcome
	}
	return out
}

func (h *harness) article(id string) *article.Article {
	h.t.Helper()
	a, found, err := h.b.Article(context.Background(), id)
	if err != nil {
		h.t.Fatalf("Article(%s): %v", id, err)
	}
	if !found {
		h.t.Fatalf("Article(%s): not found", id)
	}
	return a
}

// caseRevisions: the store keeps the highest revision; a lower one is stale (2, 1, 2).
func caseRevisions(h *harness) {
	base := h.corpus.Rates
	r1 := revision(base, 1, "revision one")
	r2 := revision(base, 2, "revision two")
	r2b := revision(base, 2, "revision two again")
	r3 := revision(base, 3, "revision three")

	steps := []struct {
		write []*article.Article
		want  []store.Outcome
		title string // the stored title afterwards
	}{
		{[]*article.Article{r2}, []store.Outcome{store.OutcomeStored}, r2.Title},
		{[]*article.Article{r1}, []store.Outcome{store.OutcomeStale}, r2.Title},
		{[]*article.Article{r2b}, []store.Outcome{store.OutcomeStored}, r2b.Title},
		// Within one call the later copy is compared with the earlier one.
		{[]*article.Article{r3, r1}, []store.Outcome{store.OutcomeStored, store.OutcomeStale}, r3.Title},
	}
	for i, s := range steps {
		res := h.write(s.write...)
		got := h.outcomes(res)
		for j := range got {
			if got[j] != s.want[j] {
				h.t.Errorf("step %d: outcomes %v, want %v (results %+v)", i+1, got, s.want, res)
				break
			}
		}
		for j, r := range res {
			if r.Outcome == store.OutcomeStale && r.Status != 409 {
				h.t.Errorf("step %d item %d: stale with status %d, want 409", i+1, j, r.Status)
			}
		}
		if a := h.article(base.ID); a.Title != s.title {
			h.t.Errorf("step %d: stored title %q, want %q", i+1, a.Title, s.title)
		}
	}
	res := h.search(store.Query{Text: "revision"})
	if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].Title != r3.Title {
		h.t.Errorf("search after revisions: total %d hits %+v, want one hit %q", res.Total, res.Hits, r3.Title)
	}
}

// caseRestart: write, close, reopen: everything is there.
func caseRestart(h *harness) {
	h.writeCorpus()
	h.reopen()
	all := h.corpus.All()
	st, err := h.b.Stats(context.Background())
	if err != nil {
		h.t.Fatalf("Stats: %v", err)
	}
	if st.Documents != int64(len(all)) {
		h.t.Errorf("after restart: %d documents, want %d", st.Documents, len(all))
	}
	for _, a := range all {
		if got := h.article(a.ID); !sameJSON(h.t, got, a) {
			h.t.Errorf("after restart: article %s differs", a.ID)
		}
	}
	res := h.search(store.Query{Text: `"interest rates"`, NoCollapse: true})
	if res.Total != 3 {
		h.t.Errorf(`after restart: "interest rates" total %d, want 3`, res.Total)
	}
	// Stale still holds after a restart (the revision is read back from the store).
	old := revision(h.corpus.Rates, h.corpus.Rates.Revision-1, "older")
	if got := h.outcomes(h.write(old)); got[0] != store.OutcomeStale {
		h.t.Errorf("after restart: an older revision was %s, want stale", got[0])
	}
}

// caseArticle: Article returns exactly what was written; an unknown id is not found.
func caseArticle(h *harness) {
	h.writeCorpus()
	for _, a := range []*article.Article{h.corpus.Rates, h.corpus.Cuba, h.corpus.Paris} {
		if got := h.article(a.ID); !sameJSON(h.t, got, a) {
			h.t.Errorf("article %s differs from what was written", a.ID)
		}
	}
	_, found, err := h.b.Article(context.Background(), "0123456789abcdef0123456789abcdef")
	if err != nil || found {
		h.t.Errorf("Article(unknown) = found %v, err %v; want not found, no error", found, err)
	}
}
