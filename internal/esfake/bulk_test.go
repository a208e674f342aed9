package esfake

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
)

func TestBulkExternalGTEVersions(t *testing.T) {
	f := newFixture(t)
	f.setup()
	steps := []struct {
		name        string
		version     int64
		wantStatus  int
		wantResult  string
		wantVersion int64
	}{
		{"first write creates", 2, 201, "created", 2},
		{"lower revision conflicts", 1, 409, "", 2},
		{"equal revision overwrites", 2, 200, "updated", 2},
		{"higher revision overwrites", 5, 200, "updated", 5},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			r := f.must("POST", "/news/_bulk?require_alias=true", bulkBody(bulkDoc{"a1", st.version, `{"id":"a1","revision":1}`}), 200)
			item := itemsOf(t, r)[0]
			if got := statusOf(item); got != st.wantStatus {
				t.Fatalf("status %d, want %d: %v", got, st.wantStatus, item)
			}
			if st.wantStatus == 409 {
				if errorType(item) != "version_conflict_engine_exception" {
					t.Errorf("error type %q", errorType(item))
				}
			} else if item["result"] != st.wantResult {
				t.Errorf("result %v, want %s", item["result"], st.wantResult)
			}
			d, ok := f.es.Doc("news", "a1")
			if !ok || d.Version != st.wantVersion || d.Index != "news-000001" {
				t.Errorf("stored doc %+v (found %v), want version %d in news-000001", d, ok, st.wantVersion)
			}
		})
	}
	if n := len(f.es.Docs("news")); n != 1 {
		t.Errorf("%d documents behind the alias, want 1", n)
	}
}

func TestBulkOtherVersionTypes(t *testing.T) {
	f := newFixture(t)
	f.setup()
	body := `{"index":{"_id":"x","version":3,"version_type":"external"}}
{"id":"x"}
{"index":{"_id":"x","version":3,"version_type":"external"}}
{"id":"x"}
{"create":{"_id":"x"}}
{"id":"x"}
{"index":{"_id":"y"}}
{"id":"y"}
{"index":{"_id":"y"}}
{"id":"y"}
{"delete":{"_id":"y"}}
{"delete":{"_id":"nope"}}
`
	items := itemsOf(t, f.must("POST", "/news/_bulk", body, 200))
	want := []struct {
		status  int
		version float64
	}{{201, 3}, {409, 0}, {409, 0}, {201, 1}, {200, 2}, {200, 3}, {404, 1}}
	if len(items) != len(want) {
		t.Fatalf("%d items, want %d", len(items), len(want))
	}
	for i, w := range want {
		if statusOf(items[i]) != w.status {
			t.Errorf("item %d: status %d, want %d (%v)", i, statusOf(items[i]), w.status, items[i])
		}
		if v, _ := items[i]["_version"].(float64); w.version != 0 && v != w.version {
			t.Errorf("item %d: _version %v, want %v", i, v, w.version)
		}
	}
	if _, ok := f.es.Doc("news", "y"); ok {
		t.Error("deleted document still there")
	}
}

// TestBulkItemShapesMatchRecordedResponses compares the keys of esfake's bulk items with
// real responses recorded from Elasticsearch (../shared/data/elasticsearch).
func TestBulkItemShapesMatchRecordedResponses(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "data", "elasticsearch", "bulk_response_2.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("recorded responses not available: %v", err)
	}
	var recorded struct {
		Items []map[string]map[string]any `json:"items"`
	}
	if err := json.Unmarshal(data, &recorded); err != nil {
		t.Fatal(err)
	}
	realCreated, realConflict := recorded.Items[0]["index"], recorded.Items[1]["create"]

	f := newFixture(t)
	f.setup()
	body := `{"index":{"_id":"1"}}
{"id":"1"}
{"create":{"_id":"1"}}
{"id":"1"}
`
	r := f.must("POST", "/news/_bulk", body, 200)
	var top map[string]json.RawMessage
	_ = json.Unmarshal(r.body, &top)
	if got := sortedKeys(top); !reflect.DeepEqual(got, []string{"errors", "items", "took"}) {
		t.Errorf("top-level keys %v", got)
	}
	items := itemsOf(t, r)
	tests := []struct {
		name      string
		fake, rec map[string]any
	}{
		{"created", items[0], realCreated},
		{"conflict", items[1], realConflict},
		{"conflict error", items[1]["error"].(map[string]any), realConflict["error"].(map[string]any)},
		{"shards", items[0]["_shards"].(map[string]any), realCreated["_shards"].(map[string]any)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := sortedKeys(tt.fake), sortedKeys(tt.rec); !reflect.DeepEqual(got, want) {
				t.Errorf("keys %v, recorded %v", got, want)
			}
		})
	}
	if !strings.Contains(items[1]["error"].(map[string]any)["reason"].(string), "version conflict, document already exists (current version [1])") {
		t.Errorf("conflict reason %v", items[1]["error"])
	}
}

