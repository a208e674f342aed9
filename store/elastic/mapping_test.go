package elastic

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/store"
)

// TestMappingCoversDocument checks by reflection that the installed mapping maps every field
// of store.Document (and of its nested objects) with the type its `es` tag intends, and maps
// nothing else.
func TestMappingCoversDocument(t *testing.T) {
	var m map[string]any
	if err := json.Unmarshal(Mappings(), &m); err != nil {
		t.Fatal(err)
	}
	if m["dynamic"] != "strict" {
		t.Errorf("root dynamic = %v, want strict", m["dynamic"])
	}
	checkObject(t, reflect.TypeOf(store.Document{}), m["properties"].(map[string]any), "")
}

func checkObject(t *testing.T, typ reflect.Type, props map[string]any, path string) {
	t.Helper()
	seen := map[string]bool{}
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || name == "" {
			continue
		}
		full := path + name
		seen[name] = true
		tag, ok := f.Tag.Lookup("es")
		if !ok {
			if f.Type != reflect.TypeOf(store.GeoPoint{}) {
				t.Errorf("%s has no es tag", full)
			}
			continue
		}
		def, ok := props[name].(map[string]any)
		if !ok {
			t.Errorf("%s (es:%q) is not in the mapping", full, tag)
			continue
		}
		t.Run(full, func(t *testing.T) { checkField(t, f.Type, tag, def, full) })
	}
	for name := range props {
		if !seen[name] {
			t.Errorf("the mapping has %s, which store.Document does not have", path+name)
		}
	}
}

func checkField(t *testing.T, typ reflect.Type, tag string, def map[string]any, path string) {
	parts := strings.Split(tag, ",")
	want, opts := parts[0], parts[1:]
	has := func(o string) bool {
		for _, x := range opts {
			if x == o {
				return true
			}
		}
		return false
	}
	switch want {
	case "object":
		if tp, ok := def["type"]; ok && tp != "object" {
			t.Errorf("type %v, want object", tp)
		}
		props, ok := def["properties"].(map[string]any)
		if !ok {
			t.Fatalf("object without properties: %v", def)
		}
		for typ.Kind() == reflect.Slice || typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		checkObject(t, typ, props, path+".")
	case "disabled":
		if def["type"] != "object" || def["enabled"] != false {
			t.Errorf("mapping %v, want an object with enabled false", def)
		}
	default:
		if def["type"] != want {
			t.Errorf("type %v, want %s", def["type"], want)
		}
	}
	sub, _ := def["fields"].(map[string]any)
	kw, _ := sub["keyword"].(map[string]any)
	if has("keyword") != (kw != nil && kw["type"] == "keyword") {
		t.Errorf("keyword sub-field: tag says %v, mapping has %v", has("keyword"), def["fields"])
	}
	if has("termvectors") != (def["term_vector"] == "with_positions_offsets") {
		t.Errorf("term vectors: tag says %v, mapping has %v", has("termvectors"), def["term_vector"])
	}
	// Go types must fit the mapped type.
	base := typ
	for base.Kind() == reflect.Slice || base.Kind() == reflect.Pointer {
		if base == reflect.TypeOf(json.RawMessage{}) {
			break
		}
		base = base.Elem()
	}
	fits := map[string][]reflect.Kind{
		"keyword": {reflect.String}, "text": {reflect.String}, "long": {reflect.Int64},
		"integer": {reflect.Int, reflect.Int32}, "float": {reflect.Float64, reflect.Float32},
		"boolean": {reflect.Bool}, "date": {reflect.Struct}, "geo_point": {reflect.Struct},
		"object": {reflect.Struct}, "disabled": {reflect.Slice},
	}
	ok := false
	for _, k := range fits[want] {
		ok = ok || base.Kind() == k
	}
	if !ok {
		t.Errorf("Go type %v does not fit es type %s", typ, want)
	}
}
