package esfake

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// textFixture holds four documents for the full-text, aggregation and collapse tests.
func textFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	f.setup()
	long := strings.Repeat("Camagüey 日本語 ñandú. ", 20)
	f.must("POST", "/news/_bulk", bulkBody(
		bulkDoc{"a", 1, `{"id":"a","title":"Interest rates rose","body":"Interest rates rose again. Rates, rates!","tags":["s1","x"],"published_at":"2024-03-01T09:00:00Z","geo":{"lat":50.1,"lon":8.7}}`},
		bulkDoc{"b", 1, `{"id":"b","title":"Savers","body":"The rates of interest paid to savers.","tags":["s2"],"published_at":"2024-03-03T09:00:00Z","geo":{"lat":51.5,"lon":-0.1}}`},
		bulkDoc{"c", 1, `{"id":"c","title":"Copy","body":"Interest rates rose again (copy).","tags":["s1"],"published_at":"2024-03-01T10:00:00Z","geo":{"lat":-17.7,"lon":178.4}}`},
		bulkDoc{"d", 1, `{"id":"d","title":"Cuba","body":"` + long + `El presidente Díaz-Canel habló. ` + long + `","tags":["s3"],"published_at":"2024-03-05T00:00:00Z"}`},
	), 200)
	return f
}

