package embedded

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsflow/newsflow/store"
)

// maxCollapseFetch bounds how many raw hits one search reads to fill a page of collapsed
// hits (see Search).
const maxCollapseFetch = 4 * store.MaxDepth

// Search runs q (see store.Searcher).
//
// Collapsing: bleve has no collapse, so Search reads the best (From+Size)*4 raw hits (at
// least 64), then their story_id (from the doc values of those hits only), keeps the first
// hit of each story in order, and reads four times more while that gives too few stories
// and more hits remain, up to maxCollapseFetch raw hits (past that, a page deep into a
// query whose stories have thousands of copies each comes back short). Duplicates is exact: when the raw hits read
// do not cover every match, one more query counts the page's stories with a story_id facet.
// Then one last query reads the page's stored fields and highlights. Total counts documents,
// not stories, as Elasticsearch's hits.total does with collapse. Facets are counted meanwhile
// on another goroutine (facets.go, facetcols.go, facetcache.go); a geo box filter goes
// through grid cells (geocell.go).
func (s *Store) Search(ctx context.Context, q store.Query) (store.SearchResult, error) {
	if err := q.Validate(); err != nil {
		return store.SearchResult{}, err
	}
	q = q.Normalized()
	node, err := store.ParseText(q.Text)
	if err != nil {
		return store.SearchResult{}, err
	}
	if err := s.acquire("search"); err != nil {
		return store.SearchResult{}, err
	}
	defer s.life.RUnlock()

	textQ, err := translator{m: s.idx.Mapping()}.textQuery(node)
	if err != nil {
		return store.SearchResult{}, err
	}
	filter, err := s.filterQuery(&q.Filters)
	if err != nil {
		return store.SearchResult{}, err
	}
	full := fullQuery(textQ, filter)
	spec, err := s.facetSpecOf(&q)
	if err != nil {
		return store.SearchResult{}, err
	}
	// Facets: a pass of their own over the matches (see countFacets), on another goroutine
	// while the hits are found, so that a second core can take it. It ends before Search
	// returns (which releases s.life).
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	facetsDone := make(chan facetOutcome, 1)
	go func() {
		counts, err := s.facets(ctx, &q, full, spec)
		facetsDone <- facetOutcome{counts, err}
	}()
	res, page, err := s.hits(ctx, full, textQ, &q)
	if err != nil {
		cancel()
	}
	fo := <-facetsDone
	if err == nil {
		err = fo.err
	}
	if err != nil {
		return store.SearchResult{}, err
	}
	res.Facets, res.Dates = fo.counts.terms, fo.counts.dates
	if res.Hits, err = s.load(ctx, full, page, q.Highlight); err != nil {
		return store.SearchResult{}, err
	}
	return res, nil
}

// facetOutcome is what the facet goroutine of Search hands back.
type facetOutcome struct {
	counts facetCounts
	err    error
}

// hits finds the page of hits (before their stored fields are read) and the total.
func (s *Store) hits(ctx context.Context, full, textQ query.Query, q *store.Query) (store.SearchResult, []pageHit, error) {
	var res store.SearchResult
	var page []pageHit
	if q.NoCollapse {
		req := bleve.NewSearchRequestOptions(full, q.Size, q.From, false)
		req.SortBy(sortOrder(q.Sort, textQ))
		r, err := s.idx.SearchInContext(ctx, req)
		if err != nil {
			return store.SearchResult{}, nil, searchError(err)
		}
		res.Total = int64(r.Total)
		for _, h := range r.Hits {
			page = append(page, pageHit{id: h.ID, score: h.Score})
		}
		return res, page, nil
	}
	page, r, err := s.collapse(ctx, full, sortOrder(q.Sort, textQ), q)
	if err != nil {
		return store.SearchResult{}, nil, err
	}
	res.Total = int64(r.Total)
	return res, page, nil
}

// pageHit is a hit of the page before its stored fields are read.
type pageHit struct {
	id, story  string
	score      float64
	duplicates int
}

// sortOrder is the bleve sort of q: one key, so that bleve's collector neither reads doc
// values (a date tie-break) nor external ids (an _id tie-break) for every match, which for
// common words costs more than the search itself. Ties keep the index's document order,
// the same on every page of one index state. Without text every score is equal, so
// relevance is the date order.
func sortOrder(sort string, text query.Query) []string {
	if sort == store.SortDate || text == nil {
		return []string{"-" + fDate}
	}
	return []string{"-_score"}
}

