package web

import (
	"context"
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsflow/newsflow/store"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "write docs/screenshot.png from the browser test")

// chromiumPath is Debian's chromium (apt-get install chromium); NEWSFLOW_CHROMIUM overrides it.
func chromiumPath() string {
	if p := os.Getenv("NEWSFLOW_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// TestBrowser drives the search page in headless Chromium: it searches, clicks a facet,
// opens an article and checks that every entity mention is highlighted over exactly its
// text, which fails if the page confused UTF-8 byte offsets with UTF-16 string indices.
func TestBrowser(t *testing.T) {
	exec := chromiumPath()
	if _, err := os.Stat(exec); err != nil {
		if os.Getenv("NEWSFLOW_REQUIRE_CHROMIUM") != "" { // CI sets it, so a failed install cannot pass as a skip
			t.Fatalf("NEWSFLOW_REQUIRE_CHROMIUM is set but there is no Chromium at %s: %v", exec, err)
		}
		t.Skipf("no Chromium at %s (install Debian's chromium: apt-get install -y chromium, or set NEWSFLOW_CHROMIUM): %v", exec, err)
	}
	arts := testArticles()
	f := &fakeSearcher{articles: arts}
	s, _ := newTestServer(t, f)
	srv := httptest.NewServer(s)
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exec),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()

	step := func(name string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}

	// The first page shows every article, newest first.
	step("open the page", chromedp.Navigate(srv.URL+"/"))
	titles := waitFor[[]string](t, bctx, "the first page", `ready() && titles().length > 0 && titles()`)
	if len(titles) != len(arts) {
		t.Fatalf("first page lists %q, want all %d articles", titles, len(arts))
	}
	stats := waitFor[string](t, bctx, "stats", `document.getElementById('stats').textContent`)
	if stats != "5 articles · 4 sources" {
		t.Errorf("stats line %q", stats)
	}

	// Markup in the data stays text: the title is shown as written and runs nothing.
	if !slices.Contains(titles, arts[4].Title) {
		t.Errorf("titles %q lack the one with markup %q", titles, arts[4].Title)
	}

	// A snippet's escaped text is shown unescaped, once.
	step("search for a word near markup", chromedp.SendKeys(chromedp.CSS("#q"), "square"), chromedp.Click(chromedp.CSS("#go")))
	snip := waitFor[string](t, bctx, "the snippet", `ready() && location.hash.includes('q=square') && document.querySelector('#results .snippet').textContent`)
	if want := `Traders called the deal "fair & <mark>square</mark>" as <b>prices</b> rose.`; snip != strings.NewReplacer("<mark>", "", "</mark>", "").Replace(want) {
		t.Errorf("snippet text %q, want %q", snip, want)
	}
	if n := waitFor[int](t, bctx, "injected elements", `document.querySelectorAll('#results img, #results b, #results script').length + 1`); n != 1 || pwned(t, bctx) {
		t.Errorf("markup from the data became elements (%d) or ran", n-1)
	}

	// A query the API refuses shows its reason, and no stale hits.
	step("search with a bad query", chromedp.Evaluate[chromedp.Void](`document.getElementById('q').value = '(havana'`), chromedp.Click(chromedp.CSS("#go")))
	msg := waitFor[string](t, bctx, "the error", `document.body.dataset.state === 'error' && document.body.dataset.rendered === location.hash && document.getElementById('error').textContent`)
	if !strings.Contains(msg, "Search failed: q: bad query") {
		t.Errorf("error message %q", msg)
	}
	if n := waitFor[int](t, bctx, "hits", `document.querySelectorAll('#results .hit').length + 1`); n != 1 {
		t.Errorf("%d stale hits shown under the error", n-1)
	}

	// Search.
	step("clear the query", chromedp.Evaluate[chromedp.Void](`document.getElementById('q').value = ''`))
	step("type a query", chromedp.SendKeys(chromedp.CSS("#q"), "havana"), chromedp.Click(chromedp.CSS("#go")))
	titles = waitFor[[]string](t, bctx, "the results of havana", `ready() && location.hash.includes('q=havana') && titles()`)
	if want := []string{"Sugar summit opens in Havana", "Díaz-Canel meets Lula in Havana"}; !reflect.DeepEqual(titles, want) {
		t.Fatalf("results %q, want %q", titles, want)
	}
	marks := waitFor[[]string](t, bctx, "snippet marks", `[...document.querySelectorAll('#results .snippet mark')].map(m => m.textContent)`)
	if want := []string{"Havana", "Havana"}; !reflect.DeepEqual(marks, want) {
		t.Errorf("highlighted snippet words %q, want %q", marks, want)
	}
	topics := waitFor[[]string](t, bctx, "topic facet", `[...document.querySelectorAll('#facets [data-facet="topics"] .facet-name')].map(e => e.textContent)`)
	if want := []string{"economy, business and finance", "politics"}; !reflect.DeepEqual(topics, want) {
		t.Errorf("topic facet shows %q, want the labels %q", topics, want)
	}
	bars := waitFor[int](t, bctx, "timeline", `document.querySelectorAll('#timeline rect.bar').length`)
	if bars != 2 {
		t.Errorf("timeline has %d bars, want one per day (2)", bars)
	}
	if *updateScreenshot {
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		if err := os.WriteFile(filepath.Join("..", "docs", "screenshot.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// A click on a bar of the timeline filters to its day.
	step("click the first day of the timeline", chromedp.Click(chromedp.CSS(`#timeline rect.bar`)))
	titles = waitFor[[]string](t, bctx, "the day's results", `ready() && location.hash.includes('from=') && titles()`)
	if want := []string{"Díaz-Canel meets Lula in Havana"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("results of 2026-11-24: %q, want %q", titles, want)
	}
	if q, _ := f.lastQuery(); q.Filters.From == nil || q.Filters.To == nil ||
		!q.Filters.From.Equal(time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)) || !q.Filters.To.Equal(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("the store was asked for %v to %v, want the day 2026-11-24", q.Filters.From, q.Filters.To)
	}
	step("go back to all days", chromedp.NavigateBack())
	waitFor[[]string](t, bctx, "the results of havana again", `ready() && !location.hash.includes('from=') && titles().length === 2 && titles()`)

	// Click a person in the facets: the results narrow to the articles naming them.
	step("click a facet", chromedp.Click(chromedp.CSS(`#facets button.facet-value[data-facet="persons"][data-value="Miguel Díaz-Canel"]`)))
	titles = waitFor[[]string](t, bctx, "the filtered results", `ready() && document.querySelector('#active-filters .chip') && titles()`)
	if want := []string{"Díaz-Canel meets Lula in Havana"}; !reflect.DeepEqual(titles, want) {
		t.Fatalf("filtered results %q, want %q", titles, want)
	}
	q, _ := f.lastQuery()
	if want := []store.EntityFilter{{Type: "PERSON", Name: "Miguel Díaz-Canel"}}; !reflect.DeepEqual(q.Filters.Entities, want) || q.Text != "havana" {
		t.Errorf("the store was asked %q with %+v, want havana with %+v", q.Text, q.Filters.Entities, want)
	}
	chip := waitFor[string](t, bctx, "the active filter", `document.querySelector('#active-filters .chip').textContent`)
	if chip != "Person: Miguel Díaz-Canel ×" {
		t.Errorf("active filter chip %q", chip)
	}

	// A click on the active filter removes it.
	step("remove the filter", chromedp.Click(chromedp.CSS(`#active-filters .chip`)))
	titles = waitFor[[]string](t, bctx, "the unfiltered results", `ready() && !document.querySelector('#active-filters .chip') && titles()`)
	if len(titles) != 2 {
		t.Errorf("after removing the filter: %q, want the two havana results", titles)
	}

	// Open the article: every mention is highlighted over exactly its text, in body order.
	step("open the article", chromedp.Click(chromedp.CSS(`#results li[data-id="`+arts[0].ID+`"] a.hit-title`)))
	got := waitFor[[][]string](t, bctx, "the article's mentions",
		`ready() && location.hash.startsWith('#/article/') && [...document.querySelectorAll('#article-body a.ent')].map(a => [a.dataset.type, a.textContent])`)
	if pwned(t, bctx) {
		t.Error("markup from the test data ran script in the page")
	}
	a := arts[0]
	var want [][]string
	type span struct {
		start int
		typ   string
		text  string
	}
	var spans []span
	for _, e := range a.Entities {
		for _, m := range e.Mentions {
			spans = append(spans, span{m.Start, e.Type, a.Body[m.Start:m.End]})
		}
	}
	slices.SortFunc(spans, func(x, y span) int { return x.start - y.start })
	for _, sp := range spans {
		want = append(want, []string{sp.typ, sp.text})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("highlighted mentions\n got %q\nwant %q", got, want)
	}
	body := waitFor[string](t, bctx, "the article body", `document.getElementById('article-body').textContent`)
	if body != a.Body {
		t.Errorf("the article body lost or changed text:\n got %q\nwant %q", body, a.Body)
	}
	places := waitFor[[]string](t, bctx, "the places", `[...document.querySelectorAll('.places tbody tr')].map(r => r.textContent)`)
	if len(places) != 3 || !strings.Contains(places[0], "Havana") || !strings.Contains(places[0], "23.1136") || !strings.Contains(places[0], "-82.3666") {
		t.Errorf("places table %q", places)
	}
	if dots := waitFor[int](t, bctx, "the world plot", `document.querySelectorAll('svg.world circle.dot').length`); dots != 3 {
		t.Errorf("world plot has %d dots, want 3", dots)
	}

	// Paging: two hits a page over the five articles.
	step("open a paged search", chromedp.Navigate(srv.URL+"/#/?size=2"))
	first := waitFor[[]string](t, bctx, "page 1", `ready() && titles().length === 2 && titles()`)
	step("next page", chromedp.Click(chromedp.CSS(`#pager a.next`)))
	second := waitFor[[]string](t, bctx, "page 2", `ready() && location.hash.includes('page=2') && titles()`)
	pager := waitFor[string](t, bctx, "the pager", `document.querySelector('#pager .page').textContent`)
	if len(second) != 2 || slices.Contains(first, second[0]) || slices.Contains(first, second[1]) || pager != "page 2 of 3" {
		t.Errorf("page 1 %q, page 2 %q (%q): want two new titles on page 2 of 3", first, second, pager)
	}
}

// pwned reports whether markup from the test data ran script in the page.
func pwned(t *testing.T, ctx context.Context) bool {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.pwned === 1`))
	if err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	return v
}

// pageHelpers are defined in the page before each poll: ready() says the last request
// finished and rendered the current hash, titles() lists the result titles.
const pageHelpers = `const ready = () => document.body.dataset.state === 'ready' && document.body.dataset.rendered === location.hash;
const titles = () => [...document.querySelectorAll('#results .hit-title')].map(a => a.textContent);
`

// waitFor polls expr in the page until it is truthy (at most 10 s) and returns its value.
func waitFor[T any](t *testing.T, ctx context.Context, what, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Poll[T]("(() => {"+pageHelpers+"return "+expr+";})()",
		chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
	return v
}
