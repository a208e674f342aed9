package elastic

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/esfake"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/storetest"
)

func TestDuplicatesLookup(t *testing.T) {
	storetest.RunDuplicates(t, func(t *testing.T) storetest.DupBackend {
		s, _ := openFake(t)
		return s
	})
}

// openFake is a Store on a fresh esfake server, with its template.
func openFake(t *testing.T) (*Store, *esfake.Server) {
	t.Helper()
	es := esfake.New(esfake.Options{})
	srv := httptest.NewServer(es)
	t.Cleanup(srv.Close)
	s := openAt(t, srv.URL)
	t.Cleanup(func() { _ = s.Close() })
	return s, es
}

// TestDuplicatesUnreadable: documents Elasticsearch accepted but store.Document cannot read
// (another writer's epoch-millis date or numeric story_id, or a missing field) are answered
// as unreadable candidates beside the readable ones, and by Lookup with their id alone: one
// of them used to fail the decoding of the whole answer, an error the sink retried forever.
// A store that does not answer is still an error of the lookup, to be retried.
func TestDuplicatesUnreadable(t *testing.T) {
	ctx := context.Background()
	s, es := openFake(t)
	day := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	a := &article.Article{ID: "good", Body: "Body of good", PublishedAt: &day, FetchedAt: day,
		Revision: 7, SchemaVersion: article.SchemaVersion}
	d, err := store.FromArticle(a)
	if err != nil {
		t.Fatal(err)
	}
	d.DupBands, d.MinHash = []string{"band"}, "sig"
	if _, err := s.Write(ctx, []store.Document{d}); err != nil {
		t.Fatal(err)
	}
	const rest = `"revision":7,"body":"b","fetched_at":"2024-05-01T08:00:00Z","article":{}`
	bulk := strings.Join([]string{
		`{"index":{"_index":"news","_id":"millis"}}`,
		`{"id":"millis","date":1714550400000,"story_id":"millis","dup_bands":["band"],` + rest + `}`,
		`{"index":{"_index":"news","_id":"numstory"}}`,
		`{"id":"numstory","date":"2024-05-01T08:00:00Z","story_id":17,"dup_bands":["band"],` + rest + `}`,
		`{"index":{"_index":"news","_id":"textrev"}}`,
		`{"id":"textrev","date":"2024-05-01T08:00:00Z","story_id":"textrev","dup_bands":["band"],"revision":"7","article":{}}`,
		`{"index":{"_index":"news","_id":"bare"}}`,
		`{"id":"bare","dup_bands":["band"]}`,
	}, "\n") + "\n"
	resp, err := http.Post(s.cfg.URLs[0]+"/_bulk?refresh=true", "application/x-ndjson", strings.NewReader(bulk))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("planting: status %d", resp.StatusCode)
	}

	got, err := s.Candidates(ctx, []string{"band"}, 10)
	if err != nil {
		t.Fatalf("Candidates: %v; want the readable ones and the others marked", err)
	}
	ok, bad := storetest.SplitUnreadable(t, got)
	if !slices.Equal(ok, []string{"good"}) || !slices.Equal(bad, []string{"bare", "millis", "numstory", "textrev"}) {
		t.Errorf("readable %v, unreadable %v; want [good] and [bare millis numstory textrev]", ok, bad)
	}

	docs, err := s.Lookup(ctx, []string{"good", "millis", "textrev"})
	if err != nil || len(docs) != 3 {
		t.Fatalf("Lookup: %d documents, %v; want 3", len(docs), err)
	}
	for _, d := range docs {
		if _, err := store.ToArticle(d); (err == nil) != (d.ID == "good") {
			t.Errorf("%s: ToArticle error %v", d.ID, err)
		}
	}

	es.Down()
	if _, err := s.Candidates(ctx, []string{"band"}, 10); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Candidates from a store that is down: %v, want store.ErrUnavailable (retried)", err)
	}
}
