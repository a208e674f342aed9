// Package article defines the wire schema shared by every newsflow stage: the raw article the
// producer publishes to news.raw and the enriched article the enricher publishes to
// news.enriched. It imports only the standard library so that every stage can depend on it.
//
// Readers ignore unknown fields but keep them (see Article.Extra), so that a stage of an older
// build passes on what a newer producer added. Only an unknown major schema version is
// rejected.
package article

import (
	"time"
)

// SchemaVersion is the version this build writes. Minor versions are additive; a reader
// accepts any minor version of its own major version.
const SchemaVersion = "1.1"

// SchemaMajor is the major part of SchemaVersion.
const SchemaMajor = 1

// ContentType is the value of the content-type header on every newsflow message.
const ContentType = "application/json"

// Kafka header names carried on newsflow messages. Messages without them (for example
// produced with kcat) are accepted and read as the current schema version.
const (
	HeaderSchemaVersion = "schema-version"
	HeaderContentType   = "content-type"
	// HeaderRawTimestamp carries the news.raw message timestamp (Unix ms) through the
	// enricher, so that the sink can measure end-to-end latency.
	HeaderRawTimestamp = "newsflow-raw-timestamp"
)

// Values of Article.BodySource.
const (
	// BodyFromFeed: the feed item carried the whole text.
	BodyFromFeed = "feed"
	// BodyFromPage: the text was extracted from the article's web page.
	BodyFromPage = "page"
	// BodyFromSummary: only the feed's teaser was available (the page could not be fetched
	// or had no extractable text).
	BodyFromSummary = "summary"
)

// Article is one news article on the wire. The raw fields are set by the producer; the
// Enrichment fields by the enricher. The revision is never changed after the producer set it.
type Article struct {
	// ID is derived from the canonical URL, or from the normalised title and body when there
	// is no URL (see NewID). It is the Kafka key and the search document id.
	ID     string `json:"id"`
	URL    string `json:"url,omitempty"`
	Source string `json:"source,omitempty"`
	Title  string `json:"title,omitempty"`
	// Body is plain text; every mention offset is a UTF-8 byte offset into it.
	Body        string     `json:"body"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	// ModifiedAt is the source's last-modified time, when it says one.
	ModifiedAt *time.Time `json:"modified_at,omitempty"`
	FetchedAt  time.Time  `json:"fetched_at"`
	// Revision orders versions of one article (Unix ms): the source's modified time, else its
	// published time, else the first fetch time. The store keeps the highest.
	Revision int64 `json:"revision"`
	// Language is an ISO 639-1 code, when known.
	Language      string `json:"language,omitempty"`
	SchemaVersion string `json:"schema_version"`

	// Authors are the bylines, in the order the source gives them (since 1.1).
	Authors []string `json:"authors,omitempty"`
	// Section is the publisher's section or desk, e.g. "World" (since 1.1).
	Section string `json:"section,omitempty"`
	// Summary is the source's standfirst or feed description, as plain text (since 1.1).
	Summary string `json:"summary,omitempty"`
	// ImageURL is the article's lead image (since 1.1).
	ImageURL string `json:"image_url,omitempty"`
	// BodySource says where Body came from, one of the BodyFrom constants, when a feed or a
	// page fetch produced it (since 1.1).
	BodySource string `json:"body_source,omitempty"`

	Enrichment

	// Extra holds the fields this build does not know, as they were read, so that they are
	// written out again unchanged. Keys never collide with known fields.
	Extra map[string][]byte `json:"-"`
}

// Enrichment is what the enricher adds to a raw article. Every field is omitted when empty,
// so a raw article encodes without them.
type Enrichment struct {
	Entities []Entity `json:"entities,omitempty"`
	Places   []Place  `json:"places,omitempty"`
	Topics   []Topic  `json:"topics,omitempty"`
	Amounts  []Amount `json:"amounts,omitempty"`
	Dates    []Date   `json:"dates,omitempty"`
	// Tone is a document tone score in [-1, 1], when computed.
	Tone     *float64 `json:"tone,omitempty"`
	Keywords []string `json:"keywords,omitempty"`
	// DuplicateOf is the id of the earliest copy of a syndicated story, when this is a copy.
	DuplicateOf     string     `json:"duplicate_of,omitempty"`
	EnricherVersion string     `json:"enricher_version,omitempty"`
	EnrichedAt      *time.Time `json:"enriched_at,omitempty"`
	// Truncated says that mention lists were cut so that the message fits the size limit.
	Truncated bool `json:"truncated,omitempty"`
}

// Entity types.
const (
	TypePerson       = "PERSON"
	TypeOrganization = "ORGANIZATION"
	TypeLocation     = "LOCATION"
	TypeMisc         = "MISC"
)

// Entity is one distinct real-world entity in an article.
type Entity struct {
	Type string `json:"type"`
	// Name is the canonical form, the same for every spelling in the article.
	Name     string    `json:"name"`
	Mentions []Mention `json:"mentions"`
	Count    int       `json:"count"`
	// Salience in [0, 1]: how central the entity is to the article.
	Salience float64 `json:"salience"`
	// Confidence in [0, 1] of the type assignment.
	Confidence float64 `json:"confidence"`
	// Link names the entity in a knowledge base, e.g. "geonames:2988507" or "iso3166:FR".
	Link string `json:"link,omitempty"`
}

// Mention is one occurrence of a name in the body: Body[Start:End] == Text.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Place kinds.
const (
	PlaceCountry = "country"
	PlaceCity    = "city"
	PlaceRegion  = "region"
)

// Place is a resolved location.
type Place struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
	// CountryCode is the ISO 3166-1 alpha-2 code of the place's country.
	CountryCode string    `json:"country_code"`
	GeonamesID  int64     `json:"geonames_id,omitempty"`
	Location    *GeoPoint `json:"location,omitempty"`
	Mentions    []Mention `json:"mentions"`
	Count       int       `json:"count"`
}

// GeoPoint is a WGS84 coordinate in degrees.
type GeoPoint struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Topic is an IPTC Media Topic with a score in [0, 1].
type Topic struct {
	Code  string  `json:"code"` // e.g. "medtop:04000000"
	Label string  `json:"label"`
	Score float64 `json:"score"`
}

// Amount is money or a quantity found in the body.
type Amount struct {
	Kind     string  `json:"kind"` // "money" or "quantity"
	Text     string  `json:"text"`
	Start    int     `json:"start"`
	End      int     `json:"end"`
	Value    float64 `json:"value"`
	Currency string  `json:"currency,omitempty"` // ISO 4217
	Unit     string  `json:"unit,omitempty"`
}

// Date is a date expression found in the body, resolved against published_at.
type Date struct {
	Text     string `json:"text"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Value    string `json:"value"` // YYYY-MM-DD
	Relative bool   `json:"relative,omitempty"`
}
