package eshttp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/storetest"
)

// source is the JSON of a valid document of the corpus with this revision.
func source(t *testing.T, rev int64) (id string, src []byte) {
	t.Helper()
	a := *storetest.NewCorpus().Rates
	a.Revision = rev
	d, err := store.FromArticle(&a)
	if err != nil {
		t.Fatal(err)
	}
	src, err = json.Marshal(&d)
	if err != nil {
		t.Fatal(err)
	}
	return d.ID, src
}

// edit decodes src, lets fn change it, and encodes it again.
func edit(t *testing.T, src []byte, fn func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(src, &m); err != nil {
		t.Fatal(err)
	}
	fn(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func indexLine(id string, version int64) string {
	return fmt.Sprintf(`{"index":{"_id":%q,"version":%d,"version_type":"external_gte"}}`, id, version)
}

// do sends one request to h and decodes the JSON answer.
func do(t *testing.T, h http.Handler, method, path, body string) (int, map[string]any, http.Header) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("%s %s: answer %q is not JSON: %v", method, path, rec.Body.String(), err)
	}
	return rec.Code, out, rec.Header()
}

// itemOf returns the only action result of items[i].
func itemOf(t *testing.T, reply map[string]any, i int) (op string, it map[string]any) {
	t.Helper()
	items, _ := reply["items"].([]any)
	if i >= len(items) {
		t.Fatalf("no item %d in %v", i, reply)
	}
	for op, v := range items[i].(map[string]any) {
		return op, v.(map[string]any)
	}
	return "", nil
}

func errType(it map[string]any) string {
	e, _ := it["error"].(map[string]any)
	s, _ := e["type"].(string)
	return s
}

func newServer(t *testing.T, st Store) *Server {
	t.Helper()
	h, err := New(Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestBulkItems sends hand-made bulk bodies and checks each item's status and error type.
func TestBulkItems(t *testing.T) {
	id, src := source(t, 3)
	tests := []struct {
		name       string
		path       string
		body       string
		wantOp     string
		wantStatus int
		wantType   string
	}{
		{"stored", "/news/_bulk?require_alias=true", indexLine(id, 3) + "\n" + string(src) + "\n", "index", 201, ""},
		{"unknown field", "/news/_bulk", indexLine(id, 3) + "\n" + string(edit(t, src, func(m map[string]any) { m["colour"] = "red" })) + "\n",
			"index", 400, "strict_dynamic_mapping_exception"},
		{"unknown nested field", "/news/_bulk", indexLine(id, 3) + "\n" + string(edit(t, src, func(m map[string]any) {
			m["topics"] = []any{map[string]any{"code": "x", "label": "y", "score": 1, "weight": 2}}
		})) + "\n", "index", 400, "strict_dynamic_mapping_exception"},
		{"wrong type", "/news/_bulk", indexLine(id, 3) + "\n" + string(edit(t, src, func(m map[string]any) { m["title"] = 5 })) + "\n",
			"index", 400, "document_parsing_exception"},
		{"bad date", "/news/_bulk", indexLine(id, 3) + "\n" + string(edit(t, src, func(m map[string]any) { m["date"] = "yesterday" })) + "\n",
			"index", 400, "document_parsing_exception"},
		{"not an object", "/news/_bulk", indexLine(id, 3) + "\n[1,2]\n", "index", 400, "document_parsing_exception"},
		{"id differs from _id", "/news/_bulk", indexLine("other", 3) + "\n" + string(src) + "\n", "index", 400, "document_parsing_exception"},
		{"revision differs from version", "/news/_bulk", indexLine(id, 4) + "\n" + string(src) + "\n", "index", 400, "document_parsing_exception"},
		{"article field of another article", "/news/_bulk", indexLine(id, 3) + "\n" + string(edit(t, src, func(m map[string]any) {
			m["article"] = map[string]any{"id": "someone-else"}
		})) + "\n", "index", 400, "document_parsing_exception"},
		{"another alias", "/logs/_bulk?require_alias=true", indexLine(id, 3) + "\n" + string(src) + "\n", "index", 404, "index_not_found_exception"},
		{"the index without require_alias", "/news-000001/_bulk", indexLine(id, 3) + "\n" + string(src) + "\n", "index", 201, ""},
		{"the index with require_alias", "/news-000001/_bulk?require_alias=true", indexLine(id, 3) + "\n" + string(src) + "\n", "index", 404, "index_not_found_exception"},
		{"_index in the action", "/_bulk", fmt.Sprintf(`{"index":{"_index":"news","_id":%q,"version":3,"version_type":"external_gte"}}`, id) + "\n" + string(src) + "\n", "index", 201, ""},
		{"delete action", "/news/_bulk", fmt.Sprintf(`{"delete":{"_id":%q}}`, id) + "\n", "delete", 400, "illegal_argument_exception"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newServer(t, newMemStore())
			code, reply, hdr := do(t, h, http.MethodPost, tc.path, tc.body)
			if code != 200 || hdr.Get(HeaderProduct) != "Elasticsearch" {
				t.Fatalf("status %d, product %q: %v", code, hdr.Get(HeaderProduct), reply)
			}
			op, it := itemOf(t, reply, 0)
			if op != tc.wantOp || it["status"] != float64(tc.wantStatus) || errType(it) != tc.wantType {
				t.Errorf("item %s %v; want %s status %d error %q", op, it, tc.wantOp, tc.wantStatus, tc.wantType)
			}
			if reply["errors"] != (tc.wantType != "") {
				t.Errorf("errors = %v", reply["errors"])
			}
		})
	}
}

// TestBulkRequestErrors: requests the store cannot honour fail whole, with 400.
func TestBulkRequestErrors(t *testing.T) {
	id, src := source(t, 1)
	tests := []struct{ name, body, wantType string }{
		{"empty", "", "action_request_validation_exception"},
		{"no final newline", indexLine(id, 1) + "\n" + string(src), "illegal_argument_exception"},
		{"malformed action", "nonsense\n", "illegal_argument_exception"},
		{"unknown action", `{"upsert":{}}` + "\n{}\n", "illegal_argument_exception"},
		{"no id", `{"index":{"version":1,"version_type":"external_gte"}}` + "\n" + string(src) + "\n", "action_request_validation_exception"},
		{"internal versioning", fmt.Sprintf(`{"index":{"_id":%q}}`, id) + "\n" + string(src) + "\n", "action_request_validation_exception"},
		{"external (not _gte)", fmt.Sprintf(`{"index":{"_id":%q,"version":1,"version_type":"external"}}`, id) + "\n" + string(src) + "\n", "action_request_validation_exception"},
		{"missing source", indexLine(id, 1) + "\n", "illegal_argument_exception"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mem := newMemStore()
			code, reply, hdr := do(t, newServer(t, mem), http.MethodPost, "/news/_bulk", tc.body)
			e, _ := reply["error"].(map[string]any)
			if code != 400 || e["type"] != tc.wantType || hdr.Get(HeaderProduct) != "Elasticsearch" {
				t.Errorf("status %d, %v; want 400 %s", code, reply, tc.wantType)
			}
			if mem.writes() != 0 {
				t.Errorf("the store was written")
			}
		})
	}
}

