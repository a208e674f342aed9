package embedded

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
)

// Reasons of rejected documents (Result.Reason prefixes).
const (
	ReasonInvalidID = "invalid_id"
	ReasonEncode    = "encode_error"
)

// Write indexes the documents in one bleve batch and returns one Result per document, in
// order, with the same rules as store/elastic: the store keeps the highest revision of an
// article; an equal or higher revision overwrites (stored, status 201 when new, 200 when it
// replaced a document); a lower one is stale (status 409) and leaves the stored document
// alone. Within one call, a later document with the same id is compared with the earlier.
//
// Write returns only once the batch is durable: the index is opened with scorch's
// unsafe_batch off, so bleve's Batch waits until the new segment file is written and synced
// and the index root (bolt) committed and synced. A failed batch (a full disk, a closed
// index) returns an error wrapping store.ErrUnavailable and no results: the caller writes
// every document again. After a failed batch the index is closed and reopened from disk
// before anything else uses it: scorch keeps the unpersisted segment in its in-memory root,
// and the next batch over it panics inside zapx (found with TestFullDisk), so the store
// goes back to its last durable state instead. Writers are serialised; waiting for the turn
// honours ctx.
func (s *Store) Write(ctx context.Context, docs []store.Document) ([]store.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	select {
	case s.writeSem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-s.writeSem }()
	if s.broken {
		if err := s.recover(); err != nil {
			return nil, err
		}
	}
	res, err := s.write(docs)
	if s.broken {
		// Reopen now, so that searches do not read the failed segment either; if that
		// fails too, the next Write tries again.
		_ = s.recover()
	}
	return res, err
}

// recover closes the index and opens it again from disk. The caller holds writeSem.
func (s *Store) recover() error {
	s.life.Lock()
	defer s.life.Unlock()
	if s.closed {
		return fmt.Errorf("embedded: write: %w", store.ErrClosed)
	}
	if s.idx != nil {
		_ = s.idx.Close()
		s.idx = nil
	}
	idx, err := openIndex(indexDir(s.dir), s.opts)
	if err != nil {
		return fmt.Errorf("embedded: write: reopen after a failed batch: %w: %w", store.ErrUnavailable, err)
	}
	s.idx, s.broken = idx, false
	clear(s.revs)
	s.edges.reset()
	return nil
}

// write is Write's work; the caller holds writeSem.
func (s *Store) write(docs []store.Document) ([]store.Result, error) {
	if err := s.acquire("write"); err != nil {
		return nil, err
	}
	defer s.life.RUnlock()

	results := make([]store.Result, len(docs))
	values := make([]map[string]any, len(docs))
	var ids []string
	for i := range docs {
		d := &docs[i]
		if err := article.ValidID(d.ID); err != nil {
			results[i] = store.Result{Outcome: store.OutcomeRejected, Status: http.StatusBadRequest,
				Reason: ReasonInvalidID + ": " + err.Error()}
			continue
		}
		if !json.Valid(d.Article) {
			results[i] = store.Result{Outcome: store.OutcomeRejected, Status: http.StatusBadRequest,
				Reason: ReasonEncode + ": the article field is not a JSON value"}
			continue
		}
		v, err := indexDoc(d)
		if err != nil {
			results[i] = store.Result{Outcome: store.OutcomeRejected, Status: http.StatusBadRequest,
				Reason: ReasonEncode + ": " + err.Error()}
			continue
		}
		values[i] = v
		ids = append(ids, d.ID)
	}
	stored, err := s.revisions(ids)
	if err != nil {
		return nil, fmt.Errorf("embedded: write: read revisions: %w: %w", store.ErrUnavailable, err)
	}

	batch := s.idx.NewBatch()
	var dates []time.Time
	for i := range docs {
		if values[i] == nil {
			continue
		}
		d := &docs[i]
		old, exists := stored[d.ID]
		switch {
		case exists && d.Revision < old:
			results[i] = store.Result{Outcome: store.OutcomeStale, Status: http.StatusConflict,
				Reason: fmt.Sprintf("version_conflict: stored revision %d is higher than %d", old, d.Revision)}
			continue
		case exists:
			results[i] = store.Result{Outcome: store.OutcomeStored, Status: http.StatusOK}
		default:
			results[i] = store.Result{Outcome: store.OutcomeStored, Status: http.StatusCreated}
		}
		if err := batch.Index(d.ID, values[i]); err != nil {
			results[i] = store.Result{Outcome: store.OutcomeRejected, Status: http.StatusBadRequest,
				Reason: ReasonEncode + ": " + err.Error()}
			continue
		}
		stored[d.ID] = d.Revision
		dates = append(dates, d.Date)
	}
	if batch.Size() > 0 {
		if err := s.idx.Batch(batch); err != nil {
			s.broken = true
			return nil, fmt.Errorf("embedded: write: %w: %w", store.ErrUnavailable, err)
		}
	}
	s.remember(stored)
	s.edges.widen(dates)
	return results, nil
}

// revisions returns the stored revision of each id that has a document, from the cache or
// with one search for the rest.
func (s *Store) revisions(ids []string) (map[string]int64, error) {
	out := make(map[string]int64, len(ids))
	var missing []string
	for _, id := range ids {
		if rev, ok := s.revs[id]; ok {
			out[id] = rev
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(missing), len(missing), 0, false)
	req.Fields = []string{fRevision}
	res, err := s.idx.Search(req)
	if err != nil {
		return nil, err
	}
	for _, h := range res.Hits {
		v, _ := h.Fields[fRevision].(string)
		rev, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("document %s: stored revision %q: %w", h.ID, v, err)
		}
		out[h.ID] = rev
	}
	return out, nil
}

// remember caches revisions after a successful batch.
func (s *Store) remember(revs map[string]int64) {
	if s.opts.RevisionCache < 0 {
		return
	}
	if len(s.revs)+len(revs) > s.opts.RevisionCache {
		clear(s.revs)
	}
	for id, rev := range revs {
		s.revs[id] = rev
	}
}
