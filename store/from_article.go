package store

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/newsflow/newsflow/enricher/dedup"
	"github.com/newsflow/newsflow/internal/article"
)

// FromArticle converts an enriched (or raw) article into its search document. It does not
// modify a. Errors wrap ErrInvalidDocument: an id Elasticsearch would refuse (which would fail
// a whole bulk request, not just the item), a negative revision, a date outside years
// 0000-9999, a number that is not finite.
func FromArticle(a *article.Article) (Document, error) {
	if a == nil {
		return Document{}, fmt.Errorf("%w: nil article", ErrInvalidDocument)
	}
	if err := article.ValidID(a.ID); err != nil {
		return Document{}, fmt.Errorf("%w: %v", ErrInvalidDocument, err)
	}
	if a.Revision < 0 {
		return Document{}, fmt.Errorf("%w: article %s: negative revision %d", ErrInvalidDocument, a.ID, a.Revision)
	}
	if err := checkDates(a); err != nil {
		return Document{}, fmt.Errorf("%w: article %s: %v", ErrInvalidDocument, a.ID, err)
	}

	d := Document{
		ID:              a.ID,
		URL:             a.URL,
		Source:          a.Source,
		Title:           a.Title,
		Body:            a.Body,
		PublishedAt:     docTimePtr(a.PublishedAt),
		ModifiedAt:      docTimePtr(a.ModifiedAt),
		FetchedAt:       docTime(a.FetchedAt),
		Revision:        a.Revision,
		Language:        a.Language,
		SchemaVersion:   a.SchemaVersion,
		Keywords:        distinct(a.Keywords),
		Tone:            a.Tone,
		DuplicateOf:     a.DuplicateOf,
		StoryID:         a.ID,
		EnricherVersion: a.EnricherVersion,
		EnrichedAt:      docTimePtr(a.EnrichedAt),
		Truncated:       a.Truncated,
	}
	d.Date = d.FetchedAt
	if d.PublishedAt != nil {
		d.Date = *d.PublishedAt
	}
	if a.DuplicateOf != "" {
		d.StoryID = a.DuplicateOf
	}
	if sig := dedup.SignArticle(a); sig != nil {
		d.DupBands, d.MinHash = sig.Bands(), sig.String()
	}
	addEntities(&d, a.Entities)
	addPlaces(&d, a.Places)
	addTopics(&d, a.Topics)
	if err := checkNumbers(&d); err != nil {
		return Document{}, fmt.Errorf("%w: article %s: %v", ErrInvalidDocument, a.ID, err)
	}

	// The body is stored once, in d.Body; the copy keeps everything else exactly.
	rest := *a
	rest.Body = ""
	blob, err := article.Encode(&rest)
	if err != nil {
		return Document{}, fmt.Errorf("%w: article %s: encode: %v", ErrInvalidDocument, a.ID, err)
	}
	d.Article = blob
	return d, nil
}

func addEntities(d *Document, entities []article.Entity) {
	if len(entities) == 0 {
		return
	}
	var persons, orgs, locs, misc, countries set
	d.Entities = make([]Entity, 0, len(entities))
	for _, e := range entities {
		d.Entities = append(d.Entities, Entity{
			Type: e.Type, Name: e.Name, Link: e.Link,
			Count: e.Count, Salience: e.Salience, Confidence: e.Confidence,
		})
		switch e.Type {
		case article.TypePerson:
			persons.add(e.Name)
		case article.TypeOrganization:
			orgs.add(e.Name)
		case article.TypeLocation:
			locs.add(e.Name)
		default:
			misc.add(e.Name)
		}
		if code, ok := strings.CutPrefix(e.Link, "iso3166:"); ok {
			countries.add(strings.ToUpper(code))
		}
	}
	d.Persons, d.Organizations, d.Locations, d.Misc = persons.list, orgs.list, locs.list, misc.list
	d.Countries = append(d.Countries, countries.list...)
}

func addPlaces(d *Document, places []article.Place) {
	if len(places) == 0 {
		return
	}
	countries := newSet(d.Countries)
	seenPoint := make(map[GeoPoint]bool)
	d.Places = make([]Place, 0, len(places))
	for _, p := range places {
		dp := Place{
			Name: p.Name, Kind: p.Kind, CountryCode: p.CountryCode,
			GeonamesID: p.GeonamesID, Count: p.Count,
		}
		if p.Location != nil {
			pt := GeoPoint{Lat: p.Location.Lat, Lon: p.Location.Lon}
			dp.Location = &pt
			if !seenPoint[pt] {
				seenPoint[pt] = true
				d.LocationsGeo = append(d.LocationsGeo, pt)
			}
		}
		countries.add(strings.ToUpper(p.CountryCode))
		d.Places = append(d.Places, dp)
	}
	d.Countries = countries.list
}

func addTopics(d *Document, topics []article.Topic) {
	if len(topics) == 0 {
		return
	}
	var codes set
	d.Topics = make([]Topic, 0, len(topics))
	for _, t := range topics {
		d.Topics = append(d.Topics, Topic{Code: t.Code, Label: t.Label, Score: t.Score})
		codes.add(t.Code)
	}
	d.TopicCodes = codes.list
}

// set collects distinct non-empty strings in order of first appearance.
type set struct {
	list []string
	seen map[string]bool
}

func newSet(initial []string) *set {
	s := &set{}
	for _, v := range initial {
		s.add(v)
	}
	return s
}

func (s *set) add(v string) {
	if v == "" || s.seen[v] {
		return
	}
	if s.seen == nil {
		s.seen = make(map[string]bool)
	}
	s.seen[v] = true
	s.list = append(s.list, v)
}

func distinct(values []string) []string {
	var s set
	for _, v := range values {
		s.add(v)
	}
	return s.list
}

// docTime is t in UTC with millisecond precision, Elasticsearch's date resolution.
func docTime(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

func docTimePtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	v := docTime(*t)
	return &v
}

func checkDates(a *article.Article) error {
	for _, f := range []struct {
		name string
		t    *time.Time
	}{
		{"published_at", a.PublishedAt}, {"modified_at", a.ModifiedAt},
		{"fetched_at", &a.FetchedAt}, {"enriched_at", a.EnrichedAt},
	} {
		if f.t == nil {
			continue
		}
		if y := f.t.UTC().Year(); y < 0 || y > 9999 {
			return fmt.Errorf("%s: year %d is outside 0000-9999", f.name, y)
		}
	}
	return nil
}

func checkNumbers(d *Document) error {
	finite := func(name string, v float64) error {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%s is not a finite number", name)
		}
		return nil
	}
	if d.Tone != nil {
		if err := finite("tone", *d.Tone); err != nil {
			return err
		}
	}
	for _, e := range d.Entities {
		if err := finite("entity salience", e.Salience); err != nil {
			return err
		}
		if err := finite("entity confidence", e.Confidence); err != nil {
			return err
		}
	}
	for _, p := range d.Places {
		if p.Location == nil {
			continue
		}
		if err := finite("place latitude", p.Location.Lat); err != nil {
			return err
		}
		if err := finite("place longitude", p.Location.Lon); err != nil {
			return err
		}
	}
	for _, t := range d.Topics {
		if err := finite("topic score", t.Score); err != nil {
			return err
		}
	}
	return nil
}
