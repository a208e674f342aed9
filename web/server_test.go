package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func newTestServer(t *testing.T, f *fakeSearcher) (*Server, *prometheus.Registry) {
	t.Helper()
	reg := prometheus.NewRegistry()
	s, err := New(Config{Searcher: f, Registerer: reg, MaxQueryBytes: 64, MaxPageDepth: 100})
	if err != nil {
		t.Fatal(err)
	}
	return s, reg
}

func do(t *testing.T, h http.Handler, method, target string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func day(s string) *time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func TestFixtures(t *testing.T) {
	for _, a := range testArticles() {
		t.Run(a.Title, func(t *testing.T) {
			if err := a.Validate(article.Limits{}); err != nil {
				t.Fatalf("fixture is not a valid article: %v", err)
			}
			for _, e := range a.Entities {
				if len(e.Mentions) == 0 {
					t.Errorf("entity %q has no mention", e.Name)
				}
				for _, m := range e.Mentions {
					if a.Body[m.Start:m.End] != m.Text {
						t.Errorf("mention %+v of %q: body has %q", m, e.Name, a.Body[m.Start:m.End])
					}
				}
			}
		})
	}
}

func TestSearchParameters(t *testing.T) {
	base := func(mod func(q *store.Query)) store.Query {
		q := store.Query{Sort: "date", Size: 10, Highlight: true}
		mod(&q)
		return q
	}
	tests := []struct {
		name  string
		query string
		want  store.Query
	}{
		{"defaults", "", base(func(q *store.Query) {})},
		{"text sorts by relevance", "q=interest+rates", base(func(q *store.Query) { q.Text, q.Sort = "interest rates", "relevance" })},
		{"text is trimmed", "q=%20%20havana%20", base(func(q *store.Query) { q.Text, q.Sort = "havana", "relevance" })},
		{"phrase and operators pass through", "q=%22interest+rates%22+AND+NOT+title:bank", base(func(q *store.Query) {
			q.Text, q.Sort = `"interest rates" AND NOT title:bank`, "relevance"
		})},
		{"typed and untyped entities", "entity=PERSON:Miguel+D%C3%ADaz-Canel&entity=organization:%20Petrobras&entity=Havana", base(func(q *store.Query) {
			q.Filters.Entities = []store.EntityFilter{{Type: "PERSON", Name: "Miguel Díaz-Canel"}, {Type: "ORGANIZATION", Name: "Petrobras"}, {Name: "Havana"}}
		})},
		{"a colon that is not a type belongs to the name", "entity=Star+Wars:+Andor", base(func(q *store.Query) {
			q.Filters.Entities = []store.EntityFilter{{Name: "Star Wars: Andor"}}
		})},
		{"topics, sources kept as given, deduplicated", "topic=medtop:04000000&topic=medtop:04000000&source=reuters&source=AFP", base(func(q *store.Query) {
			q.Filters.Topics = []string{"medtop:04000000"}
			q.Filters.Sources = []string{"reuters", "AFP"}
		})},
		{"country and language codes normalised", "country=cu&country=BR&language=EN", base(func(q *store.Query) {
			q.Filters.Countries = []string{"CU", "BR"}
			q.Filters.Languages = []string{"en"}
		})},
		{"date range, to a bare date includes that day", "from=2026-11-01&to=2026-11-30", base(func(q *store.Query) {
			q.Filters.From = day("2026-11-01T00:00:00Z")
			q.Filters.To = day("2026-12-01T00:00:00Z")
		})},
		{"RFC 3339 range", "from=2026-11-01T10:00:00%2B01:00&to=2026-11-02T00:00:00Z", base(func(q *store.Query) {
			q.Filters.From = day("2026-11-01T10:00:00+01:00")
			q.Filters.To = day("2026-11-02T00:00:00Z")
		})},
		{"bounding box", "bbox=25,-85,20,-75", base(func(q *store.Query) {
			q.Filters.Box = &store.GeoBox{North: 25, West: -85, South: 20, East: -75}
		})},
		{"bounding box across the antimeridian", "bbox=10,170,-10,-170", base(func(q *store.Query) {
			q.Filters.Box = &store.GeoBox{North: 10, West: 170, South: -10, East: -170}
		})},
		{"explicit sort", "q=x&sort=date", base(func(q *store.Query) { q.Text, q.Sort = "x", "date" })},
		{"relevance without text", "sort=relevance", base(func(q *store.Query) { q.Sort = "relevance" })},
		{"page and size", "page=3&size=20", base(func(q *store.Query) { q.From, q.Size = 40, 20 })},
		{"from offset and size", "from=30&size=5", base(func(q *store.Query) { q.From, q.Size = 30, 5 })},
		{"size zero for facets only", "size=0&facets=sources", base(func(q *store.Query) { q.Size, q.Facets = 0, []string{"sources"} })},
		{"last page inside the depth", "page=10&size=10", base(func(q *store.Query) { q.From = 90 })},
		{"highlight and collapse off", "highlight=false&collapse=false", base(func(q *store.Query) { q.Highlight, q.NoCollapse = false, true })},
		{"highlight and collapse on", "highlight=1&collapse=true", base(func(q *store.Query) {})},
		{"facets listed and deduplicated", "facets=persons,%20dates,persons,countries", base(func(q *store.Query) {
			q.Facets = []string{"persons", "dates", "countries"}
		})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeSearcher{articles: testArticles()}
			s, _ := newTestServer(t, f)
			rec := do(t, s, http.MethodGet, "/api/search?"+tt.query, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			got, calls := f.lastQuery()
			if calls != 1 {
				t.Fatalf("store called %d times", calls)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("query\n got %s\nwant %s", dump(got), dump(tt.want))
			}
		})
	}
}

func dump(q store.Query) string {
	b, _ := json.Marshal(q)
	return string(b)
}

func TestSearchBadParameters(t *testing.T) {
	long := strings.Repeat("a", 65)
	many := strings.Repeat("topic=x&", 33)
	tests := []struct {
		name, query, field string
	}{
		{"malformed escape", "q=%zz&topic=x", ""},
		{"semicolon separator", "q=x;topic=y", ""},
		{"unknown parameter", "q=x&entitiy=Lula", "entitiy"},
		{"query too long", "q=" + long, "q"},
		{"query not UTF-8", "q=%ff", "q"},
		{"single parameter repeated", "q=a&q=b", "q"},
		{"empty entity", "entity=", "entity"},
		{"entity type without name", "entity=PERSON:", "entity"},
		{"entity value too long", "entity=" + strings.Repeat("x", 257), "entity"},
		{"too many values", many, "topic"},
		{"blank topic", "topic=%20", "topic"},
		{"country not two letters", "country=CUB", "country"},
		{"country with digits", "country=C1", "country"},
		{"language not a code", "language=e1", "language"},
		{"from not a date", "from=yesterday", "from"},
		{"to not a date", "to=2026-13-01", "to"},
		{"to before from", "from=2026-11-02&to=2026-11-01", "to"},
		{"empty range", "from=2026-11-02T00:00:00Z&to=2026-11-02T00:00:00Z", "to"},
		{"unbalanced quote", "q=%22interest+rates", "q"},
		{"dangling operator", "q=rates+AND", "q"},
		{"bbox with three numbers", "bbox=1,2,3", "bbox"},
		{"bbox not numbers", "bbox=a,b,c,d", "bbox"},
		{"bbox NaN", "bbox=NaN,0,0,0", "bbox"},
		{"bbox latitude out of range", "bbox=91,0,0,10", "bbox"},
		{"bbox longitude out of range", "bbox=10,-181,0,10", "bbox"},
		{"bbox south of north", "bbox=10,0,20,10", "bbox"},
		{"unknown sort", "sort=popular", "sort"},
		{"highlight not a boolean", "highlight=yes", "highlight"},
		{"collapse not a boolean", "collapse=maybe", "collapse"},
		{"unknown facet", "facets=persons,people", "facets"},
		{"size too large", "size=101", "size"},
		{"size negative", "size=-1", "size"},
		{"page zero", "page=0", "page"},
		{"page not a number", "page=two", "page"},
		{"page and from offset", "page=2&from=10", "page"},
		{"page past the depth", "page=11&size=10", "page"},
		{"offset past the depth", "from=95&size=10", "from"},
		{"offset that would overflow", "from=9223372036854775807", "from"},
		{"offset beyond int", "from=99999999999999999999", "from"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeSearcher{articles: testArticles()}
			s, _ := newTestServer(t, f)
			wantError(t, do(t, s, http.MethodGet, "/api/search?"+tt.query, nil), http.StatusBadRequest, tt.field)
			if _, calls := f.lastQuery(); calls != 0 {
				t.Errorf("a bad request reached the store")
			}
		})
	}
}

