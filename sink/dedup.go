package sink

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/newsflow/newsflow/enricher/dedup"
	"github.com/newsflow/newsflow/store"
)

// maxLookupTerms bounds the terms of one lookup request.
const maxLookupTerms = 8192

// linkNode is one article of the batch in the link graph, or one stored story.
type linkNode struct {
	id   string // the article's id, or the story's current root id
	date time.Time
	sig  *dedup.Signature // articles only
	// story nodes: key is the story_id its stored members carry; known says whether the
	// root's date is known (the root, or the earliest member standing in for it, was read).
	key   string
	known bool
}

// linker holds one batch's link graph: union-find over batch articles and stored stories.
type linker struct {
	nodes  []linkNode
	parent []int
	story  map[string]int // story root id -> node
	byID   map[string]int // batch article id -> node
	// formerRoots are batch articles that stored documents name as their story's root.
	formerRoots map[string]bool
}

func (l *linker) add(n linkNode) int {
	l.nodes = append(l.nodes, n)
	l.parent = append(l.parent, len(l.parent))
	return len(l.nodes) - 1
}

func (l *linker) find(i int) int {
	for l.parent[i] != i {
		l.parent[i] = l.parent[l.parent[i]]
		i = l.parent[i]
	}
	return i
}

func (l *linker) union(a, b int) { l.parent[l.find(a)] = l.find(b) }

// storyNode returns the node of the stored story with this root, making it when new.
func (l *linker) storyNode(root string) int {
	if i, ok := l.story[root]; ok {
		return i // for a root in the batch: its stored copies (see link)
	}
	if i, ok := l.byID[root]; ok {
		return i // the root is an article of this batch with no stored copies: one node
	}
	i := l.add(linkNode{id: root, key: root})
	l.story[root] = i
	return i
}

// learn records a stored document's date when it is the root of its story.
func (l *linker) learn(c store.Candidate) {
	if _, inBatch := l.byID[c.ID]; inBatch || c.StoryID != c.ID {
		return // a batch article's stored version does not date its stored copies' node
	}
	if i, ok := l.story[c.ID]; ok {
		l.nodes[i].date, l.nodes[i].known = c.Date, true
	}
}

