package web

import (
	"context"
	"html"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
)

// fakeSearcher is a hand-written store.Searcher over a few articles. It records the last
// query, filters and facets the articles the simple way (substring match), and returns err
// from every method when it is set.
type fakeSearcher struct {
	mu       sync.Mutex
	articles []*article.Article
	last     *store.Query
	calls    int
	err      error
	// block makes Search wait for the end of its context and return its error.
	block bool
}

func (f *fakeSearcher) lastQuery() (store.Query, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.last == nil {
		return store.Query{}, f.calls
	}
	return *f.last, f.calls
}

func (f *fakeSearcher) Search(ctx context.Context, q store.Query) (store.SearchResult, error) {
	f.mu.Lock()
	f.last = &q
	f.calls++
	err, block := f.err, f.block
	f.mu.Unlock()
	if block {
		<-ctx.Done()
		return store.SearchResult{}, ctx.Err()
	}
	if err != nil {
		return store.SearchResult{}, err
	}
	terms := strings.Fields(strings.ToLower(q.Text))
	var matched []*article.Article
	for _, a := range f.articles {
		if matches(a, terms, q.Filters) {
			matched = append(matched, a)
		}
	}
	sort.SliceStable(matched, func(i, j int) bool {
		return matched[i].PublishedAt.After(*matched[j].PublishedAt)
	})
	res := store.SearchResult{Total: int64(len(matched)), Facets: map[string][]store.FacetValue{}}
	for _, name := range q.Facets {
		if name == "dates" {
			res.Dates = dateBuckets(matched)
			continue
		}
		res.Facets[name] = facet(matched, name)
	}
	for i := q.From; i < len(matched) && i < q.From+q.Size; i++ {
		a := matched[i]
		h := store.Hit{ID: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, Language: a.Language,
			PublishedAt: a.PublishedAt, Score: float64(len(terms))}
		if q.Highlight && len(terms) > 0 {
			h.Snippets = snippet(a.Body, terms[0])
		}
		for _, t := range a.Topics {
			h.Topics = append(h.Topics, store.Topic{Code: t.Code, Label: t.Label, Score: t.Score})
		}
		h.Countries = countries(a)
		res.Hits = append(res.Hits, h)
	}
	return res, nil
}

func (f *fakeSearcher) Article(_ context.Context, id string) (*article.Article, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, false, f.err
	}
	for _, a := range f.articles {
		if a.ID == id {
			return a, true, nil
		}
	}
	return nil, false, nil
}

func (f *fakeSearcher) Stats(context.Context) (store.Stats, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return store.Stats{}, f.err
	}
	st := store.Stats{Documents: int64(len(f.articles))}
	sources := map[string]bool{}
	for _, a := range f.articles {
		sources[a.Source] = true
		if st.Oldest == nil || a.PublishedAt.Before(*st.Oldest) {
			st.Oldest = a.PublishedAt
		}
		if st.Newest == nil || a.PublishedAt.After(*st.Newest) {
			st.Newest = a.PublishedAt
		}
	}
	st.Sources = int64(len(sources))
	return st, nil
}

func matches(a *article.Article, terms []string, f store.Filters) bool {
	text := strings.ToLower(a.Title + " " + a.Body)
	for _, t := range terms {
		if !strings.Contains(text, t) {
			return false
		}
	}
	for _, ef := range f.Entities {
		if !slices.ContainsFunc(a.Entities, func(e article.Entity) bool {
			return e.Name == ef.Name && (ef.Type == "" || e.Type == ef.Type)
		}) {
			return false
		}
	}
	for _, t := range f.Topics {
		if !slices.ContainsFunc(a.Topics, func(x article.Topic) bool { return x.Code == t }) {
			return false
		}
	}
	for _, c := range f.Countries {
		if !slices.Contains(countries(a), c) {
			return false
		}
	}
	if len(f.Sources) > 0 && !slices.Contains(f.Sources, a.Source) {
		return false
	}
	if len(f.Languages) > 0 && !slices.Contains(f.Languages, a.Language) {
		return false
	}
	if f.From != nil && a.PublishedAt.Before(*f.From) || f.To != nil && a.PublishedAt.After(*f.To) {
		return false
	}
	return true
}

func countries(a *article.Article) []string {
	var out []string
	for _, p := range a.Places {
		if !slices.Contains(out, p.CountryCode) {
			out = append(out, p.CountryCode)
		}
	}
	return out
}

var facetTypes = map[string]string{"persons": article.TypePerson, "organizations": article.TypeOrganization, "locations": article.TypeLocation}

