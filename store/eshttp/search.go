package eshttp

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"

	"github.com/newsflow/newsflow/store"
)

// searchRequest is the part of a _search body the server reads: the three lookups
// store/elastic's near-duplicate linking sends (store.Duplicates over HTTP). Its sort,
// _source and track_total_hits are accepted as sent: the answers are always in date then id
// order, with the fields those lookups read.
type searchRequest struct {
	Size  *int `json:"size"`
	Query struct {
		Terms map[string][]string `json:"terms"`
		IDs   *struct {
			Values []string `json:"values"`
		} `json:"ids"`
	} `json:"query"`
}

// defaultSearchSize is Elasticsearch's default size.
const defaultSearchSize = 10

// maxSearchSize is index.max_result_window.
const maxSearchSize = 10000

// candidateSource is the _source of a Candidates or Members hit: the fields store/elastic
// reads back into a store.Candidate.
type candidateSource struct {
	ID       string    `json:"id"`
	Date     time.Time `json:"date"`
	Revision int64     `json:"revision"`
	MinHash  string    `json:"minhash,omitempty"`
	StoryID  string    `json:"story_id"`
}

// search answers POST/GET /{alias}/_search for the near-duplicate lookups: a terms query on
// dup_bands (Candidates), a terms query on story_id (Members), an ids query (Lookup). Any
// other query gets 400, naming what is supported, rather than a wrong answer.
func (s *Server) search(w http.ResponseWriter, r *http.Request, target string, body []byte) {
	if !s.ours(target) {
		writeError(w, indexNotFound(target))
		return
	}
	dups, ok := s.cfg.Store.(store.Duplicates)
	if !ok {
		writeError(w, newError(http.StatusBadRequest, "illegal_argument_exception",
			"this store answers no searches over the Elasticsearch API"))
		return
	}
	var q searchRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&q); err != nil {
		writeError(w, newError(http.StatusBadRequest, "parsing_exception", "cannot parse the search body: %v", err))
		return
	}
	size := defaultSearchSize
	if q.Size != nil {
		size = *q.Size
	}
	if size < 0 || size > maxSearchSize {
		writeError(w, newError(http.StatusBadRequest, "illegal_argument_exception",
			"size must be between 0 and %d, was %d", maxSearchSize, size))
		return
	}
	var (
		hits []map[string]any
		err  error
	)
	switch {
	case q.Query.IDs != nil && len(q.Query.Terms) == 0:
		var docs []store.Document
		if docs, err = dups.Lookup(r.Context(), q.Query.IDs.Values); err == nil {
			for i := range docs {
				if len(hits) == size {
					break
				}
				if len(docs[i].Article) == 0 { // unreadable (see store.Duplicates): the id alone
					hits = append(hits, s.hit(docs[i].ID, unreadableSource{ID: docs[i].ID}))
					continue
				}
				hits = append(hits, s.hit(docs[i].ID, &docs[i]))
			}
		}
	case q.Query.IDs == nil && len(q.Query.Terms) == 1 && q.Query.Terms["dup_bands"] != nil:
		hits, err = s.candidateHits(dups.Candidates(r.Context(), q.Query.Terms["dup_bands"], size))
	case q.Query.IDs == nil && len(q.Query.Terms) == 1 && q.Query.Terms["story_id"] != nil:
		hits, err = s.candidateHits(dups.Members(r.Context(), q.Query.Terms["story_id"], size))
	default:
		writeError(w, newError(http.StatusBadRequest, "illegal_argument_exception",
			"this store answers only the near-duplicate lookups over the Elasticsearch API: "+
				"a terms query on dup_bands or story_id, or an ids query (use /api/search to search)"))
		return
	}
	if err != nil {
		s.storeFailed(w, "search", err)
		return
	}
	if hits == nil {
		hits = []map[string]any{}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"took": 0, "timed_out": false,
		"_shards": map[string]any{"total": 1, "successful": 1, "skipped": 0, "failed": 0},
		"hits": map[string]any{
			"total":     map[string]any{"value": len(hits), "relation": "eq"},
			"max_score": nil,
			"hits":      hits,
		},
	})
}

func (s *Server) candidateHits(cands []store.Candidate, err error) ([]map[string]any, error) {
	if err != nil {
		return nil, err
	}
	hits := make([]map[string]any, len(cands))
	for i, c := range cands {
		if c.Err != nil {
			// The store could not read this document: it is answered with its id alone, which
			// store/elastic reads back as unreadable (no date, revision or story), so that
			// the client skips it and links the others rather than retrying the lookup.
			hits[i] = s.hit(c.ID, unreadableSource{ID: c.ID})
			continue
		}
		hits[i] = s.hit(c.ID, candidateSource{ID: c.ID, Date: c.Date, Revision: c.Revision, MinHash: c.MinHash, StoryID: c.StoryID})
	}
	return hits, nil
}

// unreadableSource is the _source of a hit the store could not read.
type unreadableSource struct {
	ID string `json:"id"`
}

func (s *Server) hit(id string, source any) map[string]any {
	return map[string]any{"_index": s.cfg.Index, "_id": id, "_score": nil, "_source": source}
}