// TestBulkOutcomes maps the store's per-document results to items, in order, alongside
// items refused before the store saw them.
func TestBulkOutcomes(t *testing.T) {
	id, src := source(t, 1)
	mem := newMemStore()
	mem.script = []store.Result{
		{Outcome: store.OutcomeStored, Status: 201},
		{Outcome: store.OutcomeStale, Status: 409, Reason: "version_conflict: stored revision 5 is higher than 1"},
		{Outcome: store.OutcomeRetry, Reason: "busy"},
		{Outcome: store.OutcomeRejected, Status: 400, Reason: "invalid_id: too long"},
		{Outcome: store.OutcomeStored, Status: 200},
	}
	line := indexLine(id, 1) + "\n" + string(src) + "\n"
	bad := indexLine(id, 1) + "\n" + `{"nope":1}` + "\n"
	body := line + line + bad + line + line + line
	code, reply, _ := do(t, newServer(t, mem), http.MethodPost, "/news/_bulk", body)
	if code != 200 {
		t.Fatalf("status %d: %v", code, reply)
	}
	want := []struct {
		status int
		result string
		typ    string
	}{
		{201, "created", ""},
		{409, "", "version_conflict_engine_exception"},
		{400, "", "strict_dynamic_mapping_exception"},
		{429, "", "es_rejected_execution_exception"},
		{400, "", "document_parsing_exception"},
		{200, "updated", ""},
	}
	for i, w := range want {
		_, it := itemOf(t, reply, i)
		if it["status"] != float64(w.status) || errType(it) != w.typ || (w.result != "" && it["result"] != w.result) {
			t.Errorf("item %d: %v; want status %d result %q error %q", i, it, w.status, w.result, w.typ)
		}
	}
	if mem.writes() != 1 || len(mem.last) != 5 {
		t.Errorf("%d writes, last with %d documents; want one of 5", mem.writes(), len(mem.last))
	}
}

