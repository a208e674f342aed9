package embedded

import (
	"fmt"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
)

// titleBoost weighs a match in the title over one in the body.
const titleBoost = 2.0

// translator turns a parsed query text (store.Node) into a bleve query.
type translator struct {
	m mapping.IndexMapping
}

// textQuery translates the whole text; nil means no text condition.
func (t translator) textQuery(n store.Node) (query.Query, error) {
	if n == nil {
		return nil, nil
	}
	return t.node(n, "")
}

// node translates n, restricted to field (a query field name) unless field is "". It
// returns nil for a term without tokens (punctuation), which the caller drops.
func (t translator) node(n store.Node, field string) (query.Query, error) {
	switch n := n.(type) {
	case *store.Term:
		return t.words(n.Text, field)
	case *store.Phrase:
		return t.words(n.Text, field)
	case *store.Field:
		return t.node(n.Node, n.Name)
	case *store.Not:
		inner, err := t.node(n.Node, field)
		if err != nil || inner == nil {
			return nil, err
		}
		b := bleve.NewBooleanQuery()
		b.AddMust(bleve.NewMatchAllQuery())
		b.AddMustNot(inner)
		return b, nil
	case *store.And:
		b := bleve.NewBooleanQuery()
		var must []query.Query
		for _, c := range n.Nodes {
			if not, ok := c.(*store.Not); ok {
				inner, err := t.node(not.Node, field)
				if err != nil {
					return nil, err
				}
				if inner != nil {
					b.AddMustNot(inner)
				}
				continue
			}
			q, err := t.node(c, field)
			if err != nil {
				return nil, err
			}
			if q != nil {
				must = append(must, q)
			}
		}
		if len(must) == 0 {
			if b.MustNot == nil {
				return nil, nil
			}
			must = append(must, bleve.NewMatchAllQuery())
		}
		b.AddMust(must...)
		return b, nil
	case *store.Or:
		var should []query.Query
		for _, c := range n.Nodes {
			q, err := t.node(c, field)
			if err != nil {
				return nil, err
			}
			if q != nil {
				should = append(should, q)
			}
		}
		if len(should) == 0 {
			return nil, nil
		}
		return bleve.NewDisjunctionQuery(should...), nil
	}
	return nil, fmt.Errorf("%w: unknown query node %T", store.ErrBadQuery, n)
}

// words matches text (a word or a phrase) in field, or in the title and body.
func (t translator) words(text, field string) (query.Query, error) {
	switch field {
	case store.FieldEntity:
		return termQuery(fEntityNames, strings.ToLower(text)), nil
	case store.FieldTopic:
		return termQuery(fTopicTerms, strings.ToLower(text)), nil
	case store.FieldCountry:
		return termQuery(fCountries, strings.ToUpper(text)), nil
	case store.FieldSource:
		return t.analysed(text, fSourceText, 1), nil
	case store.FieldTitle:
		return t.analysed(text, fTitle, 1), nil
	case store.FieldBody:
		return t.analysed(text, fBody, 1), nil
	case "":
		title := t.analysed(text, fTitle, titleBoost)
		if title == nil {
			return nil, nil
		}
		return bleve.NewDisjunctionQuery(title, t.analysed(text, fBody, 1)), nil
	}
	return nil, fmt.Errorf("%w: unknown field %q", store.ErrBadQuery, field)
}

// analysed matches text in a text field: one token as a term, several (a phrase, or a word
// such as Díaz-Canel that the analyser splits) as a phrase. nil when text has no tokens.
func (t translator) analysed(text, field string, boost float64) query.Query {
	tokens := t.tokens(text)
	switch {
	case len(tokens) == 0:
		return nil
	case len(tokens) == 1:
		q := termQuery(field, tokens[0])
		q.SetBoost(boost)
		return q
	}
	q := bleve.NewMatchPhraseQuery(text)
	q.SetField(field)
	q.Analyzer = textAnalyzer
	q.SetBoost(boost)
	return q
}

func (t translator) tokens(text string) []string {
	a := t.m.AnalyzerNamed(textAnalyzer)
	if a == nil {
		return strings.Fields(strings.ToLower(text))
	}
	var out []string
	for _, tok := range a.Analyze([]byte(text)) {
		out = append(out, string(tok.Term))
	}
	return out
}

func termQuery(field, term string) *query.TermQuery {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	return q
}

// filterQuery translates the filters into one query (nil when there are none). Filters do
// not score: the caller puts this in a boolean query's filter. The caller holds s.life.
func (s *Store) filterQuery(f *store.Filters) (query.Query, error) {
	var parts []query.Query
	for _, e := range f.Entities {
		var fields []string
		switch e.Type {
		case article.TypePerson:
			fields = []string{fPersons}
		case article.TypeOrganization:
			fields = []string{fOrganizations}
		case article.TypeLocation:
			fields = []string{fLocationNames}
		case article.TypeMisc:
			fields = []string{fMisc}
		default:
			fields = []string{fPersons, fOrganizations, fLocationNames, fMisc}
		}
		var any []query.Query
		for _, fl := range fields {
			any = append(any, termQuery(fl, e.Name))
		}
		parts = append(parts, oneOf(any))
	}
	for _, l := range []struct {
		field  string
		values []string
		upper  bool
	}{
		{fTopicCodes, f.Topics, false}, {fCountries, f.Countries, true},
		{fSource, f.Sources, false}, {fLanguage, f.Languages, false},
	} {
		if len(l.values) == 0 {
			continue
		}
		var any []query.Query
		for _, v := range l.values {
			if l.upper {
				v = strings.ToUpper(v)
			}
			any = append(any, termQuery(l.field, v))
		}
		parts = append(parts, oneOf(any))
	}
	if f.From != nil || f.To != nil {
		var from, to time.Time // zero: unbounded
		if f.From != nil {
			from = f.From.UTC()
		}
		if f.To != nil {
			to = f.To.UTC()
		}
		incl, excl := true, false
		q := bleve.NewDateRangeInclusiveQuery(from, to, &incl, &excl)
		q.SetField(fDate)
		parts = append(parts, q)
	}
	if b := f.Box; b != nil {
		q, err := s.boxQuery(b) // see geocell.go
		if err != nil {
			return nil, err
		}
		parts = append(parts, q)
	}
	switch len(parts) {
	case 0:
		return nil, nil
	case 1:
		return parts[0], nil
	}
	return bleve.NewConjunctionQuery(parts...), nil
}

func oneOf(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// fullQuery combines the text query and the filters.
func fullQuery(text, filter query.Query) query.Query {
	switch {
	case text == nil && filter == nil:
		return bleve.NewMatchAllQuery()
	case filter == nil:
		return text
	}
	b := bleve.NewBooleanQuery()
	if text != nil {
		b.AddMust(text)
	}
	b.AddFilter(filter)
	return b
}
