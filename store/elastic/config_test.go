package elastic

import (
	"strings"
	"testing"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		wantErr string // the field named, or "" for valid
	}{
		{"zero config", Config{}, ""},
		{"full config", Config{URLs: []string{"https://es:9200"}, Alias: "wire", Index: "wire-2024.01", Template: "wire-t"}, ""},
		{"bad URL", Config{URLs: []string{"es:9200"}}, "URLs"},
		{"upper-case alias", Config{Alias: "News"}, "Alias"},
		{"index outside the template pattern", Config{Index: "articles"}, "Index"},
		{"index with a bad character", Config{Index: "news-a*b"}, "Index"},
		{"template starting with _", Config{Template: "_t"}, "Template"},
		{"negative replicas", Config{Replicas: -1}, "Replicas"},
		{"negative retries", Config{MaxRetries: -2}, "MaxRetries"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if tt.wantErr == "" {
				if err != nil {
					t.Errorf("unexpected error %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "config: "+tt.wantErr+":") {
				t.Errorf("err = %v, want one naming %s", err, tt.wantErr)
			}
			if _, nerr := New(tt.cfg); nerr == nil {
				t.Error("New accepted an invalid config")
			}
		})
	}
	d := Config{}.withDefaults()
	if d.Alias != "news" || d.Index != "news-000001" || d.Template != "news" || d.RequestTimeout != DefaultRequestTimeout || d.URLs[0] != DefaultURL {
		t.Errorf("defaults %+v", d)
	}
}
