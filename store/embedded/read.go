package embedded

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
)

// Article returns the enriched article with this id exactly as it was written (its stored
// copy and body put together by store.ToArticle). found is false when there is none.
func (s *Store) Article(ctx context.Context, id string) (*article.Article, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	if err := s.acquire("article"); err != nil {
		return nil, false, err
	}
	defer s.life.RUnlock()
	doc, err := s.idx.Document(id)
	if err != nil {
		return nil, false, fmt.Errorf("embedded: article %s: %w", id, err)
	}
	if doc == nil {
		return nil, false, nil
	}
	d := store.Document{ID: id}
	doc.VisitFields(func(f index.Field) {
		switch f.Name() {
		case fBody:
			d.Body = string(f.Value())
		case fArticle:
			d.Article = json.RawMessage(append([]byte(nil), f.Value()...))
		}
	})
	a, err := store.ToArticle(d)
	if err != nil {
		return nil, false, fmt.Errorf("embedded: article %s: %w", id, err)
	}
	return a, true, nil
}

// Stats counts the documents and distinct sources and finds the oldest and newest dates.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	if err := ctx.Err(); err != nil {
		return store.Stats{}, err
	}
	if err := s.acquire("stats"); err != nil {
		return store.Stats{}, err
	}
	defer s.life.RUnlock()
	n, err := s.idx.DocCount()
	if err != nil {
		return store.Stats{}, fmt.Errorf("embedded: stats: %w", err)
	}
	st := store.Stats{Documents: int64(n)}
	if n == 0 {
		return st, nil
	}
	if st.Oldest, err = s.edgeDate(false); err != nil {
		return store.Stats{}, err
	}
	if st.Newest, err = s.edgeDate(true); err != nil {
		return store.Stats{}, err
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 0, 0, false)
	req.AddFacet("sources", bleve.NewFacetRequest(fSource, 1<<20))
	res, err := s.idx.Search(req)
	if err != nil {
		return store.Stats{}, fmt.Errorf("embedded: stats: %w", err)
	}
	if f := res.Facets["sources"]; f != nil && f.Terms != nil {
		st.Sources = int64(len(f.Terms.Terms()))
	}
	return st, nil
}

// edgeDate returns the newest (or oldest) document date; the caller holds s.life.
func (s *Store) edgeDate(newest bool) (*time.Time, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 1, 0, false)
	order := fDate
	if newest {
		order = "-" + fDate
	}
	req.SortBy([]string{order})
	req.Fields = []string{fHit}
	res, err := s.idx.Search(req)
	if err != nil {
		return nil, fmt.Errorf("embedded: stats: %w", err)
	}
	if len(res.Hits) == 0 {
		return nil, nil
	}
	h, err := decodeHit(res.Hits[0].Fields)
	if err != nil {
		return nil, fmt.Errorf("embedded: stats: %w", err)
	}
	return &h.Date, nil
}

// decodeHit reads the stored hit field of a search hit.
func decodeHit(fields map[string]any) (hitData, error) {
	var h hitData
	raw, _ := fields[fHit].(string)
	if err := json.Unmarshal([]byte(raw), &h); err != nil {
		return hitData{}, fmt.Errorf("stored hit field: %w", err)
	}
	return h, nil
}