// link decides duplicate_of for the pending items (the batch's decoded articles) and returns
// the stored documents to rewrite. Items with an equal id share the highest revision's
// answer. The caller writes the returned documents with the batch.
func (s *Service) link(ctx context.Context, pending []*item) ([]store.Document, error) {
	start := time.Now()
	defer func() { s.m.dupLookup.Observe(time.Since(start).Seconds()) }()
	l := &linker{story: make(map[string]int), byID: make(map[string]int), formerRoots: make(map[string]bool)}
	// One node per article id: the highest revision (the last of equal ones) speaks for it.
	lead := make(map[string]*item)
	for _, it := range pending {
		if p, ok := lead[it.doc.ID]; !ok || it.doc.Revision >= p.doc.Revision {
			lead[it.doc.ID] = it
		}
	}
	var bandSet []string
	seenBand := make(map[string]bool)
	for _, it := range pending {
		if lead[it.doc.ID] != it {
			continue
		}
		n := linkNode{id: it.doc.ID, date: it.doc.Date, known: true}
		if it.doc.MinHash != "" {
			sig, err := dedup.Parse(it.doc.MinHash)
			if err != nil {
				return nil, fmt.Errorf("article %s: %w", it.doc.ID, err)
			}
			n.sig = &sig
			for _, b := range it.doc.DupBands {
				if !seenBand[b] {
					seenBand[b] = true
					bandSet = append(bandSet, b)
				}
			}
		}
		l.byID[it.doc.ID] = l.add(n)
	}
	// Stored copies of batch articles that are their story's root: they compete for the root
	// again (the root's new revision may be dated later) and stay with it only while its new
	// text still matches one of them (it may have changed into another story).
	members := make(map[string][]store.Candidate)
	ids := make([]string, 0, len(l.byID))
	for id := range l.byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if err := s.readMembers(ctx, l, ids, members); err != nil {
		return nil, err
	}
	for _, r := range ids {
		var copies []store.Candidate
		for _, c := range members[r] {
			if _, inBatch := l.byID[c.ID]; !inBatch {
				copies = append(copies, c)
			}
		}
		if len(copies) == 0 {
			continue
		}
		first := copies[0] // members come oldest first
		for _, c := range copies[1:] {
			if dedup.Compare(c.Date, c.ID, first.Date, first.ID) < 0 {
				first = c
			}
		}
		node := l.add(linkNode{id: first.ID, date: first.Date, known: true, key: r})
		l.story[r] = node
		root := l.byID[r]
		keep := l.nodes[root].sig == nil // an unsigned root cannot be compared: it keeps them
		for _, c := range copies {
			if keep {
				break
			}
			if sig, ok := s.signature(c); ok && dedup.Similar(l.nodes[root].sig, &sig) {
				keep = true
			}
		}
		if keep {
			l.union(node, root)
		}
	}
	if len(bandSet) == 0 {
		return s.settle(ctx, l, pending, members)
	}

	// Requests stay under Elasticsearch's index.max_terms_count (65,536) with room to spare.
	var cands []store.Candidate
	seenCand := make(map[string]bool)
	for chunk := range slices.Chunk(bandSet, maxLookupTerms) {
		got, err := s.lookupAll(ctx, chunk, s.dups.Candidates)
		if err != nil {
			return nil, fmt.Errorf("near-duplicate candidates: %w", err)
		}
		for _, c := range s.readable(got) {
			if !seenCand[c.ID] {
				seenCand[c.ID] = true
				cands = append(cands, c)
			}
		}
	}
	// Stored signatures by band, for the article-candidate comparisons.
	type stored struct {
		c   store.Candidate
		sig dedup.Signature
	}
	var storedDocs []stored
	var newer []store.Candidate // stored versions newer than the batch's: those stay
	for _, c := range cands {
		if _, ok := l.byID[c.StoryID]; ok {
			l.formerRoots[c.StoryID] = true
		}
		if i, inBatch := l.byID[c.ID]; inBatch {
			if c.Revision > lead[c.ID].doc.Revision {
				// The batch holds an older revision (a replay): its write will be stale, so
				// the stored version, not the replayed one, speaks for the article.
				l.nodes[i].date, l.nodes[i].sig = c.Date, nil
				if sig, ok := s.signature(c); ok {
					l.nodes[i].sig = &sig
				}
				newer = append(newer, c)
			}
			continue // otherwise the batch's version replaces the stored one
		}
		if sig, ok := s.signature(c); ok {
			storedDocs = append(storedDocs, stored{c: c, sig: sig})
		}
	}
	byBand := make(map[string][]int) // band key -> batch nodes, then stored docs as -1-k
	for k, sd := range storedDocs {
		for _, b := range (&sd.sig).Bands() {
			if seenBand[b] {
				byBand[b] = append(byBand[b], -1-k)
			}
		}
	}
	for _, it := range pending {
		i, ok := l.byID[it.doc.ID]
		if !ok || lead[it.doc.ID] != it || l.nodes[i].sig == nil {
			continue
		}
		checked := make(map[int]bool)
		for _, b := range it.doc.DupBands {
			for _, j := range byBand[b] {
				if checked[j] {
					continue
				}
				checked[j] = true
				if j >= 0 {
					if dedup.Similar(l.nodes[i].sig, l.nodes[j].sig) {
						l.union(i, j)
					}
					continue
				}
				sd := &storedDocs[-1-j]
				if dedup.Similar(l.nodes[i].sig, &sd.sig) {
					l.union(i, l.storyNode(sd.c.StoryID))
				}
			}
			byBand[b] = append(byBand[b], i)
		}
	}
	for _, sd := range storedDocs {
		l.learn(sd.c)
	}
	for _, c := range newer {
		if c.StoryID != "" && c.StoryID != c.ID {
			l.union(l.byID[c.ID], l.storyNode(c.StoryID)) // it stays in its stored story
		}
	}
	// Roots not among the candidates: read their stories (the root is a member of its own).
	var unknown []string
	for root, i := range l.story {
		if !l.nodes[i].known {
			unknown = append(unknown, root)
		}
	}
	if err := s.readMembers(ctx, l, unknown, members); err != nil {
		return nil, err
	}
	for root, i := range l.story {
		if !l.nodes[i].known {
			// No stored root (deleted, or never written): the story's earliest member stands in.
			for _, c := range members[root] {
				if !l.nodes[i].known || dedup.Compare(c.Date, c.ID, l.nodes[i].date, l.nodes[i].id) < 0 {
					l.nodes[i].id, l.nodes[i].date, l.nodes[i].known = c.ID, c.Date, true
				}
			}
		}
	}
	return s.settle(ctx, l, pending, members)
}

