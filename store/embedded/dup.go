package embedded

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsflow/newsflow/store"
)

// Fields of the near-duplicate lookup.
const (
	fDupBands = "dup_bands" // keyword, indexed: the signature's band keys
	fDup      = "dup"       // stored only: dupData
)

// dupData is the stored "dup" field: what a near-duplicate candidate needs besides its
// revision.
type dupData struct {
	Date    time.Time `json:"date"`
	StoryID string    `json:"story_id"`
	MinHash string    `json:"minhash,omitempty"`
}

var _ store.Duplicates = (*Store)(nil)

// addDupMappings maps the near-duplicate fields.
func addDupMappings(doc *mapping.DocumentMapping, keywordAnalyzer string) {
	doc.AddFieldMappingsAt(fDupBands, &mapping.FieldMapping{Type: "text", Analyzer: keywordAnalyzer, Index: true})
	doc.AddFieldMappingsAt(fDup, &mapping.FieldMapping{Type: "text", Analyzer: keywordAnalyzer, Store: true})
}

// addDupValues adds d's near-duplicate fields to its indexed value m.
func addDupValues(m map[string]any, d *store.Document) error {
	b, err := json.Marshal(dupData{Date: d.Date, StoryID: d.StoryID, MinHash: d.MinHash})
	if err != nil {
		return err
	}
	m[fDup] = string(b)
	if len(d.DupBands) > 0 {
		m[fDupBands] = d.DupBands
	}
	return nil
}

// Candidates returns the stored documents with any of the band keys, oldest first. Writes are
// visible to it as soon as Write returned.
func (s *Store) Candidates(ctx context.Context, bands []string, limit int) ([]store.Candidate, error) {
	return s.dupSearch(ctx, "candidates", fDupBands, bands, limit)
}

// Members returns the stored documents of the stories, roots included, oldest first.
func (s *Store) Members(ctx context.Context, stories []string, limit int) ([]store.Candidate, error) {
	return s.dupSearch(ctx, "story members", fStoryID, stories, limit)
}

func (s *Store) dupSearch(ctx context.Context, op, field string, terms []string, limit int) ([]store.Candidate, error) {
	if len(terms) == 0 || limit <= 0 {
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := s.acquire(op); err != nil {
		return nil, err
	}
	defer s.life.RUnlock()
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		q := bleve.NewTermQuery(t)
		q.SetField(field)
		qs[i] = q
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(qs...), limit, 0, false)
	req.SortBy([]string{fDate, "_id"})
	req.Fields = []string{fDup, fRevision}
	res, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("embedded: %s: %w", op, err)
	}
	out := make([]store.Candidate, 0, len(res.Hits))
	for _, h := range res.Hits {
		out = append(out, candidate(h.ID, h.Fields))
	}
	return out, nil
}

// candidate reads one hit's stored near-duplicate fields; a hit it cannot read is answered
// unreadable (store.CandidateError), not as an error of the lookup.
func candidate(id string, fields map[string]any) store.Candidate {
	raw, _ := fields[fDup].(string)
	var d dupData
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		return store.UnreadableCandidate(id, fmt.Errorf("stored dup field: %w", err))
	}
	v, _ := fields[fRevision].(string)
	rev, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return store.UnreadableCandidate(id, fmt.Errorf("stored revision %q: %w", v, err))
	}
	return store.CheckCandidate(store.Candidate{ID: id, Date: d.Date, Revision: rev, MinHash: d.MinHash, StoryID: d.StoryID})
}

// Lookup returns the stored documents with these ids, with ID, Revision, Body and Article; an
// unreadable one with its ID alone.
func (s *Store) Lookup(ctx context.Context, ids []string) ([]store.Document, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := s.acquire("lookup"); err != nil {
		return nil, err
	}
	defer s.life.RUnlock()
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{fBody, fArticle, fRevision}
	res, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("embedded: lookup: %w", err)
	}
	out := make([]store.Document, 0, len(res.Hits))
	for _, h := range res.Hits {
		body, _ := h.Fields[fBody].(string)
		art, _ := h.Fields[fArticle].(string)
		v, _ := h.Fields[fRevision].(string)
		rev, err := strconv.ParseInt(v, 10, 64)
		if err != nil || art == "" {
			// One unreadable document must not fail the lookup of the others (a lookup error
			// is retried): it is returned with its id alone, which store.ToArticle refuses.
			out = append(out, store.Document{ID: h.ID})
			continue
		}
		out = append(out, store.Document{ID: h.ID, Revision: rev, Body: body, Article: json.RawMessage(art)})
	}
	return out, nil
}
