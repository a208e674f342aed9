package esfake

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// fixture is a running fake with an HTTP client.
type fixture struct {
	t   *testing.T
	es  *Server
	srv *httptest.Server
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	es := New(Options{})
	srv := httptest.NewServer(es)
	t.Cleanup(func() {
		srv.Client().CloseIdleConnections()
		srv.Close()
	})
	return &fixture{t: t, es: es, srv: srv}
}

// response is a decoded answer.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %v\n%s", err, r.body)
	}
	return m
}

func (f *fixture) do(method, path, body string) response {
	f.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, f.srv.URL+path, rd)
	if err != nil {
		f.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := f.srv.Client().Do(req)
	if err != nil {
		f.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func (f *fixture) must(method, path, body string, want int) response {
	f.t.Helper()
	r := f.do(method, path, body)
	if r.status != want {
		f.t.Fatalf("%s %s: status %d, want %d\n%s", method, path, r.status, want, r.body)
	}
	return r
}

// testTemplate maps a small news-like document strictly.
const testTemplate = `{
  "index_patterns": ["news-*"],
  "priority": 100,
  "template": {
    "mappings": {
      "dynamic": "strict",
      "properties": {
        "id": {"type": "keyword"},
        "title": {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}},
        "body": {"type": "text"},
        "tags": {"type": "keyword"},
        "published_at": {"type": "date"},
        "revision": {"type": "long"},
        "count": {"type": "integer"},
        "score": {"type": "float"},
        "truncated": {"type": "boolean"},
        "geo": {"type": "geo_point"},
        "places": {"properties": {"name": {"type": "keyword"}, "location": {"type": "geo_point"}}},
        "article": {"type": "object", "enabled": false}
      }
    }
  }
}`

// setup installs testTemplate and creates news-000001 behind the alias news.
func (f *fixture) setup() {
	f.t.Helper()
	f.must("PUT", "/_index_template/news", testTemplate, 200)
	f.must("PUT", "/news-000001", `{"aliases":{"news":{"is_write_index":true}}}`, 200)
}

// bulkBody builds an NDJSON body of index actions with external_gte versions.
func bulkBody(docs ...bulkDoc) string {
	var b bytes.Buffer
	for _, d := range docs {
		meta := map[string]any{"_id": d.id}
		if d.version > 0 {
			meta["version"] = d.version
			meta["version_type"] = "external_gte"
		}
		m, _ := json.Marshal(map[string]any{"index": meta})
		b.Write(m)
		b.WriteByte('\n')
		b.WriteString(d.source)
		b.WriteByte('\n')
	}
	return b.String()
}

type bulkDoc struct {
	id      string
	version int64
	source  string
}

// itemsOf returns the bulk response items as (action, fields) pairs.
func itemsOf(t *testing.T, r response) []map[string]any {
	t.Helper()
	var body struct {
		Items []map[string]map[string]any `json:"items"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatalf("bulk response: %v\n%s", err, r.body)
	}
	out := make([]map[string]any, len(body.Items))
	for i, it := range body.Items {
		if len(it) != 1 {
			t.Fatalf("item %d has %d actions", i, len(it))
		}
		for _, v := range it {
			out[i] = v
		}
	}
	return out
}

func statusOf(item map[string]any) int {
	n, _ := item["status"].(float64)
	return int(n)
}

func errorType(item map[string]any) string {
	e, _ := item["error"].(map[string]any)
	s, _ := e["type"].(string)
	return s
}