// readMembers reads the members of the stories not yet in members.
func (s *Service) readMembers(ctx context.Context, l *linker, roots []string, members map[string][]store.Candidate) error {
	var need []string
	for _, r := range roots {
		if _, ok := members[r]; !ok {
			need = append(need, r)
			members[r] = nil
		}
	}
	if len(need) == 0 {
		return nil
	}
	for chunk := range slices.Chunk(need, maxLookupTerms) {
		got, err := s.lookupAll(ctx, chunk, s.dups.Members)
		if err != nil {
			return fmt.Errorf("near-duplicate story members: %w", err)
		}
		for _, c := range s.readable(got) {
			members[c.StoryID] = append(members[c.StoryID], c)
			l.learn(c)
		}
	}
	return nil
}

// lookupAll runs a lookup over terms; when the answer fills the limit (so may be cut, and
// cut at the newest documents, which are the likeliest copies), it asks again for each half
// of the terms, down to single terms, so that one large story does not crowd the others of
// the batch out. A single term that still fills the limit is a story larger than the limit:
// it is logged and linked in part. The answers may repeat a document matched by terms of both
// halves.
func (s *Service) lookupAll(ctx context.Context, terms []string, lookup func(context.Context, []string, int) ([]store.Candidate, error)) ([]store.Candidate, error) {
	limit := s.cfg.DuplicateCandidates
	got, err := lookup(ctx, terms, limit)
	if err != nil || len(got) < limit {
		return got, err
	}
	if len(terms) == 1 {
		s.log.Warn("near-duplicate lookup hit its limit for one key; a story this large is linked in part",
			"limit", limit, "key", terms[0])
		return got, nil
	}
	half := len(terms) / 2
	a, err := s.lookupAll(ctx, terms[:half], lookup)
	if err != nil {
		return nil, err
	}
	b, err := s.lookupAll(ctx, terms[half:], lookup)
	if err != nil {
		return nil, err
	}
	return append(a, b...), nil
}

