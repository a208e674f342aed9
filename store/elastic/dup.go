package elastic

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/elastic/go-elasticsearch/v8/esapi"

	"github.com/newsflow/newsflow/store"
)

var _ store.Duplicates = (*Store)(nil)

// Candidates returns the stored documents with any of the band keys (a terms query on
// dup_bands), oldest first. It refreshes the alias first, so that every write acknowledged
// before the call is searched: Elasticsearch searches only see refreshed segments.
func (s *Store) Candidates(ctx context.Context, bands []string, limit int) ([]store.Candidate, error) {
	return s.dupSearch(ctx, "candidates", "dup_bands", bands, limit)
}

// Members returns the stored documents of the stories (a terms query on story_id), roots
// included, oldest first, after a refresh like Candidates.
func (s *Store) Members(ctx context.Context, stories []string, limit int) ([]store.Candidate, error) {
	return s.dupSearch(ctx, "story members", "story_id", stories, limit)
}

func (s *Store) dupSearch(ctx context.Context, op, field string, terms []string, limit int) ([]store.Candidate, error) {
	if len(terms) == 0 || limit <= 0 {
		return nil, nil
	}
	if err := s.Refresh(ctx); err != nil {
		return nil, err
	}
	body, _ := json.Marshal(map[string]any{
		"size":             limit,
		"query":            map[string]any{"terms": map[string]any{field: terms}},
		"sort":             []any{map[string]any{"date": "asc"}, map[string]any{"id": "asc"}},
		"_source":          []string{"id", "date", "revision", "minhash", "story_id"},
		"track_total_hits": false,
	})
	var r dupReply
	if err := s.do(ctx, op, esapi.SearchRequest{Index: []string{s.cfg.Alias}, Body: bytes.NewReader(body)}, &r, http.StatusOK); err != nil {
		return nil, err
	}
	out := make([]store.Candidate, len(r.Hits.Hits))
	for i, h := range r.Hits.Hits {
		var d candidateSource
		if err := json.Unmarshal(h.Source, &d); err != nil {
			// Another writer's document (an epoch-millis date, a numeric story_id) or a
			// damaged one: that document cannot be linked, the others can.
			out[i] = store.UnreadableCandidate(h.ID, err)
			continue
		}
		if d.ID == "" {
			d.ID = h.ID
		}
		out[i] = store.CheckCandidate(store.Candidate{ID: d.ID, Date: d.Date, Revision: d.Revision, MinHash: d.MinHash, StoryID: d.StoryID})
	}
	return out, nil
}

// candidateSource is the _source of a Candidates or Members hit.
type candidateSource struct {
	ID       string    `json:"id"`
	Date     time.Time `json:"date"`
	Revision int64     `json:"revision"`
	MinHash  string    `json:"minhash"`
	StoryID  string    `json:"story_id"`
}

// dupReply is the part of a search answer the lookups read. Each hit's source is decoded on
// its own, so that one document that cannot be read does not fail the whole answer (an
// error of the lookup is retried: it would be retried forever).
type dupReply struct {
	Hits struct {
		Hits []struct {
			ID     string          `json:"_id"`
			Source json.RawMessage `json:"_source"`
		} `json:"hits"`
	} `json:"hits"`
}

// Lookup returns the stored documents with these ids (their whole source), after a refresh;
// one whose source cannot be decoded with its ID alone.
func (s *Store) Lookup(ctx context.Context, ids []string) ([]store.Document, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	if err := s.Refresh(ctx); err != nil {
		return nil, err
	}
	body, _ := json.Marshal(map[string]any{
		"size":             len(ids),
		"query":            map[string]any{"ids": map[string]any{"values": ids}},
		"track_total_hits": false,
	})
	var r dupReply
	if err := s.do(ctx, "lookup", esapi.SearchRequest{Index: []string{s.cfg.Alias}, Body: bytes.NewReader(body)}, &r, http.StatusOK); err != nil {
		return nil, err
	}
	out := make([]store.Document, len(r.Hits.Hits))
	for i, h := range r.Hits.Hits {
		if err := json.Unmarshal(h.Source, &out[i]); err != nil || len(out[i].Article) == 0 {
			out[i] = store.Document{ID: h.ID} // unreadable: store.ToArticle refuses it
		}
	}
	return out, nil
}
