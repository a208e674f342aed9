package esfake

import (
	"strings"
	"testing"
)

func TestMappingEnforced(t *testing.T) {
	f := newFixture(t)
	f.setup()
	long := strings.Repeat("k", maxTermBytes+1)
	tests := []struct {
		name       string
		source     string
		wantStatus int
		wantType   string
		wantReason string
	}{
		{"valid document", `{"id":"a","title":"T","published_at":"2024-03-04T09:30:00.123+01:00","revision":5,"geo":{"lat":48.8,"lon":2.3},"places":[{"name":"Paris","location":[2.3,48.8]}],"tags":["a","b"],"truncated":true}`, 201, "", ""},
		{"dates as epoch millis and plain dates", `{"published_at":1709546400000}`, 201, "", ""},
		{"plain date", `{"published_at":"2024-03-04"}`, 201, "", ""},
		{"keyword coerces numbers", `{"tags":[1,true]}`, 201, "", ""},
		{"long coerces numeric strings", `{"revision":"42"}`, 201, "", ""},
		{"geo point forms", `{"geo":"48.8,2.3","places":[{"location":"POINT (2.3 48.8)"},{"location":"u09tvw0f6"}]}`, 201, "", ""},
		{"disabled object takes anything", `{"article":{"anything":[1,{"x":"y"}]}}`, 201, "", ""},
		{"nulls are absent values", `{"title":null,"geo":null,"places":null}`, 201, "", ""},
		{"long title skips its keyword sub-field", `{"title":"` + long + `"}`, 201, "", ""},
		{"unknown top-level field", `{"colour":"red"}`, 400, "strict_dynamic_mapping_exception", "dynamic introduction of [colour] within [_doc] is not allowed"},
		{"unknown nested field", `{"places":[{"name":"Paris","pop":2}]}`, 400, "strict_dynamic_mapping_exception", "dynamic introduction of [pop] within [places]"},
		{"dotted unknown field", `{"places.pop":2}`, 400, "strict_dynamic_mapping_exception", "[pop]"},
		{"unparseable date", `{"published_at":"yesterday"}`, 400, "document_parsing_exception", "failed to parse field [published_at] of type [date]"},
		{"impossible date", `{"published_at":"2024-02-30"}`, 400, "document_parsing_exception", "of type [date]"},
		{"latitude out of range", `{"geo":{"lat":91,"lon":0}}`, 400, "document_parsing_exception", "of type [geo_point]"},
		{"longitude out of range in an array", `{"places":[{"location":{"lat":0,"lon":0}},{"location":{"lat":0,"lon":200}}]}`, 400, "document_parsing_exception", "[places.location]"},
		{"geo point without lon", `{"geo":{"lat":1}}`, 400, "document_parsing_exception", "of type [geo_point]"},
		{"long from text", `{"revision":"abc"}`, 400, "document_parsing_exception", "of type [long]"},
		{"integer out of range", `{"count":3000000000}`, 400, "document_parsing_exception", "of type [integer]"},
		{"float from object", `{"score":{"v":1}}`, 400, "document_parsing_exception", "of type [float]"},
		{"boolean from text", `{"truncated":"yes"}`, 400, "document_parsing_exception", "of type [boolean]"},
		{"keyword from object", `{"tags":{"a":1}}`, 400, "document_parsing_exception", "of type [keyword]"},
		{"object from a value", `{"places":"Paris"}`, 400, "document_parsing_exception", "tried to parse field [places] as object, but found a concrete value"},
		{"immense keyword", `{"tags":["ok","` + long + `"]}`, 400, "illegal_argument_exception", "immense term in field=\"tags\""},
		{"duplicate field", `{"id":"a","id":"b"}`, 400, "document_parsing_exception", "Duplicate field 'id'"},
		{"not an object", `[1,2]`, 400, "document_parsing_exception", "failed to parse"},
		{"not JSON", `{"id":`, 400, "document_parsing_exception", "failed to parse"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := "doc-" + string(rune('a'+i))
			r := f.must("POST", "/news/_bulk", bulkBody(bulkDoc{id, 1, tt.source}), 200)
			item := itemsOf(t, r)[0]
			if statusOf(item) != tt.wantStatus {
				t.Fatalf("status %d, want %d: %v", statusOf(item), tt.wantStatus, item)
			}
			_, stored := f.es.Doc("news", id)
			if stored != (tt.wantStatus < 300) {
				t.Errorf("stored = %v with status %d", stored, tt.wantStatus)
			}
			if tt.wantType == "" {
				return
			}
			e := item["error"].(map[string]any)
			if e["type"] != tt.wantType || !strings.Contains(e["reason"].(string), tt.wantReason) {
				t.Errorf("error %v\nwant %s containing %q", e, tt.wantType, tt.wantReason)
			}
		})
	}
}

func TestIndexWithoutTemplateIsDynamic(t *testing.T) {
	f := newFixture(t)
	f.must("PUT", "/other", "", 200)
	r := f.must("POST", "/other/_bulk", bulkBody(bulkDoc{"a", 0, `{"anything":{"goes":[1,"x"]}}`}), 200)
	if it := itemsOf(t, r)[0]; statusOf(it) != 201 {
		t.Errorf("dynamic index refused a document: %v", it)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339 in UTC, or "" for an error
	}{
		{`"2024-03-04T09:30:00Z"`, "2024-03-04T09:30:00Z"},
		{`"2024-03-04T09:30:00.123456789+01:00"`, "2024-03-04T08:30:00.123456789Z"},
		{`"2024-03-04T09:30+0130"`, "2024-03-04T08:00:00Z"},
		{`"2024-03-04T09"`, "2024-03-04T09:00:00Z"},
		{`"2024-03"`, "2024-03-01T00:00:00Z"},
		{`1709546400000`, "2024-03-04T10:00:00Z"},
		{`"1709546400000"`, "2024-03-04T10:00:00Z"},
		{`"2024-13-01"`, ""},
		{`"2024-03-04 09:30:00"`, ""},
		{`"Mon, 04 Mar 2024 09:30:00 GMT"`, ""},
		{`true`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseDate([]byte(tt.in))
			if tt.want == "" {
				if err == nil {
					t.Errorf("parsed as %v, want an error", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s := got.Format("2006-01-02T15:04:05.999999999Z07:00"); s != tt.want {
				t.Errorf("got %s, want %s", s, tt.want)
			}
		})
	}
}

func TestDecodeGeohash(t *testing.T) {
	p, err := decodeGeohash("u09tvw0f6")
	if err != nil {
		t.Fatal(err)
	}
	if p.lat < 48.85 || p.lat > 48.86 || p.lon < 2.34 || p.lon > 2.36 {
		t.Errorf("u09tvw0f6 decoded to %+v, want Paris (48.85, 2.35)", p)
	}
	if _, err := decodeGeohash("u09a"); err == nil {
		t.Error("'a' is not in the geohash alphabet")
	}
}
