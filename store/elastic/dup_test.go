package elastic

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/newsflow/newsflow/internal/esfake"
	"github.com/newsflow/newsflow/store/storetest"
)

func TestDuplicatesLookup(t *testing.T) {
	storetest.RunDuplicates(t, func(t *testing.T) storetest.DupBackend {
		srv := httptest.NewServer(esfake.New(esfake.Options{}))
		t.Cleanup(srv.Close)
		s, err := New(Config{URLs: []string{srv.URL}})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.EnsureTemplate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return s
	})
}
