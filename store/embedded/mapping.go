package embedded

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/newsflow/newsflow/store"
)

// mappingVersion is kept in the index; an index built with another version is refused at
// Open (a mapping change needs a rebuild, like a type change in Elasticsearch).
const mappingVersion = "3"

// internalMappingKey is the bleve internal key holding mappingVersion.
var internalMappingKey = []byte("newsflow_mapping_version")

// Analyzers. textAnalyzer is Elasticsearch's standard analyser without its grammar
// subtleties: Unicode word segmentation and lower case, no stop words, no stemming, so that
// both stores match the same words. lowerKeyword indexes a whole value in lower case, for
// the case-insensitive exact field prefixes (entity:, topic:, country:).
const (
	textAnalyzer = "newsflow_text"
	lowerKeyword = "newsflow_lower_keyword"
)

// Field names in the bleve index. Most are the store.Document JSON names.
const (
	fTitle         = "title"
	fBody          = "body"
	fSource        = "source"      // keyword: filters and facets
	fSourceText    = "source_text" // text: the source: prefix
	fLanguage      = "language"
	fDate          = "date"
	fPublishedAt   = "published_at"
	fPersons       = "persons"
	fOrganizations = "organizations"
	fLocationNames = "location_names" // LOCATION entity names and place names
	fMisc          = "misc"
	fEntityTypes   = "entity_types"
	fEntityNames   = "entity_names" // every entity and place name, lower case: entity:
	fTopicCodes    = "topic_codes"
	fTopicTerms    = "topic_terms" // topic codes and labels, lower case: topic:
	fCountries     = "countries"
	fLocationsGeo  = "locations_geo"
	fStoryID       = "story_id"
	fDuplicateOf   = "duplicate_of"
	fKeywords      = "keywords"
	fRevision      = "revision" // stored only, decimal: the compare-and-set reads it
	fArticle       = "article"  // stored only: the enriched article without its body
	fHit           = "hit"      // stored only: what a search hit shows besides the title
)

// newMapping builds the explicit mapping: no _all field, nothing dynamic, every field named.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(textAnalyzer, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(lowerKeyword, map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []any{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = textAnalyzer
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false

	doc := bleve.NewDocumentStaticMapping()
	// Title and body: analysed, stored (highlights read them; Article reads the body) and
	// with term vectors (positions and offsets: phrases and highlights need them).
	doc.AddFieldMappingsAt(fTitle, &mapping.FieldMapping{Type: "text", Analyzer: textAnalyzer,
		Index: true, Store: true, IncludeTermVectors: true})
	doc.AddFieldMappingsAt(fBody, &mapping.FieldMapping{Type: "text", Analyzer: textAnalyzer,
		Index: true, Store: true, IncludeTermVectors: true})
	doc.AddFieldMappingsAt(fSourceText, &mapping.FieldMapping{Type: "text", Analyzer: textAnalyzer,
		Index: true, IncludeTermVectors: true})
	for _, f := range []string{fSource, fLanguage, fPersons, fOrganizations, fLocationNames, fMisc,
		fTopicCodes, fCountries, fStoryID} {
		// Keywords with doc values: filters, facets, and (story_id) collapsing.
		doc.AddFieldMappingsAt(f, &mapping.FieldMapping{Type: "text", Analyzer: keyword.Name, Index: true, DocValues: true})
	}
	for _, f := range []string{fEntityTypes, fDuplicateOf, fKeywords} {
		doc.AddFieldMappingsAt(f, &mapping.FieldMapping{Type: "text", Analyzer: keyword.Name, Index: true})
	}
	for _, f := range []string{fEntityNames, fTopicTerms} {
		doc.AddFieldMappingsAt(f, &mapping.FieldMapping{Type: "text", Analyzer: lowerKeyword, Index: true})
	}
	doc.AddFieldMappingsAt(fDate, &mapping.FieldMapping{Type: "datetime", Index: true, DocValues: true})
	doc.AddFieldMappingsAt(fPublishedAt, &mapping.FieldMapping{Type: "datetime", Index: true})
	doc.AddFieldMappingsAt(fLocationsGeo, &mapping.FieldMapping{Type: "geopoint", Index: true})
	for _, f := range []string{fRevision, fArticle, fHit} {
		doc.AddFieldMappingsAt(f, &mapping.FieldMapping{Type: "text", Analyzer: keyword.Name, Store: true})
	}
	addDupMappings(doc, keyword.Name)
	addSearchMappings(doc, keyword.Name) // searchfields.go
	im.DefaultMapping = doc
	if err := im.Validate(); err != nil {
		return nil, err
	}
	return im, nil
}