// settle gives every pending item its story root and returns the stored documents whose
// root changed, rewritten.
func (s *Service) settle(ctx context.Context, l *linker, pending []*item, members map[string][]store.Candidate) ([]store.Document, error) {
	// The root of each component: its least known node.
	best := make(map[int]int)
	for i, n := range l.nodes {
		if !n.known {
			continue
		}
		c := l.find(i)
		if b, ok := best[c]; !ok || dedup.Compare(n.date, n.id, l.nodes[b].date, l.nodes[b].id) < 0 {
			best[c] = i
		}
	}
	rootOf := func(i int) string { return l.nodes[best[l.find(i)]].id }
	for _, it := range pending {
		root := rootOf(l.byID[it.doc.ID])
		if err := store.SetStory(&it.doc, it.art, root); err != nil {
			return nil, err
		}
	}
	// Stored stories whose root changed: every member is rewritten.
	moved := make(map[string]string) // old story key -> new root
	for key, i := range l.story {
		if r := rootOf(i); r != key {
			moved[key] = r
		}
	}
	for id := range l.formerRoots {
		if _, ok := l.story[id]; ok {
			continue // its stored copies' node decided above
		}
		if r := rootOf(l.byID[id]); r != id {
			moved[id] = r
		}
	}
	if len(moved) == 0 {
		return nil, nil
	}
	if members == nil {
		members = make(map[string][]store.Candidate)
	}
	keys := make([]string, 0, len(moved))
	for k := range moved {
		keys = append(keys, k)
	}
	if err := s.readMembers(ctx, l, keys, members); err != nil {
		return nil, err
	}
	newRoot := make(map[string]string)
	var ids []string
	for key, r := range moved {
		for _, c := range members[key] {
			if _, inBatch := l.byID[c.ID]; !inBatch {
				newRoot[c.ID] = r
				ids = append(ids, c.ID)
			}
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var docs []store.Document
	for chunk := range slices.Chunk(ids, maxLookupTerms) {
		got, err := s.dups.Lookup(ctx, chunk)
		if err != nil {
			return nil, fmt.Errorf("near-duplicate story members: read: %w", err)
		}
		docs = append(docs, got...)
	}
	out := make([]store.Document, 0, len(docs))
	for _, d := range docs {
		a, err := store.ToArticle(d)
		if err != nil {
			s.unreadable(d.ID, fmt.Errorf("not re-pointed: %w", err))
			continue
		}
		nd, err := store.FromArticle(a)
		if err != nil {
			s.unreadable(d.ID, fmt.Errorf("not re-pointed: %w", err))
			continue
		}
		if err := store.SetStory(&nd, a, newRoot[d.ID]); err != nil {
			return nil, err
		}
		out = append(out, nd)
	}
	s.m.repointed.Add(float64(len(out)))
	return out, nil
}

// linkBatch links the batch (link, retried) and returns the items to write: the batch and
// the stored documents to re-point. A store that refuses the lookup gets the batch unlinked.
func (s *Service) linkBatch(ctx context.Context, pending []*item) ([]*item, error) {
	moved, err := s.linkRetry(ctx, pending)
	if errors.Is(err, store.ErrRequestRejected) {
		// The store refuses the lookup itself (a server without _search, a query over its
		// limits): linking is lost for this batch, ingestion is not.
		s.m.unlinked.Add(float64(len(pending)))
		s.logUnlinked(err)
		for _, it := range pending {
			if err := store.SetStory(&it.doc, it.art, ""); err != nil {
				return nil, err
			}
		}
		return pending, nil
	}
	if err != nil {
		return nil, err
	}
	for _, it := range pending {
		if it.doc.DuplicateOf != "" {
			s.m.duplicates.Inc()
		}
	}
	out := pending
	if len(moved) > 0 {
		out = slices.Clip(pending)
		for _, d := range moved {
			out = append(out, &item{doc: d, repoint: true})
		}
	}
	return out, nil
}

func (s *Service) logUnlinked(err error) {
	if !s.unlinkedLogged {
		s.unlinkedLogged = true
		s.log.Warn("the store refused the near-duplicate lookup; writing without duplicate_of (logged once)", "error", err)
	}
}

// recheck links the batch's stored articles again, now that they are in the store: a copy
// that another sink wrote between this batch's lookup and its write is seen now (of two
// sinks racing, at least the later recheck sees both writes), and the stories are joined by
// rewriting what changed. A lone sink finds nothing to change.
func (s *Service) recheck(ctx context.Context, pending []*item) error {
	var stored []*item
	before := make(map[*item]string)
	for _, it := range pending {
		if it.result == resultStored {
			stored = append(stored, it)
			before[it] = it.doc.StoryID
		}
	}
	if len(stored) == 0 {
		return nil
	}
	moved, err := s.linkRetry(ctx, stored)
	if errors.Is(err, store.ErrRequestRejected) {
		s.logUnlinked(err)
		return nil
	}
	if err != nil {
		return err
	}
	var again []*item
	for _, it := range stored {
		if it.doc.StoryID != before[it] {
			again = append(again, &item{doc: it.doc, repoint: true})
		}
	}
	for _, d := range moved {
		again = append(again, &item{doc: d, repoint: true})
	}
	if len(again) == 0 {
		return nil
	}
	s.m.rechecked.Add(float64(len(again)))
	s.log.Info("linked copies another sink wrote meanwhile", "documents", len(again))
	return s.writeBounded(ctx, again)
}

// readable returns the candidates a lookup could read, dropping (in place) those it answered
// unreadable (store.CandidateError), each counted and logged once (see unreadable). A stored
// document that cannot be read cannot be linked, but must not stop the sink: an error of the
// lookup would be retried, forever for a document that stays as it is.
func (s *Service) readable(got []store.Candidate) []store.Candidate {
	out := got[:0]
	for _, c := range got {
		if c.Err != nil {
			s.unreadable(c.ID, c.Err)
			continue
		}
		out = append(out, c)
	}
	return out
}

// signature parses a stored candidate's signature; ok is false when it has none, or when it
// cannot be read (counted and logged once, see unreadable). Such a document is not compared
// with anything; as a member of a story it is still re-pointed with its story, and the
// rewrite stores the signature its text gives.
func (s *Service) signature(c store.Candidate) (sig dedup.Signature, ok bool) {
	if c.MinHash == "" {
		return sig, false
	}
	sig, err := dedup.Parse(c.MinHash)
	if err != nil {
		s.unreadable(c.ID, fmt.Errorf("minhash: %w", err))
		return sig, false
	}
	return sig, true
}

// maxUnreadableIDs bounds the ids the sink remembers as counted and logged unreadable.
const maxUnreadableIDs = 10_000

// unreadable counts and logs a stored document whose near-duplicate fields cannot be read,
// once per document (every batch whose lookup finds it meets it again); the set of ids seen
// starts again when it holds maxUnreadableIDs. Only the batch goroutine calls it.
func (s *Service) unreadable(id string, err error) {
	if s.unreadableIDs[id] {
		return
	}
	if len(s.unreadableIDs) >= maxUnreadableIDs {
		clear(s.unreadableIDs)
	}
	s.unreadableIDs[id] = true
	s.m.unreadable.Inc()
	s.log.Warn("a stored document's near-duplicate fields cannot be read; skipping it (logged once per document)",
		"article_id", id, "error", err)
}
