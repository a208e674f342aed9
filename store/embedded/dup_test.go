package embedded

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/storetest"
)

func TestDuplicatesLookup(t *testing.T) {
	storetest.RunDuplicates(t, func(t *testing.T) storetest.DupBackend { return openFor(t, 64, 4) })
}

// TestDuplicatesUnreadable: a stored document whose near-duplicate fields cannot be read is
// answered as an unreadable candidate (Lookup: its id alone) beside the others, never as an
// error of the lookup, which the sink would retry forever.
func TestDuplicatesUnreadable(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	doc := func(id string) store.Document {
		t.Helper()
		a := &article.Article{ID: id, Body: "Body of " + id, PublishedAt: &day, FetchedAt: day,
			Revision: 7, SchemaVersion: article.SchemaVersion}
		d, err := store.FromArticle(a)
		if err != nil {
			t.Fatal(err)
		}
		d.DupBands, d.MinHash = []string{"band"}, "sig-"+id
		return d
	}
	s := openFor(t, 64, 4)
	defer s.Close()
	if _, err := s.Write(ctx, []store.Document{doc("good")}); err != nil {
		t.Fatal(err)
	}
	nostory := doc("nostory")
	nostory.StoryID = ""
	if _, err := s.Write(ctx, []store.Document{nostory}); err != nil {
		t.Fatal(err)
	}
	// Damage two more as only the index itself can: a stored field that does not decode.
	for id, set := range map[string]map[string]any{
		"baddup": {fDup: "{not json"},
		"badrev": {fRevision: "seven"},
	} {
		d := doc(id)
		v, err := indexDoc(&d)
		if err != nil {
			t.Fatal(err)
		}
		for k, x := range set {
			v[k] = x
		}
		if err := s.idx.Index(id, v); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("candidates", func(t *testing.T) {
		got, err := s.Candidates(ctx, []string{"band"}, 10)
		if err != nil {
			t.Fatalf("Candidates: %v, want the readable ones and the others marked", err)
		}
		ok, bad := storetest.SplitUnreadable(t, got)
		if !slices.Equal(ok, []string{"good"}) || !slices.Equal(bad, []string{"baddup", "badrev", "nostory"}) {
			t.Errorf("readable %v, unreadable %v; want [good] and [baddup badrev nostory]", ok, bad)
		}
	})
	t.Run("lookup", func(t *testing.T) {
		got, err := s.Lookup(ctx, []string{"good", "badrev"})
		if err != nil || len(got) != 2 {
			t.Fatalf("Lookup: %d documents, %v; want 2", len(got), err)
		}
		for _, d := range got {
			_, err := store.ToArticle(d)
			if (err == nil) != (d.ID == "good") {
				t.Errorf("%s: ToArticle error %v", d.ID, err)
			}
		}
	})
}
