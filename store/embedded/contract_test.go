package embedded

import (
	"sync"
	"testing"

	"github.com/newsflow/newsflow/store/storetest"
)

// dirs gives each test its own data directory, the same one on every open (restart).
var dirs sync.Map // *testing.T -> string

func openFor(t *testing.T, minFetch int) *Store {
	t.Helper()
	dir, _ := dirs.LoadOrStore(t, t.TempDir())
	s, err := Open(dir.(string), Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	s.minFetch = minFetch
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Backend { return openFor(t, 64) })
}

// TestContractSmallFetch runs the contract with collapsing reading one raw hit at first, so
// that the refetch and the duplicate-count query do the work.
func TestContractSmallFetch(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Backend { return openFor(t, 1) })
}
