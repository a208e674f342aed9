package embedded

import (
	"sync"
	"testing"

	"github.com/newsflow/newsflow/store/storetest"
)

// dirs gives each test its own data directory, the same one on every open (restart).
var dirs sync.Map // *testing.T -> string

func openFor(t *testing.T, minFetch, fetchFactor int) *Store {
	t.Helper()
	dir, _ := dirs.LoadOrStore(t, t.TempDir())
	s, err := Open(dir.(string), Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	s.minFetch, s.fetchFactor = minFetch, fetchFactor
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Backend { return openFor(t, 64, 4) })
}

// TestContractSmallFetch runs the collapsing cases again with a search reading one raw hit
// (one per hit of the page) at first, so that the refetch and the duplicate-count query do the work.
func TestContractSmallFetch(t *testing.T) {
	storetest.RunCases(t, func(t *testing.T) storetest.Backend { return openFor(t, 1, 1) },
		storetest.CaseCollapse, storetest.CasePaging, storetest.CaseFacets)
}