func facet(matched []*article.Article, name string) []store.FacetValue {
	counts := map[string]int64{}
	for _, a := range matched {
		var values []string
		switch name {
		case "persons", "organizations", "locations":
			for _, e := range a.Entities {
				if e.Type == facetTypes[name] {
					values = append(values, e.Name)
				}
			}
		case "countries":
			values = countries(a)
		case "topics":
			for _, t := range a.Topics {
				values = append(values, t.Code)
			}
		case "sources":
			values = []string{a.Source}
		case "languages":
			values = []string{a.Language}
		}
		for _, v := range values {
			counts[v]++
		}
	}
	out := make([]store.FacetValue, 0, len(counts))
	for v, c := range counts {
		out = append(out, store.FacetValue{Value: v, Count: c})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Count > out[j].Count || out[i].Count == out[j].Count && out[i].Value < out[j].Value
	})
	return out
}

// dateBuckets counts articles per day from the oldest to the newest.
func dateBuckets(matched []*article.Article) []store.DateBucket {
	if len(matched) == 0 {
		return nil
	}
	day := func(t time.Time) time.Time { return t.UTC().Truncate(24 * time.Hour) }
	lo, hi := day(*matched[0].PublishedAt), day(*matched[0].PublishedAt)
	for _, a := range matched {
		d := day(*a.PublishedAt)
		if d.Before(lo) {
			lo = d
		}
		if d.After(hi) {
			hi = d
		}
	}
	var out []store.DateBucket
	for d := lo; !d.After(hi); d = d.AddDate(0, 0, 1) {
		var n int64
		for _, a := range matched {
			if day(*a.PublishedAt).Equal(d) {
				n++
			}
		}
		out = append(out, store.DateBucket{Start: d, Count: n})
	}
	return out
}

// snippet cuts about 60 bytes either side of the first occurrence of term, on word
// boundaries, escapes it and marks the term, as a store's highlighter would.
func snippet(body, term string) []string {
	i := strings.Index(strings.ToLower(body), term)
	if i < 0 {
		return nil
	}
	lo, hi := max(0, i-60), min(len(body), i+len(term)+60)
	for lo > 0 && body[lo-1] != ' ' { // whole words (and so whole characters)
		lo--
	}
	for hi < len(body) && body[hi] != ' ' {
		hi++
	}
	pre, post := "", ""
	if lo > 0 {
		pre = "… "
	}
	if hi < len(body) {
		post = " …"
	}
	return []string{pre + html.EscapeString(body[lo:i]) + "<mark>" + html.EscapeString(body[i:i+len(term)]) + "</mark>" + html.EscapeString(body[i+len(term):hi]) + post}
}

// ---- fixtures ----

// fixture builds an enriched article whose mention offsets are computed from the body, so
// that they are exact UTF-8 byte offsets by construction (checked in TestFixtures).
type fixture struct {
	a *article.Article
}

func newFixture(id, source, title, body string, published string) *fixture {
	t, err := time.Parse(time.RFC3339, published)
	if err != nil {
		panic(err)
	}
	return &fixture{a: &article.Article{
		ID: id, URL: "https://" + source + ".example/" + id, Source: source, Title: title, Body: body,
		PublishedAt: &t, FetchedAt: t, Revision: t.UnixMilli(), Language: "en", SchemaVersion: article.SchemaVersion,
	}}
}

// entity adds an entity with a mention at each occurrence of each surface form.
func (f *fixture) entity(typ, name string, surfaces ...string) *fixture {
	e := article.Entity{Type: typ, Name: name, Salience: 0.5, Confidence: 0.9}
	for _, s := range surfaces { // longest first: a shorter form inside a longer mention is skipped
		for _, m := range mentionsOf(f.a.Body, s) {
			if !slices.ContainsFunc(e.Mentions, func(o article.Mention) bool { return m.Start < o.End && o.Start < m.End }) {
				e.Mentions = append(e.Mentions, m)
			}
		}
	}
	sort.Slice(e.Mentions, func(i, j int) bool { return e.Mentions[i].Start < e.Mentions[j].Start })
	e.Count = len(e.Mentions)
	f.a.Entities = append(f.a.Entities, e)
	return f
}

func (f *fixture) place(name, kind, country string, lat, lon float64) *fixture {
	f.a.Places = append(f.a.Places, article.Place{
		Name: name, Kind: kind, CountryCode: country, Location: &article.GeoPoint{Lat: lat, Lon: lon},
		Mentions: mentionsOf(f.a.Body, name), Count: len(mentionsOf(f.a.Body, name)),
	})
	return f
}

