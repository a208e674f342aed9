package esfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
)

// field is one node of a compiled mapping: an object (with properties) or a leaf field (with
// optional multi-fields).
type field struct {
	typ         string // "object" for objects, "nested" is treated as an object
	dynamic     string // objects: "strict", "true", "false", "runtime"; "" inherits
	enabled     bool   // objects: false means stored but not parsed
	properties  map[string]*field
	fields      map[string]*field // multi-fields of a leaf
	ignoreAbove int               // keyword: longer values (in characters) are not indexed
}

// fieldTypes are the leaf types esfake understands.
var fieldTypes = map[string]bool{
	"keyword": true, "text": true, "match_only_text": true, "date": true, "date_nanos": true,
	"long": true, "integer": true, "short": true, "byte": true,
	"double": true, "float": true, "half_float": true, "scaled_float": true,
	"boolean": true, "geo_point": true, "ip": true, "constant_keyword": true, "wildcard": true,
}

// compileMapping compiles the "mappings" object of an index or template.
func compileMapping(raw json.RawMessage) (*field, *esError) {
	root := &field{typ: "object", enabled: true, dynamic: "true", properties: map[string]*field{}}
	if len(raw) == 0 || string(raw) == "null" {
		return root, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, mapperError("Failed to parse mapping: %v", err)
	}
	if err := compileObject(root, m, ""); err != nil {
		return nil, err
	}
	if root.dynamic == "" {
		root.dynamic = "true"
	}
	return root, nil
}

func mapperError(format string, args ...any) *esError {
	return newError(http.StatusBadRequest, "mapper_parsing_exception", format, args...)
}

func compileObject(f *field, m map[string]json.RawMessage, path string) *esError {
	for k, v := range m {
		switch k {
		case "properties":
			var props map[string]json.RawMessage
			if err := json.Unmarshal(v, &props); err != nil {
				return mapperError("Failed to parse mapping: properties of [%s] must be an object", path)
			}
			for name, def := range props {
				child, err := compileField(def, join(path, name))
				if err != nil {
					return err
				}
				f.properties[name] = child
			}
		case "dynamic":
			var s any
			_ = json.Unmarshal(v, &s)
			switch d := s.(type) {
			case bool:
				f.dynamic = fmt.Sprint(d)
			case string:
				if d != "true" && d != "false" && d != "strict" && d != "runtime" {
					return mapperError("Failed to parse mapping: [dynamic] must be one of true, false, strict, runtime, got [%s]", d)
				}
				f.dynamic = d
			}
		case "enabled":
			var b bool
			if err := json.Unmarshal(v, &b); err != nil {
				return mapperError("Failed to parse mapping: [enabled] of [%s] must be a boolean", path)
			}
			f.enabled = b
		case "type", "_source", "_meta", "_routing", "date_detection", "numeric_detection", "dynamic_templates", "subobjects":
		default:
			if path != "" {
				return mapperError("unknown parameter [%s] on mapper [%s] of type [object]", k, path)
			}
			return mapperError("Root mapping definition has unsupported parameters:  [%s]", k)
		}
	}
	return nil
}

func compileField(raw json.RawMessage, path string) (*field, *esError) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, mapperError("Expected map for property [fields] on field [%s]", path)
	}
	typ := "object"
	if t, ok := m["type"]; ok {
		if err := json.Unmarshal(t, &typ); err != nil {
			return nil, mapperError("Failed to parse mapping: type of [%s] must be a string", path)
		}
	}
	if typ == "object" || typ == "nested" {
		f := &field{typ: "object", enabled: true, properties: map[string]*field{}}
		return f, compileObject(f, m, path)
	}
	if !fieldTypes[typ] {
		return nil, mapperError("No handler for type [%s] declared on field [%s]", typ, path)
	}
	f := &field{typ: typ}
	if v, ok := m["ignore_above"]; ok {
		if err := json.Unmarshal(v, &f.ignoreAbove); err != nil {
			return nil, mapperError("Failed to parse mapping: ignore_above of [%s] must be an integer", path)
		}
	}
	if v, ok := m["fields"]; ok {
		var subs map[string]json.RawMessage
		if err := json.Unmarshal(v, &subs); err != nil {
			return nil, mapperError("Failed to parse mapping: fields of [%s] must be an object", path)
		}
		f.fields = map[string]*field{}
		for name, def := range subs {
			sub, err := compileField(def, join(path, name))
			if err != nil {
				return nil, err
			}
			if sub.typ == "object" {
				return nil, mapperError("Type [object] cannot be used in multi field [%s]", join(path, name))
			}
			f.fields[name] = sub
		}
	}
	return f, nil
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// mergeMappings lays the properties of over onto base (both "mappings" objects), as a put
// mapping or a create-index request over a template does: new fields are added, existing ones
// must keep their type.
func mergeMappings(base, over json.RawMessage) (json.RawMessage, *esError) {
	if len(base) == 0 || string(base) == "null" {
		return over, nil
	}
	if len(over) == 0 || string(over) == "null" {
		return base, nil
	}
	var b, o map[string]any
	if err := json.Unmarshal(base, &b); err != nil {
		return nil, mapperError("Failed to parse mapping: %v", err)
	}
	if err := json.Unmarshal(over, &o); err != nil {
		return nil, mapperError("Failed to parse mapping: %v", err)
	}
	if err := mergeObject(b, o, ""); err != nil {
		return nil, err
	}
	out, err := json.Marshal(b)
	if err != nil {
		return nil, mapperError("Failed to merge mappings: %v", err)
	}
	return out, nil
}

func mergeObject(b, o map[string]any, path string) *esError {
	for k, ov := range o {
		if k != "properties" {
			b[k] = ov
			continue
		}
		bp, _ := b["properties"].(map[string]any)
		op, _ := ov.(map[string]any)
		if bp == nil {
			b["properties"] = op
			continue
		}
		for name, odef := range op {
			bdef, ok := bp[name].(map[string]any)
			od, _ := odef.(map[string]any)
			if !ok || od == nil {
				bp[name] = odef
				continue
			}
			bt, ot := typeOf(bdef), typeOf(od)
			if bt != ot {
				return newError(http.StatusBadRequest, "illegal_argument_exception",
					"mapper [%s] cannot be changed from type [%s] to [%s]", join(path, name), bt, ot)
			}
			if err := mergeObject(bdef, od, join(path, name)); err != nil {
				return err
			}
		}
	}
	return nil
}

func typeOf(def map[string]any) string {
	if t, ok := def["type"].(string); ok && t != "nested" {
		return t
	}
	return "object"
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
