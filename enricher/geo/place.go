package geo

import (
	"strconv"

	"github.com/newsflow/newsflow/internal/article"
)

// Place is one place of the lexicon: a country, a city (a capital or a city of at least
// 100,000 people), or a first-level subdivision whose name is also a country's (Georgia, the
// US state). Places are shared and immutable: callers must not modify them.
type Place struct {
	// Kind is article.PlaceCountry, article.PlaceCity or article.PlaceRegion.
	Kind string
	// Name is the canonical name: GeoNames' name for a city ("Zürich"), the everyday English
	// name for a country ("United States").
	Name string
	// CountryCode is the ISO 3166-1 alpha-2 code of the place's country.
	CountryCode string
	// GeonamesID is the GeoNames id of a city; 0 for countries and regions, which the data
	// does not give ids for (see Link).
	GeonamesID int64
	// Admin1 is the GeoNames first-level division code of a city ("GA" for Atlanta), or the
	// ISO 3166-2 subdivision code suffix of a region.
	Admin1 string
	// Population of a city, 0 for countries and regions.
	Population int64
	// Capital: a city is its country's capital (GeoNames feature code PPLC).
	Capital bool
	// Location is the city's coordinates or the country's geographic centre; nil for regions.
	Location *article.GeoPoint
}

// Link names the place in a knowledge base: "geonames:2988507" for a city, "iso3166:FR" for a
// country, "iso3166-2:US-GA" for a region.
func (p *Place) Link() string {
	switch {
	case p.GeonamesID != 0:
		return "geonames:" + strconv.FormatInt(p.GeonamesID, 10)
	case p.Kind == article.PlaceRegion:
		return "iso3166-2:" + p.CountryCode + "-" + p.Admin1
	default:
		return "iso3166:" + p.CountryCode
	}
}
