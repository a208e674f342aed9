package elastic

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/newsflow/newsflow/internal/esfake"
	"github.com/newsflow/newsflow/store/storetest"
)

// TestContract runs the store contract against a Store on esfake. Each case gets its own
// fake server; a reopen (the restart case) makes a new Store on the same server.
func TestContract(t *testing.T) {
	var servers sync.Map // *testing.T -> *httptest.Server
	storetest.Run(t, func(t *testing.T) storetest.Backend {
		t.Helper()
		var srv *httptest.Server
		if v, ok := servers.Load(t); ok {
			srv = v.(*httptest.Server)
		} else {
			srv = httptest.NewServer(esfake.New(esfake.Options{}))
			servers.Store(t, srv)
			t.Cleanup(srv.Close)
		}
		return openAt(t, srv.URL)
	})
}

// openAt is a Store on the server at url, with its template installed.
func openAt(t *testing.T, url string) *Store {
	t.Helper()
	s, err := New(Config{URLs: []string{url}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureTemplate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}