func (f *fixture) topic(code, label string, score float64) *fixture {
	f.a.Topics = append(f.a.Topics, article.Topic{Code: code, Label: label, Score: score})
	return f
}

// mentionsOf finds every occurrence of s in body.
func mentionsOf(body, s string) []article.Mention {
	var out []article.Mention
	for off := 0; ; {
		i := strings.Index(body[off:], s)
		if i < 0 {
			return out
		}
		start := off + i
		out = append(out, article.Mention{Start: start, End: start + len(s), Text: s})
		off = start + len(s)
	}
}

// testArticles are the articles of the API and browser tests. The first exercises the
// byte/UTF-16 conversion: "Díaz-Canel" and "Inácio" put multi-byte characters before
// later mentions.
func testArticles() []*article.Article {
	const body1 = "Cuban President Miguel Díaz-Canel met Brazil's President Luiz Inácio Lula da Silva in Havana on Tuesday. " +
		"The two leaders discussed oil supplies from Petrobras and a new credit line.\n\n" +
		"Díaz-Canel said the agreement would ease power cuts across Cuba, while Lula praised the talks in Havana as \"frank & useful\"."
	const body2 = "The European Central Bank held interest rates steady on Thursday. Christine Lagarde told reporters in Frankfurt " +
		"that inflation was easing but that the bank would stay cautious."
	const body3 = "Sugar producers from twenty countries gathered in Havana for a summit hosted by the FAO. " +
		"Delegates from Cuba and Brazil compared harvests hit by drought."
	const body4 = "Heavy rain flooded coastal towns near Rio de Janeiro, Brazil, on Monday. " +
		"Petrobras halted work at two terminals as rivers rose."
	// body5 and its title carry markup that must stay text on the page.
	const body5 = `Traders called the deal "fair & square" as <b>prices</b> rose.`
	mid := func(id string) string { return strings.Repeat("0", 32-len(id)) + id }
	return []*article.Article{
		newFixture(mid("a1"), "reuters", "Díaz-Canel meets Lula in Havana", body1, "2026-11-24T09:30:00Z").
			entity(article.TypePerson, "Miguel Díaz-Canel", "Miguel Díaz-Canel", "Díaz-Canel").
			entity(article.TypePerson, "Luiz Inácio Lula da Silva", "Luiz Inácio Lula da Silva", "Lula").
			entity(article.TypeOrganization, "Petrobras", "Petrobras").
			entity(article.TypeLocation, "Havana", "Havana").
			place("Havana", article.PlaceCity, "CU", 23.1136, -82.3666).
			place("Cuba", article.PlaceCountry, "CU", 21.5, -80.0).
			place("Brazil", article.PlaceCountry, "BR", -10.0, -55.0).
			topic("medtop:11000000", "politics", 0.91).
			topic("medtop:04000000", "economy, business and finance", 0.42).a,
		newFixture(mid("a2"), "bbc", "ECB holds interest rates", body2, "2026-11-26T13:00:00Z").
			entity(article.TypeOrganization, "European Central Bank", "European Central Bank").
			entity(article.TypePerson, "Christine Lagarde", "Christine Lagarde").
			entity(article.TypeLocation, "Frankfurt", "Frankfurt").
			place("Frankfurt", article.PlaceCity, "DE", 50.1109, 8.6821).
			topic("medtop:04000000", "economy, business and finance", 0.95).a,
		newFixture(mid("a3"), "afp", "Sugar summit opens in Havana", body3, "2026-11-25T08:00:00Z").
			entity(article.TypeOrganization, "Food and Agriculture Organization", "FAO").
			entity(article.TypeLocation, "Havana", "Havana").
			place("Havana", article.PlaceCity, "CU", 23.1136, -82.3666).
			place("Brazil", article.PlaceCountry, "BR", -10.0, -55.0).
			topic("medtop:04000000", "economy, business and finance", 0.8).a,
		newFixture(mid("a4"), "reuters", "Floods hit towns near Rio", body4, "2026-11-23T18:45:00Z").
			entity(article.TypeLocation, "Rio de Janeiro", "Rio de Janeiro").
			entity(article.TypeOrganization, "Petrobras", "Petrobras").
			place("Rio de Janeiro", article.PlaceCity, "BR", -22.9068, -43.1729).
			topic("medtop:03000000", "disaster, accident and emergency incident", 0.88).a,
		newFixture(mid("a5"), "wire", `Oil & gas: <img src=x onerror="window.pwned=1">`, body5, "2026-11-20T07:00:00Z").
			topic("medtop:04000000", "economy, business and finance", 0.7).a,
	}
}
