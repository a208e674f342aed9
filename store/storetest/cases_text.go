package storetest

import (
	"html"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsflow/newsflow/store"
)

// casePhrase: "interest rates" matches "interest rates rose", not "rates of interest".
func casePhrase(h *harness) {
	h.writeCorpus()
	c := h.corpus
	res := h.search(store.Query{Text: `"interest rates"`, NoCollapse: true, Size: 100})
	if got, want := ids(res), idsOf(c.Rates, c.RatesCopy1, c.RatesCopy2); !slices.Equal(got, want) {
		h.t.Errorf(`"interest rates" found %v, want %v (the Rates story only)`, got, want)
	}
	res = h.search(store.Query{Text: "interest rates", NoCollapse: true, Size: 100})
	if !slices.Contains(ids(res), c.Savers.ID) {
		h.t.Errorf("interest rates (words) did not find %q", c.Savers.Title)
	}
}

// stripMarks removes the highlight tags and unescapes the rest.
func stripMarks(s string) string {
	s = strings.ReplaceAll(s, "<mark>", "")
	s = strings.ReplaceAll(s, "</mark>", "")
	return html.UnescapeString(s)
}

// casePhraseHighlight: a phrase's highlight contains the phrase.
func casePhraseHighlight(h *harness) {
	h.writeCorpus()
	res := h.search(store.Query{Text: `"interest rates"`, Highlight: true, NoCollapse: true})
	if len(res.Hits) == 0 {
		h.t.Fatal("no hits")
	}
	for _, hit := range res.Hits {
		if len(hit.Snippets) == 0 {
			h.t.Errorf("hit %s has no snippets", hit.ID)
		}
		for _, s := range hit.Snippets {
			if !strings.Contains(s, "<mark>") {
				h.t.Errorf("snippet %q marks nothing", s)
			}
			if !strings.Contains(strings.ToLower(stripMarks(s)), "interest rates") {
				h.t.Errorf("snippet %q does not contain the phrase", s)
			}
		}
	}
}

// caseUTF8Snippets: snippets around Díaz-Canel are valid UTF-8, cut on character
// boundaries: each is, tags removed, a piece of the body.
func caseUTF8Snippets(h *harness) {
	h.writeCorpus()
	body := h.corpus.Cuba.Body
	for _, text := range []string{"Díaz-Canel", `"Miguel Díaz-Canel"`, "body:puerto"} {
		res := h.search(store.Query{Text: text, Highlight: true})
		if len(res.Hits) != 1 || res.Hits[0].ID != h.corpus.Cuba.ID {
			h.t.Fatalf("%s found %v, want the Cuba article", text, ids(res))
		}
		snippets := res.Hits[0].Snippets
		if len(snippets) == 0 {
			h.t.Fatalf("%s: no snippets", text)
		}
		for _, s := range snippets {
			if !utf8.ValidString(s) {
				h.t.Errorf("%s: snippet is not valid UTF-8: %q", text, s)
			}
			if !strings.Contains(s, "<mark>") {
				h.t.Errorf("%s: snippet %q marks nothing", text, s)
			}
			plain := strings.TrimSuffix(strings.TrimPrefix(stripMarks(s), "…"), "…")
			if !strings.Contains(body, plain) {
				h.t.Errorf("%s: snippet %q is not a piece of the body", text, plain)
			}
			if len(plain) >= len(body) {
				h.t.Errorf("%s: snippet is the whole body (%d bytes): nothing was cut", text, len(plain))
			}
		}
	}
}

// caseSyntax: operators and field prefixes mean the same in every store.
func caseSyntax(h *harness) {
	h.writeCorpus()
	c := h.corpus
	rates := []string{c.Rates.ID, c.RatesCopy1.ID, c.RatesCopy2.ID}
	tests := []struct {
		text string
		want []string
	}{
		{"rates NOT savers", rates},
		{"rates -savers", rates},
		{"savers OR Lagarde", append([]string{c.Savers.ID}, rates...)},
		{"(savers OR lagarde) london", []string{c.Savers.ID}},
		{"title:savers", []string{c.Savers.ID}},
		{"body:savers", []string{c.Savers.ID}},
		{"title:london", nil},
		{"source:reuters", []string{c.Rates.ID}},
		{`source:"yahoo news"`, []string{c.RatesCopy1.ID}},
		{`entity:"miguel díaz-canel"`, []string{c.Cuba.ID}},
		{"entity:frankfurt", rates},
		{"topic:politics", []string{c.Cuba.ID}},
		{"topic:" + TopicPolitics, []string{c.Cuba.ID}},
		{"country:cu", []string{c.Cuba.ID}},
		{"Díaz-Canel", []string{c.Cuba.ID}},
		{"INTEREST", append([]string{c.Savers.ID}, rates...)},
		{"nosuchword", nil},
	}
	for _, tt := range tests {
		res := h.search(store.Query{Text: tt.text, NoCollapse: true, Size: 100})
		want := slices.Sorted(slices.Values(tt.want))
		if want == nil {
			want = []string{}
		}
		if got := ids(res); !slices.Equal(got, want) {
			h.t.Errorf("%s found %v, want %v", tt.text, got, want)
		}
		if res.Total != int64(len(want)) {
			h.t.Errorf("%s: total %d, want %d", tt.text, res.Total, len(want))
		}
	}
}
