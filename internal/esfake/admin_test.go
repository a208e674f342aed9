package esfake

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestTemplatesIndicesAliases(t *testing.T) {
	f := newFixture(t)
	f.must("GET", "/_index_template/news", "", 404)
	f.must("PUT", "/_index_template/news", testTemplate, 200)
	f.must("PUT", "/_index_template/news", testTemplate, 200) // idempotent
	body := f.must("GET", "/_index_template/news", "", 200).json(t)
	list := body["index_templates"].([]any)
	if len(list) != 1 || list[0].(map[string]any)["name"] != "news" {
		t.Errorf("templates %v", body)
	}

	f.must("HEAD", "/news", "", 404)
	f.must("GET", "/_alias/news", "", 404)
	f.must("PUT", "/news-000001", `{"aliases":{"news":{"is_write_index":true}}}`, 200)
	f.must("HEAD", "/news", "", 200)
	aliases := f.must("GET", "/_alias/news", "", 200).json(t)
	if _, ok := aliases["news-000001"]; !ok {
		t.Errorf("aliases %v", aliases)
	}
	mapping, ok := f.es.Mapping("news-000001")
	if !ok || !strings.Contains(string(mapping), `"dynamic":"strict"`) {
		t.Errorf("index did not take the template's mapping: %s", mapping)
	}

	tests := []struct {
		name, method, path, body string
		status                   int
		wantType                 string
	}{
		{"index exists", "PUT", "/news-000001", "", 400, "resource_already_exists_exception"},
		{"index named like the alias", "PUT", "/news", "", 400, "invalid_index_name_exception"},
		{"upper-case index", "PUT", "/News-2", "", 400, "invalid_index_name_exception"},
		{"alias named like an index", "POST", "/_aliases", `{"actions":[{"add":{"index":"news-000001","alias":"news-000001"}}]}`, 400, "invalid_alias_name_exception"},
		{"alias on a missing index", "POST", "/_aliases", `{"actions":[{"add":{"index":"nope","alias":"x"}}]}`, 404, "index_not_found_exception"},
		{"unknown field type", "PUT", "/_index_template/bad", `{"index_patterns":["bad-*"],"template":{"mappings":{"properties":{"x":{"type":"strnig"}}}}}`, 400, "mapper_parsing_exception"},
		{"template without patterns", "PUT", "/_index_template/bad", `{"template":{}}`, 400, "action_request_validation_exception"},
		{"mapping type change", "PUT", "/news/_mapping", `{"properties":{"id":{"type":"text"}}}`, 400, "illegal_argument_exception"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.must(tt.method, tt.path, tt.body, tt.status)
			if e := r.json(t)["error"].(map[string]any); e["type"] != tt.wantType {
				t.Errorf("error %v, want %s", e, tt.wantType)
			}
		})
	}
}

func TestPutMappingAddsFields(t *testing.T) {
	f := newFixture(t)
	f.setup()
	doc := bulkBody(bulkDoc{"a", 1, `{"id":"a","colour":"red"}`})
	if it := itemsOf(t, f.must("POST", "/news/_bulk", doc, 200))[0]; statusOf(it) != 400 {
		t.Fatalf("unmapped field accepted: %v", it)
	}
	f.must("PUT", "/news/_mapping", `{"properties":{"colour":{"type":"keyword"}}}`, 200)
	if it := itemsOf(t, f.must("POST", "/news/_bulk", doc, 200))[0]; statusOf(it) != 201 {
		t.Fatalf("field added by put mapping refused: %v", it)
	}
	got := f.must("GET", "/news/_mapping", "", 200).json(t)
	m, _ := json.Marshal(got)
	if !strings.Contains(string(m), `"colour":{"type":"keyword"}`) || !strings.Contains(string(m), `"dynamic":"strict"`) {
		t.Errorf("merged mapping %s", m)
	}
}

func TestInfoAndUnknownEndpoint(t *testing.T) {
	f := newFixture(t)
	body := f.must("GET", "/", "", 200).json(t)
	v := body["version"].(map[string]any)
	if !strings.HasPrefix(v["number"].(string), "8.") || body["tagline"] != "You Know, for Search" {
		t.Errorf("info %v", body)
	}
	f.must("GET", "/_nodes/stats", "", 400)
	f.must("POST", "/", "", 400)
}

func TestRequestsRecorded(t *testing.T) {
	f := newFixture(t)
	f.setup()
	f.must("POST", "/news/_bulk?require_alias=true", threeDocs(), 200)
	reqs := f.es.Requests()
	last := reqs[len(reqs)-1]
	if last.Method != "POST" || last.Path != "/news/_bulk" || last.RawQuery != "require_alias=true" || last.Status != 200 || !strings.Contains(string(last.Body), `"_id":"b"`) {
		t.Errorf("last request %+v", last)
	}
	bulks := f.es.Bulks()
	if len(bulks) != 1 || len(bulks[0].Items) != 3 || bulks[0].Items[1].ID != "b" || bulks[0].Items[1].Version != 1 ||
		bulks[0].Items[1].VersionType != "external_gte" || bulks[0].Items[1].Index != "news-000001" || bulks[0].Query.Get("require_alias") != "true" {
		t.Errorf("bulks %+v", bulks)
	}
}
