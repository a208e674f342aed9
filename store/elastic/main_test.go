package elastic

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"go.uber.org/goleak"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/esfake"
	"github.com/newsflow/newsflow/store"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// env is a store wired to a fresh esfake.
type env struct {
	es    *esfake.Server
	srv   *httptest.Server
	store *Store
}

// newEnv starts esfake and a Store on it; with setup, the template and alias are installed.
func newEnv(t testing.TB, setup bool) *env {
	t.Helper()
	es := esfake.New(esfake.Options{})
	srv := httptest.NewServer(es)
	s, err := New(Config{URLs: []string{srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
		srv.Close()
	})
	if setup {
		if err := s.EnsureTemplate(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	return &env{es: es, srv: srv, store: s}
}

// goldenArticle reads one of store's golden input articles.
func goldenArticle(t testing.TB, name string) *article.Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", name+".article.json"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// doc makes a small valid document.
func doc(t *testing.T, id string, revision int64) store.Document {
	t.Helper()
	a := goldenArticle(t, "raw")
	a.ID, a.Revision = id, revision
	d, err := store.FromArticle(a)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func outcomes(results []store.Result) []store.Outcome {
	out := make([]store.Outcome, len(results))
	for i, r := range results {
		out[i] = r.Outcome
	}
	return out
}
