package storetest

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
)

func at(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

// caseFilters: every filter alone and together.
func caseFilters(h *harness) {
	h.writeCorpus()
	c := h.corpus
	rates := []*article.Article{c.Rates, c.RatesCopy1, c.RatesCopy2}
	tests := []struct {
		name string
		text string
		f    store.Filters
		want []*article.Article
	}{
		{"person", "", store.Filters{Entities: []store.EntityFilter{{Type: article.TypePerson, Name: "Christine Lagarde"}}}, rates},
		{"any type", "", store.Filters{Entities: []store.EntityFilter{{Name: "Miguel Díaz-Canel"}}}, []*article.Article{c.Cuba}},
		{"wrong type", "", store.Filters{Entities: []store.EntityFilter{{Type: article.TypeOrganization, Name: "Christine Lagarde"}}}, nil},
		{"organization", "", store.Filters{Entities: []store.EntityFilter{{Type: article.TypeOrganization, Name: "Banque de France"}}}, []*article.Article{c.Paris}},
		{"location is a place", "", store.Filters{Entities: []store.EntityFilter{{Type: article.TypeLocation, Name: "La Habana"}}}, []*article.Article{c.Cuba}},
		{"entities all", "", store.Filters{Entities: []store.EntityFilter{
			{Type: article.TypePerson, Name: "Christine Lagarde"}, {Type: article.TypeLocation, Name: "London"}}}, nil},
		{"topic", "", store.Filters{Topics: []string{TopicPolitics}}, []*article.Article{c.Cuba}},
		{"topics any", "", store.Filters{Topics: []string{TopicPolitics, TopicEconomy}},
			append([]*article.Article{c.Cuba, c.Savers, c.Paris}, rates...)},
		{"country any case", "", store.Filters{Countries: []string{"cu", "GB"}}, []*article.Article{c.Cuba, c.Savers}},
		{"source", "", store.Filters{Sources: []string{"AP"}}, []*article.Article{c.Savers}},
		{"language", "", store.Filters{Languages: []string{"fr"}}, []*article.Article{c.Paris}},
		{"date range", "", store.Filters{From: at(2024, 3, 2), To: at(2024, 3, 3)}, []*article.Article{c.Savers}},
		{"date from", "", store.Filters{From: at(2024, 3, 2)}, []*article.Article{c.Savers, c.Cuba}},
		{"date to is exclusive", "", store.Filters{To: c.Paris.PublishedAt}, c.Fillers},
		{"geo box", "", store.Filters{Box: &store.GeoBox{North: 25, West: -85, South: 20, East: -75}}, []*article.Article{c.Cuba}},
		{"geo box europe", "", store.Filters{Box: &store.GeoBox{North: 55, West: -5, South: 45, East: 10}},
			append([]*article.Article{c.Savers, c.Paris}, rates...)},
		{"geo box across the antimeridian", "", store.Filters{Box: &store.GeoBox{North: 60, West: 170, South: 0, East: 10}},
			append([]*article.Article{c.Savers, c.Paris, c.Cuba}, rates...)},
		{"with text", "interest", store.Filters{Countries: []string{"GB"}}, []*article.Article{c.Savers}},
		{"together", "", store.Filters{Topics: []string{TopicEconomy}, Languages: []string{"en"}, From: at(2024, 3, 1), To: at(2024, 3, 2),
			Sources: []string{"MSN", "Reuters"}}, []*article.Article{c.Rates, c.RatesCopy2}},
	}
	for _, tt := range tests {
		res := h.search(store.Query{Text: tt.text, Filters: tt.f, NoCollapse: true, Size: 100})
		if got, want := ids(res), idsOf(tt.want...); !slices.Equal(got, want) {
			h.t.Errorf("%s: found %v, want %v", tt.name, got, want)
		}
	}
}

func facetMap(values []store.FacetValue) map[string]int64 {
	m := make(map[string]int64)
	for _, v := range values {
		m[v.Value] = v.Count
	}
	return m
}

// caseFacets: counts of documents (not stories) per value, most frequent first.
func caseFacets(h *harness) {
	h.writeCorpus()
	res := h.search(store.Query{Text: "interest", Facets: []string{
		store.FacetSources, store.FacetCountries, store.FacetTopics, store.FacetPersons,
		store.FacetOrganizations, store.FacetLocations, store.FacetLanguages,
	}})
	want := map[string]map[string]int64{
		store.FacetSources:       {"Reuters": 1, "Yahoo News": 1, "MSN": 1, "AP": 1},
		store.FacetCountries:     {"DE": 3, "GB": 1},
		store.FacetTopics:        {TopicEconomy: 4},
		store.FacetPersons:       {"Christine Lagarde": 3},
		store.FacetOrganizations: {"European Central Bank": 3},
		store.FacetLocations:     {"Frankfurt": 3, "London": 1},
		store.FacetLanguages:     {"en": 4},
	}
	if res.Total != 4 {
		h.t.Errorf("total %d, want 4", res.Total)
	}
	for name, w := range want {
		values := res.Facets[name]
		if got := facetMap(values); !mapsEqual(got, w) {
			h.t.Errorf("facet %s = %v, want %v", name, values, w)
		}
		if !slices.IsSortedFunc(values, func(a, b store.FacetValue) int { return int(b.Count - a.Count) }) {
			h.t.Errorf("facet %s is not sorted by count: %v", name, values)
		}
	}
	if res.Dates != nil {
		h.t.Errorf("dates %v without the dates facet", res.Dates)
	}
	// The empty query counts every document.
	res = h.search(store.Query{Facets: []string{store.FacetLanguages}})
	if got := facetMap(res.Facets[store.FacetLanguages]); !mapsEqual(got, map[string]int64{"en": 29, "es": 1, "fr": 1}) {
		h.t.Errorf("languages of everything = %v", got)
	}
}

func mapsEqual(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// caseDates: the histogram covers the filter's range at the smallest calendar interval that
// needs at most store.MaxDateBuckets buckets (ten days: by day), empty buckets included.
func caseDates(h *harness) {
	h.writeCorpus()
	res := h.search(store.Query{Facets: []string{store.FacetDates},
		Filters: store.Filters{From: at(2024, 3, 1), To: at(2024, 3, 11)}})
	want := []store.DateBucket{
		{Start: *at(2024, 3, 1), Count: 3}, {Start: *at(2024, 3, 2), Count: 1}, {Start: *at(2024, 3, 3), Count: 1},
	}
	for d := 4; d <= 10; d++ {
		want = append(want, store.DateBucket{Start: *at(2024, 3, d)})
	}
	if len(res.Dates) != len(want) {
		h.t.Fatalf("dates = %v, want %v", res.Dates, want)
	}
	for i := range want {
		if !res.Dates[i].Start.Equal(want[i].Start) || res.Dates[i].Count != want[i].Count {
			h.t.Errorf("bucket %d = %v, want %v", i, res.Dates[i], want[i])
		}
	}
	// Without a range the histogram spans the data, and counts every document once.
	res = h.search(store.Query{Facets: []string{store.FacetDates}})
	var sum int64
	for i, b := range res.Dates {
		sum += b.Count
		if i > 0 && !b.Start.After(res.Dates[i-1].Start) {
			h.t.Errorf("buckets out of order at %d: %v", i, res.Dates)
		}
	}
	if sum != res.Total || len(res.Dates) > store.MaxDateBuckets || len(res.Dates) == 0 {
		h.t.Errorf("histogram of everything: %d buckets counting %d, total %d", len(res.Dates), sum, res.Total)
	}
}

// caseCollapse: copies of one story give one hit that counts the others.
func caseCollapse(h *harness) {
	h.writeCorpus()
	c := h.corpus
	res := h.search(store.Query{Text: `"interest rates"`})
	if res.Total != 3 {
		h.t.Errorf("total %d, want 3 (documents, before collapsing)", res.Total)
	}
	if len(res.Hits) != 1 {
		h.t.Fatalf("collapsed hits %v, want one", ids(res))
	}
	hit := res.Hits[0]
	if !slices.Contains(idsOf(c.Rates, c.RatesCopy1, c.RatesCopy2), hit.ID) || hit.Duplicates != 2 {
		h.t.Errorf("hit %s with %d duplicates, want one of the story with 2", hit.ID, hit.Duplicates)
	}
	// A page that only fits part of the matches still counts every copy.
	res = h.search(store.Query{Text: "interest OR filler", Size: 1})
	if len(res.Hits) != 1 {
		h.t.Fatalf("hits %v, want one", ids(res))
	}
	wantDup := 0
	if slices.Contains(idsOf(c.Rates, c.RatesCopy1, c.RatesCopy2), res.Hits[0].ID) {
		wantDup = 2
	}
	if res.Hits[0].Duplicates != wantDup {
		h.t.Errorf("size 1: hit %s with %d duplicates, want %d", res.Hits[0].ID, res.Hits[0].Duplicates, wantDup)
	}
	// The newest two matches are copies of one story: the second hit lies beyond them.
	res = h.search(store.Query{Text: `"interest rates" OR filler`, Sort: store.SortDate, Size: 2})
	if len(res.Hits) != 2 || res.Hits[0].ID != c.RatesCopy2.ID || res.Hits[0].Duplicates != 2 ||
		res.Hits[1].ID != c.Fillers[24].ID || res.Hits[1].Duplicates != 0 {
		h.t.Errorf("by date, size 2: %+v, want %s (2 duplicates) then %s", res.Hits, c.RatesCopy2.ID, c.Fillers[24].ID)
	}
	res = h.search(store.Query{Text: "interest", Sort: store.SortDate})
	if got := ids(res); len(got) != 2 || !slices.Contains(got, c.Savers.ID) {
		h.t.Errorf("interest by date: %v, want Savers and one of the Rates story", got)
	}
	for _, hit := range res.Hits {
		want := 2
		if hit.ID == c.Savers.ID {
			want = 0
		}
		if hit.Duplicates != want {
			h.t.Errorf("hit %s: %d duplicates, want %d", hit.ID, hit.Duplicates, want)
		}
	}
	res = h.search(store.Query{Text: `"interest rates"`, NoCollapse: true})
	if len(res.Hits) != 3 {
		h.t.Errorf("NoCollapse: %d hits, want 3", len(res.Hits))
	}
}

// casePaging: pages by date are disjoint, ordered, and together hold every match.
func casePaging(h *harness) {
	h.writeCorpus()
	var all []store.Hit
	for _, page := range []struct{ from, want int }{{0, 10}, {10, 10}, {20, 5}, {30, 0}} {
		res := h.search(store.Query{Text: "filler", Sort: store.SortDate, From: page.from, Size: 10})
		if len(res.Hits) != page.want || res.Total != 25 {
			h.t.Errorf("from %d: %d hits of %d, want %d of 25", page.from, len(res.Hits), res.Total, page.want)
		}
		all = append(all, res.Hits...)
	}
	seen := make(map[string]bool)
	for i, hit := range all {
		if seen[hit.ID] {
			h.t.Errorf("hit %s on two pages", hit.ID)
		}
		seen[hit.ID] = true
		if i > 0 && hit.PublishedAt.After(*all[i-1].PublishedAt) {
			h.t.Errorf("hit %d is newer than hit %d", i, i-1)
		}
	}
	if len(seen) != 25 {
		h.t.Errorf("pages held %d distinct hits, want 25", len(seen))
	}
	newest := h.corpus.Fillers[24]
	if all[0].ID != newest.ID || all[0].Title != newest.Title || all[0].Source != newest.Source ||
		all[0].URL != newest.URL || all[0].Language != "en" {
		h.t.Errorf("first hit %+v, want the newest filler %s", all[0], newest.ID)
	}
}

// caseBadQueries: malformed queries fail with ErrBadQuery.
func caseBadQueries(h *harness) {
	for _, q := range []store.Query{
		{Text: `"interest rates`},
		{Text: "(a OR b"},
		{Size: store.MaxSize + 1},
		{From: store.MaxDepth},
		{Sort: "random"},
		{Facets: []string{"nope"}},
		{Filters: store.Filters{Box: &store.GeoBox{North: -10, South: 10}}},
	} {
		_, err := h.b.Search(context.Background(), q)
		if !errors.Is(err, store.ErrBadQuery) {
			h.t.Errorf("Search(%+v) = %v, want ErrBadQuery", q, err)
		}
	}
}

// caseStats: documents, date range and sources.
func caseStats(h *harness) {
	st, err := h.b.Stats(context.Background())
	if err != nil || st.Documents != 0 || st.Oldest != nil {
		h.t.Errorf("empty store: %+v, %v", st, err)
	}
	h.writeCorpus()
	st, err = h.b.Stats(context.Background())
	if err != nil {
		h.t.Fatalf("Stats: %v", err)
	}
	if st.Documents != 31 || st.Sources != 7 {
		h.t.Errorf("stats %+v, want 31 documents from 7 sources", st)
	}
	if st.Oldest == nil || !st.Oldest.Equal(*h.corpus.Fillers[0].PublishedAt) ||
		st.Newest == nil || !st.Newest.Equal(*h.corpus.Cuba.PublishedAt) {
		h.t.Errorf("stats dates %v..%v, want %v..%v", st.Oldest, st.Newest,
			h.corpus.Fillers[0].PublishedAt, h.corpus.Cuba.PublishedAt)
	}
}
