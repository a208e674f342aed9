package elastic

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
)

// obj is a JSON object of a request body.
type obj = map[string]any

// titleBoost weighs a match in the title over one in the body (as store/embedded does).
const titleBoost = 2

// Highlight settings of a search with Query.Highlight.
const (
	fragmentSize      = 160
	numberOfFragments = 3
)

// textQuery translates a parsed query text into an Elasticsearch query; nil means no text
// condition (empty text, or words without tokens).
func textQuery(n store.Node) (any, error) {
	if n == nil {
		return nil, nil
	}
	return nodeQuery(n, "")
}

// nodeQuery translates n, restricted to field (a query field name) unless field is "".
func nodeQuery(n store.Node, field string) (any, error) {
	switch n := n.(type) {
	case *store.Term:
		return wordsQuery(n.Text, field, false)
	case *store.Phrase:
		return wordsQuery(n.Text, field, true)
	case *store.Field:
		return nodeQuery(n.Node, n.Name)
	case *store.Not:
		inner, err := nodeQuery(n.Node, field)
		if err != nil || inner == nil {
			return nil, err
		}
		return obj{"bool": obj{"must_not": []any{inner}}}, nil
	case *store.And:
		var must, mustNot []any
		for _, c := range n.Nodes {
			if not, ok := c.(*store.Not); ok {
				inner, err := nodeQuery(not.Node, field)
				if err != nil {
					return nil, err
				}
				if inner != nil {
					mustNot = append(mustNot, inner)
				}
				continue
			}
			q, err := nodeQuery(c, field)
			if err != nil {
				return nil, err
			}
			if q != nil {
				must = append(must, q)
			}
		}
		if len(must) == 0 && len(mustNot) == 0 {
			return nil, nil
		}
		b := obj{}
		if len(must) > 0 {
			b["must"] = must
		}
		if len(mustNot) > 0 {
			b["must_not"] = mustNot
		}
		return obj{"bool": b}, nil
	case *store.Or:
		var should []any
		for _, c := range n.Nodes {
			q, err := nodeQuery(c, field)
			if err != nil {
				return nil, err
			}
			if q != nil {
				should = append(should, q)
			}
		}
		return anyOf(should), nil
	}
	return nil, fmt.Errorf("%w: unknown query node %T", store.ErrBadQuery, n)
}

// anyOf is a query matching any of qs (nil for none).
func anyOf(qs []any) any {
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return obj{"bool": obj{"should": qs, "minimum_should_match": 1}}
}

// wordsQuery matches text (a word, or a phrase when phrase is set) in field, or in the title
// and the body.
func wordsQuery(text, field string, phrase bool) (any, error) {
	switch field {
	case store.FieldEntity:
		return anyOf([]any{
			caseless("entities.name", text), caseless("places.name", text),
		}), nil
	case store.FieldTopic:
		return anyOf([]any{
			caseless("topics.code", text), caseless("topics.label", text),
		}), nil
	case store.FieldCountry:
		return obj{"term": obj{"countries": strings.ToUpper(text)}}, nil
	case store.FieldSource, store.FieldTitle, store.FieldBody:
		return analysed(field, text, phrase, 0), nil
	case "":
		title := analysed("title", text, phrase, titleBoost)
		if title == nil {
			return nil, nil
		}
		return anyOf([]any{title, analysed("body", text, phrase, 0)}), nil
	}
	return nil, fmt.Errorf("%w: unknown field %q", store.ErrBadQuery, field)
}

// caseless is an exact, case-insensitive term query on a keyword field.
func caseless(field, value string) any {
	return obj{"term": obj{field: obj{"value": value, "case_insensitive": true}}}
}

// analysed matches text in a text field: a word as a match query (every token), a phrase or
// a word the analyser splits into several tokens (Díaz-Canel) as match_phrase. nil when text
// has no tokens. boost 0 means none.
func analysed(field, text string, phrase bool, boost float64) any {
	tokens := approxTokens(text)
	if len(tokens) == 0 {
		return nil
	}
	if phrase || len(tokens) > 1 {
		return obj{"match_phrase": obj{field: withBoost(obj{"query": text}, boost)}}
	}
	return obj{"match": obj{field: withBoost(obj{"query": text, "operator": "and"}, boost)}}
}

func withBoost(o obj, boost float64) obj {
	if boost != 0 {
		o["boost"] = boost
	}
	return o
}

// approxTokens splits text as the standard analyser does for the purpose of counting its
// tokens: runs of letters, digits and marks.
func approxTokens(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
}