func TestSearchFullText(t *testing.T) {
	f := textFixture(t)
	tests := []struct {
		name, query string
		want        []string
	}{
		{"match and", `{"match":{"body":{"query":"interest savers","operator":"and"}}}`, []string{"b"}},
		{"match or", `{"match":{"body":"interest savers"}}`, []string{"a", "b", "c"}},
		{"match is case-insensitive", `{"match":{"title":"INTEREST"}}`, []string{"a"}},
		{"match on a multi-byte word", `{"match":{"body":"habló"}}`, []string{"d"}},
		{"phrase in order", `{"match_phrase":{"body":"interest rates"}}`, []string{"a", "c"}},
		{"phrase across punctuation", `{"match_phrase":{"body":"díaz canel"}}`, []string{"d"}},
		{"no words match nothing", `{"match":{"body":"--"}}`, []string{}},
		{"term case_insensitive", `{"term":{"tags":{"value":"S1","case_insensitive":true}}}`, []string{"a", "c"}},
		{"term is exact", `{"term":{"tags":"S1"}}`, []string{}},
		{"term on a multi-field", `{"term":{"title.keyword":"Savers"}}`, []string{"b"}},
		{"bool should minimum", `{"bool":{"should":[{"match":{"body":"savers"}},{"match":{"body":"copy"}},{"match":{"body":"rose"}}],"minimum_should_match":2}}`, []string{"c"}},
		{"bool must_not only", `{"bool":{"must_not":[{"match":{"body":"rates"}}]}}`, []string{"d"}},
		{"geo box", `{"geo_bounding_box":{"geo":{"top_left":{"lat":55,"lon":-5},"bottom_right":{"lat":45,"lon":10}}}}`, []string{"a", "b"}},
		{"geo box across the antimeridian", `{"geo_bounding_box":{"geo":{"top_left":{"lat":60,"lon":170},"bottom_right":{"lat":-20,"lon":0}}}}`, []string{"b", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := searchIDs(t, f.must("POST", "/news/_search", `{"sort":["id"],"query":`+tt.query+`}`, 200))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("hits %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSearchScoreOrder(t *testing.T) {
	f := textFixture(t)
	// a has "rates" four times, c once, b once: by score a first; b and c tie in id order.
	got := searchIDs(t, f.must("POST", "/news/_search", `{"query":{"match":{"body":"rates"}},"sort":["_score",{"id":"asc"}]}`, 200))
	if want := []string{"a", "b", "c"}; !reflect.DeepEqual(got, want) {
		t.Errorf("by score %v, want %v", got, want)
	}
}

type searchAnswer struct {
	Hits struct {
		Total struct{ Value int } `json:"total"`
		Hits  []struct {
			ID        string              `json:"_id"`
			Highlight map[string][]string `json:"highlight"`
			InnerHits map[string]struct {
				Hits struct {
					Total struct{ Value int } `json:"total"`
				} `json:"hits"`
			} `json:"inner_hits"`
		} `json:"hits"`
	} `json:"hits"`
	Aggregations map[string]struct {
		Value   any `json:"value"`
		Buckets []struct {
			Key      any    `json:"key"`
			KeyStr   string `json:"key_as_string"`
			DocCount int    `json:"doc_count"`
		} `json:"buckets"`
	} `json:"aggregations"`
}

func search(t *testing.T, f *fixture, body string) searchAnswer {
	t.Helper()
	var a searchAnswer
	if err := json.Unmarshal(f.must("POST", "/news/_search", body, 200).body, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestSearchHighlight(t *testing.T) {
	f := textFixture(t)
	a := search(t, f, `{"query":{"bool":{"should":[{"match_phrase":{"body":"díaz canel"}},{"match_phrase":{"title":"nothing here"}}]}},
		"highlight":{"pre_tags":["<mark>"],"post_tags":["</mark>"],"encoder":"html","fragment_size":60,"number_of_fragments":2,
		"fields":{"body":{},"title":{}}}}`)
	if len(a.Hits.Hits) != 1 {
		t.Fatalf("hits %+v", a.Hits.Hits)
	}
	hl := a.Hits.Hits[0].Highlight
	if _, ok := hl["title"]; ok || len(hl["body"]) != 1 {
		t.Fatalf("highlight %v, want one body fragment", hl)
	}
	frag := hl["body"][0]
	if !utf8.ValidString(frag) || !strings.Contains(frag, "<mark>Díaz</mark>-<mark>Canel</mark>") {
		t.Errorf("fragment %q", frag)
	}
	if n := len(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(frag)); n < 55 || n > 70 {
		t.Errorf("fragment of %d bytes, want about 60", n)
	}
	// no_match_size gives the opening of a field without a match; html escapes the text.
	a = search(t, f, `{"query":{"match":{"title":"savers"}},"highlight":{"encoder":"html","fields":{"body":{"no_match_size":10},"title":{"number_of_fragments":0}}}}`)
	hl = a.Hits.Hits[0].Highlight
	if got := hl["body"]; len(got) != 1 || got[0] != "The rates " {
		t.Errorf("no match body %q", got)
	}
	if got := hl["title"]; len(got) != 1 || got[0] != "<em>Savers</em>" {
		t.Errorf("whole title %q", got)
	}
}

func TestSearchAggsAndCollapse(t *testing.T) {
	f := textFixture(t)
	a := search(t, f, `{"query":{"match":{"body":"rates"}},"size":10,"sort":[{"published_at":"desc"}],
		"collapse":{"field":"tags","inner_hits":{"name":"story","size":0}},
		"aggs":{"tags":{"terms":{"field":"tags","size":1}},"first":{"min":{"field":"published_at"}},
		"n":{"cardinality":{"field":"tags"}},
		"days":{"date_histogram":{"field":"published_at","calendar_interval":"day","min_doc_count":0,
		"extended_bounds":{"min":"2024-02-29T00:00:00Z","max":"2024-03-03T23:00:00Z"},"hard_bounds":{"min":"2024-02-29T00:00:00Z","max":"2024-03-03T23:00:00Z"}}}}}`)
	if a.Hits.Total.Value != 3 {
		t.Errorf("total %d, want 3 documents", a.Hits.Total.Value)
	}
	var got []string
	for _, h := range a.Hits.Hits {
		got = append(got, h.ID)
		if n := h.InnerHits["story"].Hits.Total.Value; (h.ID == "c" && n != 2) || (h.ID == "b" && n != 1) {
			t.Errorf("hit %s: inner total %d", h.ID, n)
		}
	}
	// Newest first: b (s2), then c, the newest of s1 (a's first tag); a is collapsed into c.
	if want := []string{"b", "c"}; !reflect.DeepEqual(got, want) {
		t.Errorf("collapsed hits %v, want %v", got, want)
	}
	tags := a.Aggregations["tags"].Buckets
	if len(tags) != 1 || tags[0].Key != "s1" || tags[0].DocCount != 2 {
		t.Errorf("terms %+v", tags)
	}
	if v := a.Aggregations["first"].Value; v != 1709283600000.0 {
		t.Errorf("min %v", v)
	}
	if v := a.Aggregations["n"].Value; v != 3.0 {
		t.Errorf("cardinality %v", v)
	}
	var days []string
	for _, b := range a.Aggregations["days"].Buckets {
		days = append(days, b.KeyStr[:10]+":"+string(rune('0'+b.DocCount)))
	}
	if want := []string{"2024-02-29:0", "2024-03-01:2", "2024-03-02:0", "2024-03-03:1"}; !reflect.DeepEqual(days, want) {
		t.Errorf("histogram %v, want %v", days, want)
	}
	f.must("POST", "/news/_search", `{"aggs":{"x":{"avg":{"field":"revision"}}}}`, 400)
}