func TestBulkRequestValidation(t *testing.T) {
	f := newFixture(t)
	f.setup()
	tests := []struct {
		name, body, wantType, wantReason string
	}{
		{"no trailing newline", `{"index":{"_id":"a"}}` + "\n" + `{"id":"a"}`, "illegal_argument_exception", "terminated by a newline"},
		{"id over 512 bytes", bulkBody(bulkDoc{strings.Repeat("x", 513), 1, `{}`}), "action_request_validation_exception", "is too long"},
		{"negative external version", `{"index":{"_id":"a","version":-1,"version_type":"external_gte"}}` + "\n{}\n", "action_request_validation_exception", "illegal version value [-1]"},
		{"unknown action", `{"upsert":{"_id":"a"}}` + "\n{}\n", "illegal_argument_exception", "expected field [create]"},
		{"malformed action", "nonsense\n{}\n", "illegal_argument_exception", "Malformed action/metadata line [1]"},
		{"unknown metadata", `{"index":{"_id":"a","colour":"red"}}` + "\n{}\n", "illegal_argument_exception", "unknown parameter [colour]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.must("POST", "/news/_bulk", tt.body, 400)
			e := r.json(t)["error"].(map[string]any)
			if e["type"] != tt.wantType || !strings.Contains(e["reason"].(string), tt.wantReason) {
				t.Errorf("error %v, want %s containing %q", e, tt.wantType, tt.wantReason)
			}
		})
	}
	if n := len(f.es.Docs("news")); n != 0 {
		t.Errorf("a refused request stored %d documents", n)
	}
}

func TestBulkRequireAliasAndAutoCreate(t *testing.T) {
	f := newFixture(t)
	f.must("PUT", "/_index_template/news", testTemplate, 200)

	r := f.must("POST", "/news/_bulk?require_alias=true", bulkBody(bulkDoc{"a", 1, `{"id":"a"}`}), 200)
	if it := itemsOf(t, r)[0]; statusOf(it) != 404 || errorType(it) != "index_not_found_exception" {
		t.Errorf("write to a missing alias with require_alias: %v", it)
	}
	if len(f.es.Indices()) != 0 {
		t.Fatalf("require_alias created an index: %v", f.es.Indices())
	}

	// Without require_alias a missing index is created from the matching template, whose
	// strict mapping then applies.
	r = f.must("POST", "/_bulk", `{"index":{"_index":"news-2024","_id":"a"}}`+"\n"+`{"id":"a","colour":"red"}`+"\n", 200)
	if it := itemsOf(t, r)[0]; errorType(it) != "strict_dynamic_mapping_exception" {
		t.Errorf("auto-created index did not take the template's strict mapping: %v", it)
	}
	if got := f.es.Indices(); !reflect.DeepEqual(got, []string{"news-2024"}) {
		t.Errorf("indices %v", got)
	}
}

func TestBulkConcurrentWriters(t *testing.T) {
	f := newFixture(t)
	f.setup()
	const writers, perWriter = 8, 25
	var wg sync.WaitGroup
	errs := make(chan string, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var docs []bulkDoc
			for i := range perWriter {
				id := string(rune('a'+w)) + "-" + string(rune('a'+i))
				docs = append(docs, bulkDoc{id, int64(i + 1), `{"id":"` + id + `"}`})
			}
			res, err := f.srv.Client().Post(f.srv.URL+"/news/_bulk", "application/x-ndjson", strings.NewReader(bulkBody(docs...)))
			if err != nil {
				errs <- err.Error()
				return
			}
			res.Body.Close()
			if res.StatusCode != 200 {
				errs <- res.Status
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	docs := f.es.Docs("news")
	if len(docs) != writers*perWriter {
		t.Fatalf("%d documents, want %d", len(docs), writers*perWriter)
	}
	seqs := make([]int, len(docs))
	for i, d := range docs {
		seqs[i] = int(d.SeqNo)
	}
	sort.Ints(seqs)
	for i, s := range seqs {
		if s != i {
			t.Fatalf("sequence numbers are not 0..%d without gaps: %v", len(seqs)-1, seqs)
		}
	}
	if n := len(f.es.Bulks()); n != writers {
		t.Errorf("%d bulk requests recorded, want %d", n, writers)
	}
}
