package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
)

// DupBackend is a store with the near-duplicate lookup.
type DupBackend interface {
	Backend
	store.Duplicates
}

// RunDuplicates checks a store's near-duplicate lookup (store.Duplicates): which documents
// Candidates and Members find, in what order and up to what limit, with which fields, and
// what Lookup returns. open returns an empty store; the suite closes it.
func RunDuplicates(t *testing.T, open func(t *testing.T) DupBackend) {
	ctx := context.Background()
	day := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	doc := func(id string, date time.Time, story string, bands ...string) store.Document {
		t.Helper()
		a := &article.Article{ID: id, Title: "Title " + id, Body: "Body of " + id, PublishedAt: &date,
			FetchedAt: date, Revision: date.UnixMilli(), SchemaVersion: article.SchemaVersion}
		d, err := store.FromArticle(a)
		if err != nil {
			t.Fatal(err)
		}
		d.DupBands, d.MinHash = bands, "sig-"+id
		if len(bands) == 0 {
			d.MinHash = ""
		}
		if err := store.SetStory(&d, a, story); err != nil {
			t.Fatal(err)
		}
		return d
	}
	docs := []store.Document{
		doc("a", day, "a", "x1", "x2"),
		doc("b", day.Add(-time.Hour), "a", "x2"),
		doc("c", day, "c", "x3"),
		doc("d", day, "d"),
	}
	ids := func(cs []store.Candidate) []string {
		out := []string{}
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	b := open(t)
	defer b.Close()
	res, err := b.Write(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Outcome != store.OutcomeStored {
			t.Fatalf("write %s: %v", docs[i].ID, r)
		}
	}
	tests := []struct {
		name    string
		members bool
		terms   []string
		limit   int
		want    []string
	}{
		{"one band, oldest first", false, []string{"x2"}, 10, []string{"b", "a"}},
		{"equal dates by id", false, []string{"x3", "x1"}, 10, []string{"a", "c"}},
		{"limit keeps the oldest", false, []string{"x1", "x2", "x3"}, 2, []string{"b", "a"}},
		{"no such band", false, []string{"nope"}, 10, []string{}},
		{"no bands", false, nil, 10, []string{}},
		{"story members and root", true, []string{"a"}, 10, []string{"b", "a"}},
		{"stories", true, []string{"c", "d"}, 10, []string{"c", "d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []store.Candidate
			var err error
			if tt.members {
				got, err = b.Members(ctx, tt.terms, tt.limit)
			} else {
				got, err = b.Candidates(ctx, tt.terms, tt.limit)
			}
			if err != nil {
				t.Fatal(err)
			}
			if g := ids(got); !slices.Equal(g, tt.want) {
				t.Fatalf("got %v, want %v", g, tt.want)
			}
		})
	}
	t.Run("candidate fields", func(t *testing.T) {
		got, err := b.Candidates(ctx, []string{"x2"}, 10)
		if err != nil || len(got) != 2 {
			t.Fatalf("%v, %v", got, err)
		}
		want := store.Candidate{ID: "b", Date: day.Add(-time.Hour), Revision: docs[1].Revision, MinHash: "sig-b", StoryID: "a"}
		if g := got[0]; g.ID != want.ID || !g.Date.Equal(want.Date) || g.Revision != want.Revision ||
			g.MinHash != want.MinHash || g.StoryID != want.StoryID {
			t.Errorf("got %+v, want %+v", g, want)
		}
	})
	t.Run("lookup", func(t *testing.T) {
		got, err := b.Lookup(ctx, []string{"b", "missing"})
		if err != nil || len(got) != 1 {
			t.Fatalf("%d documents, %v; want b alone", len(got), err)
		}
		a, err := store.ToArticle(got[0])
		if err != nil {
			t.Fatal(err)
		}
		if a.ID != "b" || a.Body != "Body of b" || a.DuplicateOf != "a" || got[0].Revision != docs[1].Revision {
			t.Errorf("lookup gave %+v (revision %d)", a, got[0].Revision)
		}
	})
}

// SplitUnreadable returns the ids of the readable candidates (in their order) and of the
// unreadable ones (sorted), and fails t for an unreadable one whose Err is not a
// *store.CandidateError for its id wrapping store.ErrInvalidDocument: the backend tests of
// documents a store cannot read (each plants them its own way) check the answer with it.
func SplitUnreadable(t *testing.T, got []store.Candidate) (readable, unreadable []string) {
	t.Helper()
	for _, c := range got {
		if c.Err == nil {
			readable = append(readable, c.ID)
			continue
		}
		var ce *store.CandidateError
		if !errors.As(c.Err, &ce) || ce.ID != c.ID || !errors.Is(c.Err, store.ErrInvalidDocument) {
			t.Errorf("%s: Err = %v, want a *store.CandidateError for it", c.ID, c.Err)
		}
		unreadable = append(unreadable, c.ID)
	}
	slices.Sort(unreadable)
	return readable, unreadable
}