func decodeError(t *testing.T, rec *httptest.ResponseRecorder, code int) ErrorResponse {
	t.Helper()
	if rec.Code != code {
		t.Fatalf("status %d, want %d: %s", rec.Code, code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("content type %q", ct)
	}
	var e ErrorResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
		t.Fatalf("error body is not JSON: %v: %s", err, rec.Body)
	}
	if e.Error == "" {
		t.Errorf("error body without a message: %s", rec.Body)
	}
	return e
}

// wantError checks an error answer and the parameter it names.
func wantError(t *testing.T, rec *httptest.ResponseRecorder, code int, field string) {
	t.Helper()
	if e := decodeError(t, rec, code); e.Field != field {
		t.Errorf("field %q, want %q (error %q)", e.Field, field, e.Error)
	}
}

func TestSearchResponse(t *testing.T) {
	f := &fakeSearcher{articles: testArticles()}
	s, _ := newTestServer(t, f)
	rec := do(t, s, http.MethodGet, "/api/search?q=havana&facets=persons,sources,dates&size=1", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got SearchResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Total != 2 || len(got.Hits) != 1 || got.Page != 1 || got.Size != 1 || got.Sort != "relevance" {
		t.Fatalf("total %d, %d hits, page %d, size %d, sort %q", got.Total, len(got.Hits), got.Page, got.Size, got.Sort)
	}
	h := got.Hits[0]
	if h.ID != strings.Repeat("0", 30)+"a3" || h.Source != "afp" || h.PublishedAt == nil || len(h.Topics) != 1 || h.Topics[0].Code != "medtop:04000000" {
		t.Errorf("hit %+v", h)
	}
	if len(h.Snippets) != 1 || !strings.Contains(h.Snippets[0], "<mark>Havana</mark>") {
		t.Errorf("snippets %q", h.Snippets)
	}
	if want := []FacetJSON{{"afp", 1}, {"reuters", 1}}; !reflect.DeepEqual(got.Facets["sources"], want) {
		t.Errorf("sources facet %+v, want %+v", got.Facets["sources"], want)
	}
	if len(got.Dates) != 2 || got.Dates[0].Count != 1 {
		t.Errorf("dates %+v", got.Dates)
	}
	// The wire names are snake_case and stable.
	var raw map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &raw)
	for _, k := range []string{"total", "page", "from", "size", "sort", "hits", "facets", "dates", "took_ms"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("response lacks %q", k)
		}
	}
	hit := raw["hits"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "title", "url", "source", "language", "published_at", "score", "snippets", "topics", "countries"} {
		if _, ok := hit[k]; !ok {
			t.Errorf("hit lacks %q", k)
		}
	}
}

