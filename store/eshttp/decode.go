package eshttp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/newsflow/newsflow/store"
)

// decodeSource reads one bulk source as a store.Document, as strictly as the strict index
// template of store/elastic would: an unknown field is strict_dynamic_mapping_exception; a
// value of the wrong type, a date that does not parse, an out-of-range coordinate, an id or
// revision that disagrees with the action's _id and version, or an article field that is
// not the document's article is document_parsing_exception. Both are 400 items (rejected).
func decodeSource(src []byte, id string, version int64) (store.Document, *esError) {
	fail := func(format string, args ...any) (store.Document, *esError) {
		return store.Document{}, newError(http.StatusBadRequest, "document_parsing_exception",
			"[%s]: failed to parse: "+format, append([]any{id}, args...)...)
	}
	if len(src) == 0 || src[0] != '{' {
		return fail("the source is not a JSON object")
	}
	var d store.Document
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return store.Document{}, newError(http.StatusBadRequest, "strict_dynamic_mapping_exception",
				"[1:%d] mapping set to strict, dynamic introduction of [%s] within [_doc] is not allowed",
				dec.InputOffset(), strings.Trim(field, `"`))
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return fail("field [%s] cannot hold a JSON %s", te.Field, te.Value)
		}
		return fail("%v", err)
	}
	if dec.More() {
		return fail("data after the source object")
	}
	if d.ID != id {
		return fail("field [id] %q differs from the action's _id %q", d.ID, id)
	}
	if d.Revision != version {
		return fail("field [revision] %d differs from the action's version %d", d.Revision, version)
	}
	for _, p := range d.LocationsGeo {
		if err := checkPoint("locations_geo", p); err != nil {
			return fail("%v", err)
		}
	}
	for _, p := range d.Places {
		if p.Location != nil {
			if err := checkPoint("places.location", *p.Location); err != nil {
				return fail("%v", err)
			}
		}
	}
	if _, err := store.ToArticle(d); err != nil {
		return fail("field [article]: %v", err)
	}
	return d, nil
}

// checkPoint applies geo_point's ranges (ignore_malformed is off).
func checkPoint(field string, p store.GeoPoint) error {
	if p.Lat < -90 || p.Lat > 90 {
		return fmt.Errorf("field [%s] of type [geo_point]: illegal latitude value [%v]", field, p.Lat)
	}
	if p.Lon < -180 || p.Lon > 180 {
		return fmt.Errorf("field [%s] of type [geo_point]: illegal longitude value [%v]", field, p.Lon)
	}
	return nil
}