// TestUnavailableStore: a write the store could not make durable (a full disk) fails the
// whole request with 503, which store/elastic turns into a retryable error with no results,
// so the sink writes every document again; once the store recovers they are stored.
func TestUnavailableStore(t *testing.T) {
	ctx := context.Background()
	mem := newMemStore()
	mem.fail = fmt.Errorf("embedded: write: %w: write index/x.zap: file too large", store.ErrUnavailable)
	srv := httptest.NewServer(newServer(t, mem))
	defer srv.Close()
	es := client(t, srv.URL, "")
	a := *storetest.NewCorpus().Rates
	d, err := store.FromArticle(&a)
	if err != nil {
		t.Fatal(err)
	}
	res, err := es.Write(ctx, []store.Document{d})
	if !errors.Is(err, store.ErrUnavailable) || res != nil || !strings.Contains(err.Error(), "status 503") {
		t.Fatalf("Write on a full disk: %v, %v; want a 503 wrapping store.ErrUnavailable and no results", res, err)
	}
	mem.mu.Lock()
	mem.fail = nil
	mem.mu.Unlock()
	res, err = es.Write(ctx, []store.Document{d})
	if err != nil || !reflect.DeepEqual(outcomes(res), []store.Outcome{store.OutcomeStored}) {
		t.Fatalf("retry: %+v, %v", res, err)
	}
}

// TestAdminRequests: what EnsureTemplate and tools send, and the product header on every
// answer, errors included.
func TestAdminRequests(t *testing.T) {
	h := newServer(t, newMemStore())
	tests := []struct {
		method, path, body string
		want               int
	}{
		{"GET", "/", "", 200},
		{"PUT", "/_index_template/news", `{"index_patterns":["news-*"],"template":{}}`, 200},
		{"GET", "/_index_template/news", "", 200},
		{"PUT", "/_index_template/news", `{"template":{}}`, 400},
		{"GET", "/_alias/news", "", 200},
		{"GET", "/_alias/other", "", 404},
		{"GET", "/news-000001/_alias/news", "", 200},
		{"PUT", "/news/_mapping", `{"properties":{}}`, 200},
		{"PUT", "/news/_mapping", `nonsense`, 400},
		{"PUT", "/other/_mapping", `{}`, 404},
		{"PUT", "/news-000001", `{"aliases":{"news":{}}}`, 400},
		{"POST", "/_aliases", `{"actions":[{"add":{"index":"news-000001","alias":"news","is_write_index":true}}]}`, 200},
		{"POST", "/_aliases", `{"actions":[{"remove":{"index":"news-000001","alias":"news"}}]}`, 400},
		{"PUT", "/news-000001/_alias/news", "", 200},
		{"POST", "/news/_refresh", "", 200},
		{"GET", "/news/_count", "", 200},
		{"POST", "/news/_count", `{"query":{"match":{"title":"x"}}}`, 400},
		{"GET", "/other/_count", "", 404},
		{"GET", "/news/_doc/nothere", "", 404},
		{"GET", "/_cluster/health", "", 200},
		{"POST", "/news/_search", `{}`, 400},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			code, reply, hdr := do(t, h, tc.method, tc.path, tc.body)
			if code != tc.want || hdr.Get(HeaderProduct) != "Elasticsearch" {
				t.Errorf("status %d product %q: %v; want %d", code, hdr.Get(HeaderProduct), reply, tc.want)
			}
		})
	}
	_, info, _ := do(t, h, "GET", "/", "")
	if v, _ := info["version"].(map[string]any); v["number"] != DefaultVersion {
		t.Errorf("info %v", info)
	}
}

// memStore is a Store in memory whose results and failures a test scripts.
type memStore struct {
	mu     sync.Mutex
	fail   error          // returned by Write when set
	script []store.Result // returned by Write when set
	n      int
	last   []store.Document
	docs   map[string]store.Document
}

func newMemStore() *memStore { return &memStore{docs: map[string]store.Document{}} }

func (m *memStore) Write(_ context.Context, docs []store.Document) ([]store.Result, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.n++
	m.last = docs
	if m.fail != nil {
		return nil, m.fail
	}
	if m.script != nil {
		return m.script, nil
	}
	out := make([]store.Result, len(docs))
	for i, d := range docs {
		out[i] = store.Result{Outcome: store.OutcomeStored, Status: 201}
		m.docs[d.ID] = d
	}
	return out, nil
}

func (m *memStore) writes() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.n
}

func (m *memStore) Article(_ context.Context, id string) (*article.Article, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.docs[id]
	if !ok {
		return nil, false, nil
	}
	a, err := store.ToArticle(d)
	return a, err == nil, err
}

func (m *memStore) Stats(context.Context) (store.Stats, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return store.Stats{Documents: int64(len(m.docs))}, nil
}
