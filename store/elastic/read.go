package elastic

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/elastic/go-elasticsearch/v8/esapi"

	"github.com/newsflow/newsflow/store"
)

// Get reads document id through the alias (a realtime get: no refresh needed). found is
// false when there is no such document.
func (s *Store) Get(ctx context.Context, id string) (doc store.Document, found bool, err error) {
	res, cancel, err := s.perform(ctx, "get", esapi.GetRequest{Index: s.cfg.Alias, DocumentID: id})
	if err != nil {
		return store.Document{}, false, err
	}
	defer cancel()
	defer closeBody(res)
	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusNotFound {
		return store.Document{}, false, responseError("get", res)
	}
	var reply struct {
		Found  *bool           `json:"found"`
		Source json.RawMessage `json:"_source"`
	}
	body, err := readAll(res)
	if err != nil {
		return store.Document{}, false, fmt.Errorf("elastic: get: %w: %w", store.ErrUnavailable, err)
	}
	if json.Unmarshal(body, &reply) != nil || reply.Found == nil {
		// A 404 without "found" is an error answer (index_not_found_exception).
		res.Body = nopCloser(body)
		return store.Document{}, false, responseError("get", res)
	}
	if !*reply.Found {
		return store.Document{}, false, nil
	}
	if err := json.Unmarshal(reply.Source, &doc); err != nil {
		return store.Document{}, false, fmt.Errorf("elastic: get %s: %w: %v", id, store.ErrInvalidDocument, err)
	}
	return doc, true, nil
}

// Refresh makes every write so far visible to search and count (writes are visible to
// Get at once).
func (s *Store) Refresh(ctx context.Context) error {
	return s.do(ctx, "refresh", esapi.IndicesRefreshRequest{Index: []string{s.cfg.Alias}}, nil, http.StatusOK)
}

// Count returns the number of documents behind the alias (as of the last refresh).
func (s *Store) Count(ctx context.Context) (int64, error) {
	var reply struct {
		Count int64 `json:"count"`
	}
	err := s.do(ctx, "count", esapi.CountRequest{Index: []string{s.cfg.Alias}}, &reply, http.StatusOK)
	return reply.Count, err
}

// defaultPageSize is how many documents Documents reads per search request.
const defaultPageSize = 500

// Documents returns every document behind the alias (as of the last refresh), sorted by id,
// reading pages with search_after. It is meant for tests and small tools, not as a search
// API: it holds all documents in memory.
func (s *Store) Documents(ctx context.Context) ([]store.Document, error) {
	var out []store.Document
	var after []any
	for {
		req := map[string]any{
			"size":  s.pageSize,
			"query": map[string]any{"match_all": map[string]any{}},
			"sort":  []any{map[string]any{"id": "asc"}},
		}
		if after != nil {
			req["search_after"] = after
		}
		body, _ := json.Marshal(req)
		var reply struct {
			Hits struct {
				Hits []struct {
					Source store.Document `json:"_source"`
					Sort   []any          `json:"sort"`
				} `json:"hits"`
			} `json:"hits"`
		}
		if err := s.do(ctx, "search", esapi.SearchRequest{Index: []string{s.cfg.Alias}, Body: bytes.NewReader(body)}, &reply, http.StatusOK); err != nil {
			return nil, err
		}
		hits := reply.Hits.Hits
		for _, h := range hits {
			out = append(out, h.Source)
		}
		if len(hits) < s.pageSize {
			return out, nil
		}
		after = hits[len(hits)-1].Sort
		if len(after) == 0 {
			return nil, fmt.Errorf("elastic: search: hits carry no sort values: %w", store.ErrUnavailable)
		}
	}
}
