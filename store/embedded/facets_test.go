package embedded

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/newsflow/newsflow/store"
)

// TestFacetsFollowWrites counts facets over an index of several segments with overwritten
// (deleted) documents, with the empty query (cached per index state) and a filtered one,
// and checks every count against the documents last written, after each batch.
func TestFacetsFollowWrites(t *testing.T) {
	s := openT(t, t.TempDir())
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	people := []string{"Ana", "Ben", "Chen", "Dara", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"}
	current := make(map[string]store.Document)
	mk := func(i int, rev int64) store.Document {
		d := store.Document{
			ID: fmt.Sprintf("doc-%03d", i), Title: "t", Body: "b", Revision: rev,
			Date:     base.Add(time.Duration(r.IntN(60*24)) * time.Hour),
			Source:   []string{"wire", "daily", "weekly"}[r.IntN(3)],
			Language: []string{"en", "fr"}[r.IntN(2)],
			Article:  []byte("{}"),
		}
		d.StoryID = d.ID
		for range 1 + r.IntN(3) {
			if p := people[r.IntN(len(people))]; !slices.Contains(d.Persons, p) {
				d.Persons = append(d.Persons, p)
			}
		}
		return d
	}
	write := func(docs []store.Document) {
		t.Helper()
		res, err := s.Write(ctx, docs)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range res {
			if r.Outcome != store.OutcomeStored {
				t.Fatalf("write %s: %+v", docs[i].ID, r)
			}
			current[docs[i].ID] = docs[i]
		}
	}
	top := func(counts map[string]int64) []store.FacetValue {
		out := []store.FacetValue{}
		for v, n := range counts {
			out = append(out, store.FacetValue{Value: v, Count: n})
		}
		slices.SortFunc(out, func(a, b store.FacetValue) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
		})
		return out[:min(len(out), store.FacetSize)]
	}
	check := func(t *testing.T) {
		for _, lang := range []string{"", "fr"} {
			q := store.Query{Facets: []string{store.FacetPersons, store.FacetSources, store.FacetDates}}
			if lang != "" {
				q.Filters.Languages = []string{lang}
			}
			for run := range 2 { // the second empty query comes from the cache
				res, err := s.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				persons, sources := map[string]int64{}, map[string]int64{}
				dates := make([]int64, len(res.Dates))
				for _, d := range current {
					if lang != "" && d.Language != lang {
						continue
					}
					for _, p := range d.Persons {
						persons[p]++
					}
					sources[d.Source]++
					i, found := slices.BinarySearchFunc(res.Dates, d.Date, func(b store.DateBucket, t time.Time) int { return b.Start.Compare(t) })
					if !found {
						i--
					}
					if i >= 0 {
						dates[i]++
					}
				}
				if got, want := res.Facets[store.FacetPersons], top(persons); !slices.Equal(got, want) {
					t.Errorf("language %q run %d: persons %v, want %v", lang, run, got, want)
				}
				if got, want := res.Facets[store.FacetSources], top(sources); !slices.Equal(got, want) {
					t.Errorf("language %q run %d: sources %v, want %v", lang, run, got, want)
				}
				for i, b := range res.Dates {
					if b.Count != dates[i] {
						t.Errorf("language %q run %d: bucket %s: %d, want %d", lang, run, b.Start, b.Count, dates[i])
					}
				}
				if len(res.Dates) == 0 {
					t.Errorf("language %q: no date histogram", lang)
				}
			}
		}
	}
	var batch []store.Document
	for i := range 40 {
		batch = append(batch, mk(i, 1))
	}
	write(batch)
	t.Run("one batch", check)
	batch = batch[:0]
	for i := 40; i < 90; i++ {
		batch = append(batch, mk(i, 1))
	}
	write(batch)
	t.Run("two batches", check)
	batch = batch[:0]
	for i := range 30 {
		batch = append(batch, mk(i*2, 2)) // overwrites: the old versions are deleted
	}
	write(batch)
	t.Run("overwrites", check)
}