func TestSearchEmptyResultHasHitsArray(t *testing.T) {
	s, _ := newTestServer(t, &fakeSearcher{})
	rec := do(t, s, http.MethodGet, "/api/search?q=nothing", nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"hits":[]`) {
		t.Errorf("status %d body %s: want an empty hits array, not null", rec.Code, rec.Body)
	}
}

func TestStoreErrors(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		code   int
		leaks  bool
		target string
	}{
		{"search: bad query from the store", fmt.Errorf("field %q cannot be searched: %w", "AND (", store.ErrBadQuery), http.StatusBadRequest, true, "/api/search?q=x"},
		{"search: store unavailable", fmt.Errorf("es: %w", store.ErrUnavailable), http.StatusServiceUnavailable, false, "/api/search?q=x"},
		{"search: other failure", errors.New("secret internals"), http.StatusInternalServerError, false, "/api/search?q=x"},
		{"article: other failure", errors.New("secret internals"), http.StatusInternalServerError, false, "/api/articles/abc"},
		{"article: unavailable", store.ErrUnavailable, http.StatusServiceUnavailable, false, "/api/articles/abc"},
		{"stats: other failure", errors.New("secret internals"), http.StatusInternalServerError, false, "/api/stats"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestServer(t, &fakeSearcher{err: tt.err})
			rec := do(t, s, http.MethodGet, tt.target, nil)
			e := decodeError(t, rec, tt.code)
			if !tt.leaks && strings.Contains(e.Error, "secret") {
				t.Errorf("an internal error reached the client: %q", e.Error)
			}
			if tt.leaks && !strings.Contains(e.Error, "AND (") {
				t.Errorf("a bad query should say why: %q", e.Error)
			}
		})
	}
}

func TestSearchTimeout(t *testing.T) {
	s, err := New(Config{Searcher: &fakeSearcher{block: true}, Timeout: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	// The fake returns only when the server's deadline ends its context.
	decodeError(t, do(t, s, http.MethodGet, "/api/search?q=x", nil), http.StatusServiceUnavailable)
}

func TestArticle(t *testing.T) {
	arts := testArticles()
	s, _ := newTestServer(t, &fakeSearcher{articles: arts})
	want, err := article.Encode(arts[0])
	if err != nil {
		t.Fatal(err)
	}
	t.Run("found", func(t *testing.T) {
		rec := do(t, s, http.MethodGet, "/api/articles/"+arts[0].ID, nil)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" {
			t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
		}
		if rec.Body.String() != string(want) {
			t.Errorf("body\n got %s\nwant %s", rec.Body, want)
		}
		back, err := article.Decode(rec.Body.Bytes())
		if err != nil || back.Entities[0].Mentions[0].Text != "Miguel Díaz-Canel" {
			t.Errorf("decode: %v", err)
		}
	})
	t.Run("missing", func(t *testing.T) {
		wantError(t, do(t, s, http.MethodGet, "/api/articles/nope", nil), http.StatusNotFound, "id")
	})
	t.Run("id too long", func(t *testing.T) {
		wantError(t, do(t, s, http.MethodGet, "/api/articles/"+strings.Repeat("x", 513), nil), http.StatusBadRequest, "id")
	})
	t.Run("id with a control character", func(t *testing.T) {
		decodeError(t, do(t, s, http.MethodGet, "/api/articles/a%01b", nil), http.StatusBadRequest)
	})
}

func TestStats(t *testing.T) {
	s, _ := newTestServer(t, &fakeSearcher{articles: testArticles()})
	rec := do(t, s, http.MethodGet, "/api/stats", nil)
	var got StatsResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("status %d, %v: %s", rec.Code, err, rec.Body)
	}
	want := StatsResponse{Documents: 5, Sources: 4, Oldest: day("2026-11-20T07:00:00Z"), Newest: day("2026-11-26T13:00:00Z")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestMethodsAndPaths(t *testing.T) {
	s, _ := newTestServer(t, &fakeSearcher{articles: testArticles()})
	for _, target := range []string{"/api/search", "/api/stats", "/api/articles/x", "/", "/app.js"} {
		for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
			t.Run(method+" "+target, func(t *testing.T) {
				rec := do(t, s, method, target, nil)
				decodeError(t, rec, http.StatusMethodNotAllowed)
				if rec.Header().Get("Allow") != "GET, HEAD" {
					t.Errorf("Allow %q", rec.Header().Get("Allow"))
				}
			})
		}
	}
	for _, target := range []string{"/api/nope", "/api/articles/", "/api", "/static/app.js", "/favicon.ico"} {
		t.Run("GET "+target, func(t *testing.T) {
			decodeError(t, do(t, s, http.MethodGet, target, nil), http.StatusNotFound)
		})
	}
}

// external matches a reference that would load something from another site.
var external = regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//|@import|fetch\(\s*["'](https?:)?//`)

func TestPage(t *testing.T) {
	s, _ := newTestServer(t, &fakeSearcher{})
	tests := []struct {
		path, ctype, contains string
	}{
		{"/", "text/html; charset=utf-8", `<script src="/app.js" defer></script>`},
		{"/index.html", "text/html; charset=utf-8", `id="search-form"`},
		{"/app.js", "text/javascript; charset=utf-8", "bodyWithMentions"},
		{"/style.css", "text/css; charset=utf-8", ".ent-person"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := do(t, s, http.MethodGet, tt.path, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			if got := rec.Header().Get("Content-Type"); got != tt.ctype {
				t.Errorf("content type %q, want %q", got, tt.ctype)
			}
			if !strings.Contains(rec.Body.String(), tt.contains) {
				t.Errorf("body lacks %q", tt.contains)
			}
			if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
				t.Errorf("CSP %q", csp)
			}
			if external.MatchString(rec.Body.String()) {
				t.Errorf("%s refers to another site: the page must work offline", tt.path)
			}
			etag := rec.Header().Get("ETag")
			again := do(t, s, http.MethodGet, tt.path, http.Header{"If-None-Match": {etag}})
			if etag == "" || again.Code != http.StatusNotModified {
				t.Errorf("revalidation with ETag %q: status %d, want 304", etag, again.Code)
			}
			head := do(t, s, http.MethodHead, tt.path, nil)
			if head.Code != http.StatusOK || head.Body.Len() != 0 {
				t.Errorf("HEAD: status %d, %d body bytes", head.Code, head.Body.Len())
			}
		})
	}
}

