package dedup

import (
	"cmp"
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

// Item is one article to link with Resolve.
type Item struct {
	ID string
	// Date orders copies: the earliest is the story's root (see DateOf).
	Date time.Time
	// Sig is the article's signature; nil when it has none (too short to sign).
	Sig *Signature
}

// DateOf is the date that orders copies of a story: published_at, else fetched_at, in UTC at
// millisecond precision (the search document's date, which the stores keep).
func DateOf(a *article.Article) time.Time {
	t := a.FetchedAt
	if a.PublishedAt != nil {
		t = *a.PublishedAt
	}
	return t.UTC().Truncate(time.Millisecond)
}

// SignArticle signs an article's title and body; nil when the text is too short.
func SignArticle(a *article.Article) *Signature {
	s, ok := Sign(a.Title, a.Body)
	if !ok {
		return nil
	}
	return &s
}

// Compare orders stories' candidate roots: by date, then by id. The root of a story is its
// least member.
func Compare(aDate time.Time, aID string, bDate time.Time, bID string) int {
	if c := aDate.Compare(bDate); c != 0 {
		return c
	}
	return cmp.Compare(aID, bID)
}

// Resolve links the near-duplicates among items: a story is a connected component of the
// Similar relation, and its root is its member with the earliest Date (ties: the smaller id).
// It returns the root of every item that is a copy (in a story of two or more items and not
// its root); roots and unlinked items are absent. Items must have distinct ids. The result
// does not depend on the order of items.
func Resolve(items []Item) map[string]string {
	parent := make([]int, len(items))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// Pairs that share a band key are the only ones Similar can accept.
	byBand := make(map[uint64][]int)
	for i, it := range items {
		if it.Sig == nil {
			continue
		}
		for b := range NumBands {
			k := it.Sig.bandHash(b)
			for _, j := range byBand[k] {
				if ri, rj := find(i), find(j); ri != rj && Similar(it.Sig, items[j].Sig) {
					parent[ri] = rj
				}
			}
			byBand[k] = append(byBand[k], i)
		}
	}
	root := make(map[int]int) // component -> index of its least member
	for i := range items {
		c := find(i)
		r, ok := root[c]
		if !ok || Compare(items[i].Date, items[i].ID, items[r].Date, items[r].ID) < 0 {
			root[c] = i
		}
	}
	out := make(map[string]string)
	for i, it := range items {
		if r := root[find(i)]; r != i {
			out[it.ID] = items[r].ID
		}
	}
	return out
}
