package embedded

import (
	"testing"

	"github.com/newsflow/newsflow/store/storetest"
)

func TestDuplicatesLookup(t *testing.T) {
	storetest.RunDuplicates(t, func(t *testing.T) storetest.DupBackend { return openFor(t, 64, 4) })
}