// hitData is the stored "hit" field: what a search hit shows besides its title, kept small
// so that a page of hits does not decode whole articles.
type hitData struct {
	URL         string        `json:"url,omitempty"`
	Source      string        `json:"source,omitempty"`
	Language    string        `json:"language,omitempty"`
	PublishedAt *time.Time    `json:"published_at,omitempty"`
	Date        time.Time     `json:"date"`
	Topics      []store.Topic `json:"topics,omitempty"`
	Countries   []string      `json:"countries,omitempty"`
}

// indexDoc is the value bleve indexes for d: a map keyed by the field names above.
func indexDoc(d *store.Document) (map[string]any, error) {
	hit, err := json.Marshal(hitData{
		URL: d.URL, Source: d.Source, Language: d.Language, PublishedAt: d.PublishedAt,
		Date: d.Date, Topics: d.Topics, Countries: d.Countries,
	})
	if err != nil {
		return nil, err
	}
	m := map[string]any{
		fTitle:         d.Title,
		fBody:          d.Body,
		fDate:          d.Date,
		fStoryID:       d.StoryID,
		fRevision:      strconv.FormatInt(d.Revision, 10),
		fArticle:       string(d.Article),
		fHit:           string(hit),
		fPersons:       d.Persons,
		fOrganizations: d.Organizations,
		fMisc:          d.Misc,
		fCountries:     d.Countries,
		fTopicCodes:    d.TopicCodes,
		fKeywords:      d.Keywords,
	}
	setString(m, fSource, d.Source)
	setString(m, fSourceText, d.Source)
	setString(m, fLanguage, d.Language)
	setString(m, fDuplicateOf, d.DuplicateOf)
	if d.PublishedAt != nil {
		m[fPublishedAt] = *d.PublishedAt
	}
	if err := addDupValues(m, d); err != nil {
		return nil, err
	}

	locations := distinctStrings(d.Locations)
	names := distinctStrings(d.Persons, d.Organizations, d.Locations, d.Misc)
	var types []string
	for _, e := range d.Entities {
		types = append(types, e.Type)
	}
	for _, p := range d.Places {
		locations = append(locations, p.Name)
		names = append(names, p.Name)
	}
	m[fLocationNames] = distinctStrings(locations)
	m[fEntityNames] = distinctStrings(names)
	m[fEntityTypes] = distinctStrings(types)

	var topicTerms []string
	for _, t := range d.Topics {
		topicTerms = append(topicTerms, t.Code, t.Label)
	}
	m[fTopicTerms] = distinctStrings(topicTerms)

	if len(d.LocationsGeo) > 0 {
		pts := make([]any, len(d.LocationsGeo))
		for i, p := range d.LocationsGeo {
			pts[i] = map[string]any{"lat": p.Lat, "lon": p.Lon}
		}
		m[fLocationsGeo] = pts
	}
	addSearchValues(m, d)
	return m, nil
}

func setString(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

// distinctStrings joins lists, keeping the first of equal non-empty values.
func distinctStrings(lists ...[]string) []string {
	var out []string
	seen := make(map[string]bool)
	for _, l := range lists {
		for _, v := range l {
			if v != "" && !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return out
}