func TestMetrics(t *testing.T) {
	s, reg := newTestServer(t, &fakeSearcher{articles: testArticles()})
	do(t, s, http.MethodGet, "/api/search?q=x", nil)
	do(t, s, http.MethodGet, "/api/search?sort=x", nil)
	do(t, s, http.MethodGet, "/api/search?sort=x", nil)
	do(t, s, http.MethodPost, "/api/stats", nil)
	do(t, s, http.MethodGet, "/api/articles/nope", nil)
	do(t, s, http.MethodGet, "/", nil)
	do(t, s, http.MethodGet, "/wp-admin/x.php", nil)
	tests := []struct {
		route, code string
		want        float64
	}{
		{"search", "200", 1}, {"search", "400", 2}, {"stats", "405", 1}, {"article", "404", 1},
		{"page", "200", 1}, {"not_found", "404", 1}, {"stats", "200", 0},
	}
	for _, tt := range tests {
		t.Run(tt.route+" "+tt.code, func(t *testing.T) {
			if got := testutil.ToFloat64(s.metrics.requests.WithLabelValues(tt.route, tt.code)); got != tt.want {
				t.Errorf("requests{route=%s,code=%s} = %v, want %v", tt.route, tt.code, got, tt.want)
			}
		})
	}
	if n := testutil.CollectAndCount(s.metrics.seconds); n != len(routes) {
		t.Errorf("%d latency series, want one per route (%d): the label set must stay closed", n, len(routes))
	}
	if problems, err := testutil.GatherAndLint(reg); err != nil || len(problems) > 0 {
		t.Errorf("lint: %v %+v", err, problems)
	}
}

