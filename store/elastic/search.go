package elastic

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/elastic/go-elasticsearch/v8/esapi"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
)

var _ store.Searcher = (*Store)(nil)

// Search runs q (see store.Searcher) as one _search request through the alias (two when the
// date histogram has no date range to span: a first one reads the oldest and newest dates).
//
// Collapsing uses Elasticsearch's field collapsing on story_id: hits and paging are over
// stories, each story's best document (by the query's sort) is its hit, and inner hits of
// size 0 give the number of the story's documents that match (inner hits count exactly), so
// Duplicates is exact (that count minus one) without a cardinality aggregation. Total is
// hits.total: documents, not stories, as the contract says.
//
// Facets are terms aggregations, counting documents before collapsing. The locations facet
// merges two aggregations (LOCATION entity names and place names): a value's count is the
// larger of its two counts, exact when every document naming it names it both ways or one way
// only, and a lower bound otherwise.
func (s *Store) Search(ctx context.Context, q store.Query) (store.SearchResult, error) {
	if err := q.Validate(); err != nil {
		return store.SearchResult{}, err
	}
	q = q.Normalized()
	node, err := store.ParseText(q.Text)
	if err != nil {
		return store.SearchResult{}, err
	}
	text, err := textQuery(node)
	if err != nil {
		return store.SearchResult{}, err
	}
	var hist *histogram
	if q.Wants(store.FacetDates) {
		if hist, err = s.histogramFor(ctx, &q.Filters); err != nil {
			return store.SearchResult{}, err
		}
	}
	var reply searchReply
	if err := s.searchRaw(ctx, searchBody(&q, text, hist), &reply); err != nil {
		return store.SearchResult{}, err
	}
	return reply.result(&q, hist)
}

// searchRaw posts body to the alias's _search and decodes the answer into out.
func (s *Store) searchRaw(ctx context.Context, body obj, out any) error {
	data, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("elastic: search: encode request: %w", err)
	}
	req := esapi.SearchRequest{Index: []string{s.cfg.Alias}, Body: bytes.NewReader(data)}
	return s.do(ctx, "search", req, out, http.StatusOK)
}

// searchReply is the part of a _search answer Search reads.
type searchReply struct {
	Hits struct {
		Total struct {
			Value int64 `json:"value"`
		} `json:"total"`
		Hits []struct {
			ID        string              `json:"_id"`
			Score     *float64            `json:"_score"`
			Source    store.Document      `json:"_source"`
			Highlight map[string][]string `json:"highlight"`
			InnerHits map[string]struct {
				Hits struct {
					Total struct {
						Value int `json:"value"`
					} `json:"total"`
				} `json:"hits"`
			} `json:"inner_hits"`
		} `json:"hits"`
	} `json:"hits"`
	Aggregations map[string]struct {
		Buckets []aggBucket `json:"buckets"`
	} `json:"aggregations"`
}

// aggBucket is one bucket of a terms or date_histogram aggregation.
type aggBucket struct {
	Key      any   `json:"key"`
	DocCount int64 `json:"doc_count"`
}

// result maps the answer to a SearchResult.
func (r *searchReply) result(q *store.Query, hist *histogram) (store.SearchResult, error) {
	res := store.SearchResult{Total: r.Hits.Total.Value, Hits: make([]store.Hit, 0, len(r.Hits.Hits))}
	for _, h := range r.Hits.Hits {
		d := h.Source
		hit := store.Hit{
			ID: h.ID, Title: d.Title, URL: d.URL, Source: d.Source, Language: d.Language,
			PublishedAt: d.PublishedAt, Topics: d.Topics, Countries: d.Countries,
		}
		if h.Score != nil {
			hit.Score = *h.Score
		}
		if inner, ok := h.InnerHits[collapseName]; ok && inner.Hits.Total.Value > 0 {
			hit.Duplicates = inner.Hits.Total.Value - 1
		}
		if q.Highlight {
			hit.Snippets = snippets(h.Highlight)
		}
		res.Hits = append(res.Hits, hit)
	}
	for _, name := range q.Facets {
		if name == store.FacetDates {
			if hist != nil {
				dates, err := hist.buckets(r.Aggregations[name].Buckets)
				if err != nil {
					return store.SearchResult{}, err
				}
				res.Dates = dates
			}
			continue
		}
		counts := make(map[string]int64)
		for _, agg := range []string{name, placesFacet} {
			if agg == placesFacet && name != store.FacetLocations {
				continue
			}
			for _, b := range r.Aggregations[agg].Buckets {
				key := fmt.Sprint(b.Key)
				counts[key] = max(counts[key], b.DocCount)
			}
		}
		values := make([]store.FacetValue, 0, len(counts))
		for v, n := range counts {
			values = append(values, store.FacetValue{Value: v, Count: n})
		}
		slices.SortFunc(values, func(a, b store.FacetValue) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
		})
		if len(values) > store.FacetSize {
			values = values[:store.FacetSize]
		}
		if res.Facets == nil {
			res.Facets = make(map[string][]store.FacetValue)
		}
		res.Facets[name] = values
	}
	return res, nil
}

// snippets prefers body fragments with a match, then title fragments with one, then the
// body's opening (no_match_size), as store/embedded does.
func snippets(hl map[string][]string) []string {
	marked := func(list []string) []string {
		var out []string
		for _, f := range list {
			if strings.Contains(f, "<mark>") {
				out = append(out, f)
			}
		}
		return out
	}
	if out := marked(hl["body"]); len(out) > 0 {
		return out
	}
	if out := marked(hl["title"]); len(out) > 0 {
		return out
	}
	return hl["body"]
}

// Article returns the enriched article with this id (see store.Searcher).
func (s *Store) Article(ctx context.Context, id string) (*article.Article, bool, error) {
	d, found, err := s.Get(ctx, id)
	if err != nil || !found {
		return nil, false, err
	}
	a, err := store.ToArticle(d)
	if err != nil {
		return nil, false, fmt.Errorf("elastic: article %s: %w", id, err)
	}
	return a, true, nil
}

// statsReply is the answer to the stats aggregations.
type statsReply struct {
	Hits struct {
		Total struct {
			Value int64 `json:"value"`
		} `json:"total"`
	} `json:"hits"`
	Aggregations struct {
		Oldest  struct{ Value *float64 } `json:"oldest"`
		Newest  struct{ Value *float64 } `json:"newest"`
		Sources struct{ Value int64 }    `json:"sources"`
	} `json:"aggregations"`
}

// Stats describes the store's contents (as of the last refresh). Sources is a cardinality
// aggregation: exact below its precision threshold of 3,000 sources, approximate above.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var r statsReply
	if err := s.searchRaw(ctx, statsBody(), &r); err != nil {
		return store.Stats{}, err
	}
	st := store.Stats{Documents: r.Hits.Total.Value, Sources: r.Aggregations.Sources.Value}
	st.Oldest, st.Newest = millis(r.Aggregations.Oldest.Value), millis(r.Aggregations.Newest.Value)
	if st.Documents == 0 {
		st.Oldest, st.Newest = nil, nil
	}
	return st, nil
}

func statsBody() obj {
	return obj{
		"size": 0, "track_total_hits": true,
		"aggs": obj{
			"oldest":  obj{"min": obj{"field": "date"}},
			"newest":  obj{"max": obj{"field": "date"}},
			"sources": obj{"cardinality": obj{"field": "source.keyword", "precision_threshold": 3000}},
		},
	}
}

func millis(v *float64) *time.Time {
	if v == nil {
		return nil
	}
	t := time.UnixMilli(int64(*v)).UTC()
	return &t
}