// filterClauses translates the filters into bool filter clauses.
func filterClauses(f *store.Filters) []any {
	var out []any
	for _, e := range f.Entities {
		var fields []string
		switch e.Type {
		case article.TypePerson:
			fields = []string{"persons"}
		case article.TypeOrganization:
			fields = []string{"organizations"}
		case article.TypeLocation:
			fields = []string{"locations", "places.name"}
		case article.TypeMisc:
			fields = []string{"misc"}
		default:
			fields = []string{"persons", "organizations", "locations", "places.name", "misc"}
		}
		var alts []any
		for _, fl := range fields {
			alts = append(alts, obj{"term": obj{fl: e.Name}})
		}
		out = append(out, anyOf(alts))
	}
	upper := func(vs []string) []string {
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = strings.ToUpper(v)
		}
		return out
	}
	for _, l := range []struct {
		field  string
		values []string
	}{
		{"topic_codes", f.Topics}, {"countries", upper(f.Countries)},
		{"source.keyword", f.Sources}, {"language", f.Languages},
	} {
		if len(l.values) > 0 {
			out = append(out, obj{"terms": obj{l.field: l.values}})
		}
	}
	if f.From != nil || f.To != nil {
		r := obj{"format": "strict_date_optional_time"}
		if f.From != nil {
			r["gte"] = f.From.UTC().Format(time.RFC3339Nano)
		}
		if f.To != nil {
			r["lt"] = f.To.UTC().Format(time.RFC3339Nano)
		}
		out = append(out, obj{"range": obj{"date": r}})
	}
	if b := f.Box; b != nil {
		out = append(out, obj{"geo_bounding_box": obj{"locations_geo": obj{
			"top_left":     obj{"lat": b.North, "lon": b.West},
			"bottom_right": obj{"lat": b.South, "lon": b.East},
		}}})
	}
	return out
}

// fullQuery combines the text query and the filter clauses.
func fullQuery(text any, filters []any) any {
	if text == nil && len(filters) == 0 {
		return obj{"match_all": obj{}}
	}
	b := obj{}
	if text != nil {
		b["must"] = []any{text}
	}
	if len(filters) > 0 {
		b["filter"] = filters
	}
	return obj{"bool": b}
}

// termsFacets maps the terms facets to their fields. FacetLocations reads two fields (see
// searchBody).
var termsFacets = map[string]string{
	store.FacetPersons:       "persons",
	store.FacetOrganizations: "organizations",
	store.FacetLocations:     "locations",
	store.FacetTopics:        "topic_codes",
	store.FacetSources:       "source.keyword",
	store.FacetCountries:     "countries",
	store.FacetLanguages:     "language",
}

// placesFacet is the aggregation of place names that the locations facet merges in.
const placesFacet = "locations_places"

// collapseName names the inner hits that count a story's matching documents.
const collapseName = "story"

// searchBody builds the _search body of q (normalised), with the histogram when hist is set.
func searchBody(q *store.Query, text any, hist *histogram) obj {
	body := obj{
		"query":            fullQuery(text, filterClauses(&q.Filters)),
		"from":             q.From,
		"size":             q.Size,
		"track_total_hits": true,
		"_source": []string{
			"id", "url", "source", "title", "language", "published_at", "topics", "countries",
		},
	}
	if q.Sort == store.SortDate || text == nil {
		body["sort"] = []any{obj{"date": "desc"}, obj{"id": "asc"}}
	} else {
		body["sort"] = []any{obj{"_score": "desc"}, obj{"date": "desc"}, obj{"id": "asc"}}
	}
	if !q.NoCollapse {
		body["collapse"] = obj{
			"field":      "story_id",
			"inner_hits": obj{"name": collapseName, "size": 0},
		}
	}
	if q.Highlight {
		body["highlight"] = obj{
			"pre_tags": []string{"<mark>"}, "post_tags": []string{"</mark>"},
			"encoder": "html", "fragment_size": fragmentSize, "number_of_fragments": numberOfFragments,
			"fields": obj{
				"body":  obj{"no_match_size": fragmentSize},
				"title": obj{},
			},
		}
	}
	aggs := obj{}
	for _, name := range q.Facets {
		if name == store.FacetDates {
			if hist != nil {
				aggs[name] = hist.agg()
			}
			continue
		}
		aggs[name] = termsAgg(termsFacets[name])
		if name == store.FacetLocations {
			aggs[placesFacet] = termsAgg("places.name")
		}
	}
	if len(aggs) > 0 {
		body["aggs"] = aggs
	}
	return body
}

// facetSpare is how many values beyond store.FacetSize a terms aggregation asks for, so
// that the locations facet's merge of two fields still finds its top values.
const facetSpare = 10

func termsAgg(field string) obj {
	return obj{"terms": obj{
		"field": field, "size": store.FacetSize + facetSpare,
		"order": []any{obj{"_count": "desc"}, obj{"_key": "asc"}},
	}}
}