func TestNew(t *testing.T) {
	t.Run("searcher required", func(t *testing.T) {
		if _, err := New(Config{}); err == nil {
			t.Error("no error without a Searcher")
		}
	})
	for name, cfg := range map[string]Config{
		"negative depth":         {Searcher: &fakeSearcher{}, MaxPageDepth: -1},
		"depth past the store's": {Searcher: &fakeSearcher{}, MaxPageDepth: store.MaxDepth + 1},
		"negative query length":  {Searcher: &fakeSearcher{}, MaxQueryBytes: -1},
		"query past the store's": {Searcher: &fakeSearcher{}, MaxQueryBytes: store.MaxTextBytes + 1},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := New(cfg); err == nil {
				t.Error("no error")
			}
		})
	}
	t.Run("metrics registered twice", func(t *testing.T) {
		reg := prometheus.NewRegistry()
		if _, err := New(Config{Searcher: &fakeSearcher{}, Registerer: reg}); err != nil {
			t.Fatal(err)
		}
		if _, err := New(Config{Searcher: &fakeSearcher{}, Registerer: reg}); err == nil {
			t.Error("second registration on one registry did not fail")
		}
	})
	t.Run("defaults", func(t *testing.T) {
		s, err := New(Config{Searcher: &fakeSearcher{}})
		if err != nil {
			t.Fatal(err)
		}
		rec := do(t, s, http.MethodGet, "/api/search?q="+strings.Repeat("a", DefaultMaxQueryBytes), nil)
		if rec.Code != http.StatusOK {
			t.Errorf("a query of exactly the default limit: status %d", rec.Code)
		}
		rec = do(t, s, http.MethodGet, "/api/search?page=1001&size=10", nil)
		decodeError(t, rec, http.StatusBadRequest)
	})
}

func TestCleanSnippet(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "a &amp; b", "a &amp; b"},
		{"marks kept", "the <mark>interest rates</mark> rose", "the <mark>interest rates</mark> rose"},
		{"stray tag escaped", `<b onclick="x()">bold</b> <mark>hit</mark>`, `&lt;b onclick=&#34;x()&#34;&gt;bold&lt;/b&gt; <mark>hit</mark>`},
		{"script escaped", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"unclosed mark closed", "<mark>open", "<mark>open</mark>"},
		{"stray close dropped", "a</mark> b", "a b"},
		{"nested open ignored", "<mark>a<mark>b</mark>", "<mark>ab</mark>"},
		{"unescaped ampersand and bracket escaped", "AT&T < 3", "AT&amp;T &lt; 3"},
		{"non-ASCII untouched", "<mark>Díaz-Canel</mark> said", "<mark>Díaz-Canel</mark> said"},
		{"lone angle bracket at end", "a <", "a &lt;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanSnippet(tt.in); got != tt.want {
				t.Errorf("cleanSnippet(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
