package store

import (
	"encoding/json"
	"time"
)

// Document is one article as the search stores index it. Its JSON form is the Elasticsearch
// _source; the struct tags `es:"..."` state the intended mapping of every field, and a test in
// store/elastic checks the installed template against them:
//
//	es:"keyword"             keyword
//	es:"text"                text (standard analyser)
//	es:"text,keyword"        text with a .keyword sub-field (for Kibana terms and sorting)
//	es:"...,termvectors"     term vectors with positions and offsets (phrases, highlights)
//	es:"date", "long", "integer", "float", "boolean", "geo_point"
//	es:"object"              an object (or array of objects) whose fields carry their own tags
//	es:"disabled"            stored in _source, never parsed or indexed
//
// Dates are UTC with millisecond precision. Arrays hold distinct values in order of first
// appearance in the article.
type Document struct {
	ID     string `json:"id" es:"keyword"`
	URL    string `json:"url,omitempty" es:"keyword"`
	Source string `json:"source,omitempty" es:"text,keyword"`
	Title  string `json:"title,omitempty" es:"text,keyword,termvectors"`
	Body   string `json:"body" es:"text,termvectors"`

	PublishedAt *time.Time `json:"published_at,omitempty" es:"date"`
	ModifiedAt  *time.Time `json:"modified_at,omitempty" es:"date"`
	FetchedAt   time.Time  `json:"fetched_at" es:"date"`
	// Date is PublishedAt when known, else FetchedAt: the one date to sort, filter and draw
	// histograms on, so that articles without a published date are not lost from them.
	Date time.Time `json:"date" es:"date"`

	// Revision orders versions of one article; it is also the store's external version.
	Revision      int64  `json:"revision" es:"long"`
	Language      string `json:"language,omitempty" es:"keyword"`
	SchemaVersion string `json:"schema_version,omitempty" es:"keyword"`

	// Entities are the article's entities without their mentions (those stay in Article).
	Entities []Entity `json:"entities,omitempty" es:"object"`
	// Persons, Organizations, Locations and Misc are the entity names by type, for filters and
	// facets that must not mix one entity's type with another's name. Misc holds MISC and any
	// type this build does not know.
	Persons       []string `json:"persons,omitempty" es:"keyword"`
	Organizations []string `json:"organizations,omitempty" es:"keyword"`
	Locations     []string `json:"locations,omitempty" es:"keyword"`
	Misc          []string `json:"misc,omitempty" es:"keyword"`

	Places []Place `json:"places,omitempty" es:"object"`
	// Countries are the ISO 3166-1 alpha-2 codes of the places, and of entities linked to
	// "iso3166:XX".
	Countries []string `json:"countries,omitempty" es:"keyword"`
	// LocationsGeo are the distinct coordinates of the places, for geo filters and maps.
	LocationsGeo []GeoPoint `json:"locations_geo,omitempty" es:"geo_point"`

	Topics     []Topic  `json:"topics,omitempty" es:"object"`
	TopicCodes []string `json:"topic_codes,omitempty" es:"keyword"`

	Keywords []string `json:"keywords,omitempty" es:"keyword"`
	Tone     *float64 `json:"tone,omitempty" es:"float"`
	// DuplicateOf is the id of the earliest copy of a syndicated story.
	DuplicateOf string `json:"duplicate_of,omitempty" es:"keyword"`
	// StoryID is DuplicateOf for a copy, else the article's own id: the key on which search
	// collapses near-duplicates.
	StoryID string `json:"story_id" es:"keyword"`
	// DupBands are the band keys of the near-duplicate signature (enricher/dedup): the sink
	// finds a new article's candidate copies by them. Empty when the text is too short to sign.
	DupBands []string `json:"dup_bands,omitempty" es:"keyword"`
	// MinHash is the signature itself (dedup.Signature.String), read back to confirm a
	// candidate; mapped as a keyword that is neither indexed nor given doc values.
	MinHash         string     `json:"minhash,omitempty" es:"keyword"`
	EnricherVersion string     `json:"enricher_version,omitempty" es:"keyword"`
	EnrichedAt      *time.Time `json:"enriched_at,omitempty" es:"date"`
	Truncated       bool       `json:"truncated,omitempty" es:"boolean"`

	// Article is the enriched article's JSON exactly as the enricher published it, except that
	// its body is empty (the body is stored once, in Body). ToArticle puts the two together.
	Article json.RawMessage `json:"article" es:"disabled"`
}

// Entity is an entity of the article, without its mentions.
type Entity struct {
	Type       string  `json:"type" es:"keyword"`
	Name       string  `json:"name" es:"keyword"`
	Link       string  `json:"link,omitempty" es:"keyword"`
	Count      int     `json:"count" es:"integer"`
	Salience   float64 `json:"salience" es:"float"`
	Confidence float64 `json:"confidence" es:"float"`
}

// Place is a resolved location of the article, without its mentions.
type Place struct {
	Name        string    `json:"name" es:"keyword"`
	Kind        string    `json:"kind" es:"keyword"`
	CountryCode string    `json:"country_code" es:"keyword"`
	GeonamesID  int64     `json:"geonames_id,omitempty" es:"long"`
	Location    *GeoPoint `json:"location,omitempty" es:"geo_point"`
	Count       int       `json:"count" es:"integer"`
}

// GeoPoint is a WGS84 coordinate in degrees, in Elasticsearch's object form.
type GeoPoint struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Topic is an IPTC Media Topic with its score.
type Topic struct {
	Code  string  `json:"code" es:"keyword"`
	Label string  `json:"label" es:"keyword"`
	Score float64 `json:"score" es:"float"`
}
