package esfake

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func searchIDs(t *testing.T, r response) []string {
	t.Helper()
	var body struct {
		Hits struct {
			Total struct {
				Value int `json:"value"`
			} `json:"total"`
			Hits []struct {
				ID string `json:"_id"`
			} `json:"hits"`
		} `json:"hits"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, h := range body.Hits.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func TestSearchAndCount(t *testing.T) {
	f := newFixture(t)
	f.setup()
	f.must("POST", "/news/_bulk", bulkBody(
		bulkDoc{"a", 1, `{"id":"a","tags":["x","y"],"revision":3,"published_at":"2024-01-05T00:00:00Z"}`},
		bulkDoc{"b", 1, `{"id":"b","tags":["y"],"revision":1,"published_at":"2023-06-01T00:00:00Z"}`},
		bulkDoc{"c", 1, `{"id":"c","revision":2,"places":[{"name":"Paris"}]}`},
	), 200)
	f.must("POST", "/news/_refresh", "", 200)

	tests := []struct {
		name, body string
		want       []string
	}{
		{"match_all", `{"query":{"match_all":{}}}`, []string{"a", "b", "c"}},
		{"no body", ``, []string{"a", "b", "c"}},
		{"ids", `{"query":{"ids":{"values":["c","a","zz"]}}}`, []string{"a", "c"}},
		{"term on an array", `{"query":{"term":{"tags":"y"}}}`, []string{"a", "b"}},
		{"term on a nested object", `{"query":{"term":{"places.name":{"value":"Paris"}}}}`, []string{"c"}},
		{"terms", `{"query":{"terms":{"id":["b","c"]}}}`, []string{"b", "c"}},
		{"range on dates", `{"query":{"range":{"published_at":{"gte":"2024-01-01"}}}}`, []string{"a"}},
		{"bool", `{"query":{"bool":{"filter":[{"exists":{"field":"tags"}}],"must_not":{"term":{"id":"a"}}}}}`, []string{"b"}},
		{"sort desc", `{"sort":[{"revision":{"order":"desc"}}]}`, []string{"a", "c", "b"}},
		{"sort with missing last", `{"sort":["published_at"]}`, []string{"b", "a", "c"}},
		{"paging", `{"sort":[{"id":"asc"}],"from":1,"size":1}`, []string{"b"}},
		{"search_after", `{"sort":[{"id":"asc"}],"search_after":["a"],"size":1}`, []string{"b"}},
		{"search_after desc", `{"sort":[{"revision":"desc"}],"search_after":[3]}`, []string{"c", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := searchIDs(t, f.must("POST", "/news/_search", tt.body, 200))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("hits %v, want %v", got, tt.want)
			}
		})
	}

	if c := f.must("POST", "/news/_count", `{"query":{"term":{"tags":"y"}}}`, 200).json(t)["count"]; c != 2.0 {
		t.Errorf("count %v, want 2", c)
	}
	r := f.must("POST", "/news/_search", `{"query":{"fuzzy":{"id":"a"}}}`, 400)
	if !strings.Contains(string(r.body), "unknown query [fuzzy]") {
		t.Errorf("unknown query: %s", r.body)
	}
	r = f.must("POST", "/news/_search", `{"size":10001}`, 400)
	if !strings.Contains(string(r.body), "Result window is too large") {
		t.Errorf("large window: %s", r.body)
	}
	f.must("POST", "/missing/_search", `{}`, 404)
}

func TestGetDoc(t *testing.T) {
	f := newFixture(t)
	f.setup()
	f.must("POST", "/news/_bulk", bulkBody(bulkDoc{"a", 7, `{"id":"a"}`}), 200)
	body := f.must("GET", "/news/_doc/a", "", 200).json(t)
	if body["_index"] != "news-000001" || body["_version"] != 7.0 || body["found"] != true {
		t.Errorf("get through alias: %v", body)
	}
	if src := body["_source"].(map[string]any); src["id"] != "a" {
		t.Errorf("_source %v", src)
	}
	if body := f.must("GET", "/news/_doc/zz", "", 404).json(t); body["found"] != false {
		t.Errorf("missing doc: %v", body)
	}
	f.must("GET", "/nope/_doc/a", "", 404)

	// A read alias over two indices cannot serve a single-document get.
	f.must("PUT", "/news-000002", "", 200)
	f.must("POST", "/_aliases", `{"actions":[{"add":{"index":"news-000002","alias":"news"}}]}`, 200)
	r := f.must("GET", "/news/_doc/a", "", 400)
	if !strings.Contains(string(r.body), "has more than one index associated with it") {
		t.Errorf("%s", r.body)
	}
}
