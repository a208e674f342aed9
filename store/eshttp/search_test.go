package eshttp

import (
	"net/http"
	"strings"
	"testing"
)

// TestSearchRefusesOtherQueries: a query the server does not answer gets a 400 naming what
// it answers, never an empty or wrong result.
func TestSearchRefusesOtherQueries(t *testing.T) {
	s := serve(t, t.TempDir())
	for _, tc := range []struct{ name, path, body string }{
		{"match_all", "/news/_search", `{"query":{"match_all":{}}}`},
		{"two terms fields", "/news/_search", `{"query":{"terms":{"dup_bands":["a"],"story_id":["b"]}}}`},
		{"other field", "/news/_search", `{"query":{"terms":{"source":["x"]}}}`},
		{"size too large", "/news/_search", `{"size":20000,"query":{"ids":{"values":["a"]}}}`},
		{"not json", "/news/_search", `{`},
		{"other index", "/other/_search", `{"query":{"ids":{"values":["a"]}}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.Post(s.srv.URL+tc.path, "application/json", strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusNotFound {
				t.Errorf("status %d, want 400 (or 404 for another index)", resp.StatusCode)
			}
			if resp.Header.Get(HeaderProduct) != "Elasticsearch" {
				t.Errorf("missing %s header", HeaderProduct)
			}
		})
	}
}