// storiesOf adds the story_id of each hit missing from known, reading the doc values of
// these documents only (a story_id sort over all matches would read them for every match).
func (s *Store) storiesOf(ctx context.Context, hits []*search.DocumentMatch, known map[string]string) error {
	var ids []string
	for _, h := range hits {
		if _, ok := known[h.ID]; !ok {
			ids = append(ids, h.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.SortBy([]string{fStoryID, "_id"})
	r, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		return searchError(err)
	}
	for _, h := range r.Hits {
		if len(h.Sort) > 0 && h.Sort[0] != "" {
			known[h.ID] = h.Sort[0]
		}
	}
	for _, id := range ids {
		if _, ok := known[id]; !ok {
			known[id] = id // no story_id: its own story
		}
	}
	return nil
}

// collapse finds the page of collapsed hits and returns it with the first raw search (its
// total).
func (s *Store) collapse(ctx context.Context, full query.Query, order []string, q *store.Query) ([]pageHit, *bleve.SearchResult, error) {
	need := q.From + q.Size
	fetch := max(need*s.fetchFactor, s.minFetch)
	var first *bleve.SearchResult
	var groups []pageHit
	var exhaustive bool
	stories := make(map[string]string)
	for {
		req := bleve.NewSearchRequestOptions(full, fetch, 0, false)
		req.SortBy(order)
		r, err := s.idx.SearchInContext(ctx, req)
		if err != nil {
			return nil, nil, searchError(err)
		}
		if first == nil {
			first = r
		}
		if err := s.storiesOf(ctx, r.Hits, stories); err != nil {
			return nil, nil, err
		}
		groups = groups[:0]
		index := make(map[string]int)
		for _, h := range r.Hits {
			story := stories[h.ID]
			if i, ok := index[story]; ok {
				groups[i].duplicates++
				continue
			}
			index[story] = len(groups)
			groups = append(groups, pageHit{id: h.ID, story: story, score: h.Score})
		}
		exhaustive = uint64(len(r.Hits)) >= r.Total
		if len(groups) >= need || exhaustive || fetch >= maxCollapseFetch {
			break
		}
		fetch = min(fetch*4, maxCollapseFetch)
	}
	if q.From >= len(groups) {
		return nil, first, nil
	}
	page := groups[q.From:min(need, len(groups))]
	if !exhaustive {
		if err := s.countDuplicates(ctx, full, page); err != nil {
			return nil, nil, err
		}
	}
	return page, first, nil
}

// countDuplicates sets the exact number of other matching documents of each page hit's
// story, with a story_id facet over the matches of those stories.
func (s *Store) countDuplicates(ctx context.Context, full query.Query, page []pageHit) error {
	stories := make([]query.Query, len(page))
	for i, p := range page {
		stories[i] = termQuery(fStoryID, p.story)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(oneOf(stories), full), 0, 0, false)
	req.AddFacet("stories", bleve.NewFacetRequest(fStoryID, len(stories)))
	r, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		return searchError(err)
	}
	counts := make(map[string]int)
	if f := r.Facets["stories"]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			counts[t.Term] = t.Count
		}
	}
	for i := range page {
		if n := counts[page[i].story]; n > 0 {
			page[i].duplicates = n - 1
		}
	}
	return nil
}

// load reads the stored fields (and highlights) of the page's hits, in page order.
func (s *Store) load(ctx context.Context, full query.Query, page []pageHit, highlight bool) ([]store.Hit, error) {
	if len(page) == 0 {
		return []store.Hit{}, nil
	}
	ids := make([]string, len(page))
	for i, p := range page {
		ids[i] = p.id
	}
	var q query.Query = bleve.NewDocIDQuery(ids)
	if highlight {
		// The text query again, so that the hits carry the match locations to highlight.
		q = bleve.NewConjunctionQuery(q, full)
	}
	req := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	req.Fields = []string{fTitle, fHit}
	if highlight {
		req.Highlight = bleve.NewHighlightWithStyle(html.Name)
		req.Highlight.Fields = []string{fBody, fTitle}
	}
	r, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, searchError(err)
	}
	byID := make(map[string]*search.DocumentMatch, len(r.Hits))
	for _, h := range r.Hits {
		byID[h.ID] = h
	}
	hits := make([]store.Hit, 0, len(page))
	for _, p := range page {
		h, ok := byID[p.id]
		if !ok {
			continue // overwritten or deleted between the two searches
		}
		data, err := decodeHit(h.Fields)
		if err != nil {
			return nil, fmt.Errorf("embedded: search: document %s: %w", p.id, err)
		}
		title, _ := h.Fields[fTitle].(string)
		hit := store.Hit{
			ID: p.id, Title: title, URL: data.URL, Source: data.Source, Language: data.Language,
			PublishedAt: data.PublishedAt, Score: p.score, Duplicates: p.duplicates,
			Topics: data.Topics, Countries: data.Countries,
		}
		if highlight {
			hit.Snippets = snippets(h.Fragments)
		}
		hits = append(hits, hit)
	}
	return hits, nil
}

// snippets prefers body fragments with a match, then title fragments with one, then the
// body's opening.
func snippets(fragments search.FieldFragmentMap) []string {
	marked := func(list []string) []string {
		var out []string
		for _, f := range list {
			if strings.Contains(f, "<mark>") {
				out = append(out, f)
			}
		}
		return out
	}
	if out := marked(fragments[fBody]); len(out) > 0 {
		return out
	}
	if out := marked(fragments[fTitle]); len(out) > 0 {
		return out
	}
	return fragments[fBody]
}

func searchError(err error) error { return fmt.Errorf("embedded: search: %w", err) }
