package article

import (
	"reflect"
	"strings"
	"testing"
)

// TestEveryFieldHasADecoder keeps codec.go's field table in step with the struct: a field
// without a decoder would be read into Extra and silently lose its type.
func TestEveryFieldHasADecoder(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeOf(Article{}), reflect.TypeOf(Enrichment{})} {
		for f := range typ.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			if _, ok := fieldDecoders[name]; !ok {
				t.Errorf("field %s (%s) has no decoder in fieldDecoders", f.Name, name)
			}
		}
	}
}

func TestIngestionFieldsRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Article
	}{
		{
			name: "1.1 fields",
			in: `{"id":"a1","body":"Text.","schema_version":"1.1","authors":["Ann Lee","Bo Chan"],` +
				`"section":"World","summary":"Short.","image_url":"https://img.example/a.jpg","body_source":"page"}`,
			want: Article{ID: "a1", Body: "Text.", SchemaVersion: "1.1", Authors: []string{"Ann Lee", "Bo Chan"},
				Section: "World", Summary: "Short.", ImageURL: "https://img.example/a.jpg", BodySource: BodyFromPage},
		},
		{
			name: "1.0 article without them",
			in:   `{"id":"a2","body":"Text.","schema_version":"1.0"}`,
			want: Article{ID: "a2", Body: "Text.", SchemaVersion: "1.0"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Decode([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Extra) != 0 {
				t.Errorf("known fields read as unknown: %v", a.Extra)
			}
			if !reflect.DeepEqual(*a, tt.want) {
				t.Errorf("decoded %+v, want %+v", *a, tt.want)
			}
			out, err := Encode(a)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Decode(out)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a, b) {
				t.Errorf("round trip changed the article:\n%+v\n%+v", a, b)
			}
			if tt.want.Authors == nil && strings.Contains(string(out), "authors") {
				t.Errorf("empty 1.1 fields must be omitted: %s", out)
			}
		})
	}
}
