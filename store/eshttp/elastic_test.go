package eshttp

import (
	"context"
	"errors"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/elastic"
	"github.com/newsflow/newsflow/store/embedded"
	"github.com/newsflow/newsflow/store/storetest"
)

// served is an embedded store behind a Server behind an httptest server.
type served struct {
	store *embedded.Store
	srv   *httptest.Server
}

// serve opens the embedded store in dir and serves it.
func serve(t *testing.T, dir string) *served {
	t.Helper()
	st, err := embedded.Open(dir, embedded.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	s := &served{store: st, srv: httptest.NewServer(h)}
	t.Cleanup(s.close)
	return s
}

func (s *served) close() {
	s.srv.Close()
	_ = s.store.Close()
}

// client is store/elastic, unchanged, pointed at url.
func client(t *testing.T, url string, alias string) *elastic.Store {
	t.Helper()
	c, err := elastic.New(elastic.Config{URLs: []string{url}, Alias: alias})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func outcomes(results []store.Result) []store.Outcome {
	out := make([]store.Outcome, len(results))
	for i, r := range results {
		out[i] = r.Outcome
	}
	return out
}

// TestElasticClient is the acceptance test: store/elastic (New, Ping, EnsureTemplate,
// Write, Get, Refresh, Count) works against the server as against Elasticsearch: stored,
// stale (revisions 2, 1, 2), a bad document rejected, and all there after a restart.
func TestElasticClient(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := serve(t, dir)
	es := client(t, s.srv.URL, "")
	if err := es.Ping(ctx); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	for i := range 2 { // idempotent, as every sink runs it at start
		if err := es.EnsureTemplate(ctx); err != nil {
			t.Fatalf("EnsureTemplate #%d: %v", i+1, err)
		}
	}

	corpus := storetest.NewCorpus()
	cuba, err := store.FromArticle(corpus.Cuba)
	if err != nil {
		t.Fatal(err)
	}
	rev := func(n int64) store.Document {
		a := *corpus.Rates
		a.Revision = n
		a.Title = "revision " + string(rune('0'+n))
		d, err := store.FromArticle(&a)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	bad := rev(1)
	bad.ID = "bad-geo"
	bad.LocationsGeo = []store.GeoPoint{{Lat: 200}}

	var got []store.Result
	for _, batch := range [][]store.Document{{cuba, rev(2), bad}, {rev(1)}, {rev(2)}} {
		res, err := es.Write(ctx, batch)
		if err != nil {
			t.Fatalf("Write: %v", err)
		}
		got = append(got, res...)
	}
	want := []store.Outcome{store.OutcomeStored, store.OutcomeStored, store.OutcomeRejected, store.OutcomeStale, store.OutcomeStored}
	if !reflect.DeepEqual(outcomes(got), want) {
		t.Fatalf("outcomes %v, want %v (%+v)", outcomes(got), want, got)
	}
	for i, w := range []struct {
		status int
		reason string
	}{{201, ""}, {201, ""}, {400, "document_parsing_exception: "}, {409, "version_conflict_engine_exception: "}, {200, ""}} {
		if got[i].Status != w.status || !strings.HasPrefix(got[i].Reason, w.reason) || (w.reason == "") != (got[i].Reason == "") {
			t.Errorf("result %d: %+v, want status %d and reason %q...", i, got[i], w.status, w.reason)
		}
	}

	check := func(es *elastic.Store, when string) {
		t.Helper()
		if err := es.Refresh(ctx); err != nil {
			t.Fatalf("%s: Refresh: %v", when, err)
		}
		if n, err := es.Count(ctx); err != nil || n != 2 {
			t.Errorf("%s: Count %d, %v; want 2", when, n, err)
		}
		d, found, err := es.Get(ctx, corpus.Rates.ID)
		if err != nil || !found || d.Revision != 2 || d.Title != "revision 2" {
			t.Errorf("%s: Get: revision %d title %q found %v err %v; want revision 2", when, d.Revision, d.Title, found, err)
		}
		d, found, err = es.Get(ctx, cuba.ID)
		if err != nil || !found {
			t.Fatalf("%s: Get(cuba): found %v, %v", when, found, err)
		}
		a, err := store.ToArticle(d)
		if err != nil || a.Body != corpus.Cuba.Body || !reflect.DeepEqual(a.Entities, corpus.Cuba.Entities) {
			t.Errorf("%s: the article read back differs from the one written (%v)", when, err)
		}
		if _, found, err := es.Get(ctx, "bad-geo"); err != nil || found {
			t.Errorf("%s: the rejected document: found %v, %v", when, found, err)
		}
	}
	check(es, "before restart")

	s.close()
	s = serve(t, dir)
	es = client(t, s.srv.URL, "")
	if err := es.EnsureTemplate(ctx); err != nil {
		t.Fatalf("EnsureTemplate after restart: %v", err)
	}
	check(es, "after restart")
	res, err := es.Write(ctx, []store.Document{rev(1)})
	if err != nil || res[0].Outcome != store.OutcomeStale {
		t.Errorf("after restart, revision 1: %+v, %v; want stale", res, err)
	}
}

// TestOtherAlias: a client configured for another alias is told which one to use.
func TestOtherAlias(t *testing.T) {
	s := serve(t, t.TempDir())
	err := client(t, s.srv.URL, "other").EnsureTemplate(context.Background())
	var re *elastic.ResponseError
	if !errors.As(err, &re) || re.Status != 400 || !strings.Contains(re.Reason, "--es-alias news") {
		t.Fatalf("EnsureTemplate for alias other: %v; want a 400 naming --es-alias news", err)
	}
}

// TestDuplicatesLookup runs the near-duplicate lookup contract through store/elastic against
// the server: the sinks of a `newsflow store` link near-copies like those of Elasticsearch.
func TestDuplicatesLookup(t *testing.T) {
	storetest.RunDuplicates(t, func(t *testing.T) storetest.DupBackend {
		s := serve(t, t.TempDir())
		c := client(t, s.srv.URL, DefaultAlias)
		if err := c.EnsureTemplate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return c
	})
}
