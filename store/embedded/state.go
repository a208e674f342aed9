package embedded

import (
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// indexState identifies what the index holds, for caches of values computed from it: the
// index (a failed write replaces it with one reopened from disk) and the number of batches
// scorch has applied to it. Scorch counts a batch after it is applied and persisted, before
// Batch returns, so once Write returned every later state differs from every earlier one. A
// value computed under a state may have seen a batch being applied that the state does not
// count yet; that only means it is dropped sooner than needed.
type indexState struct {
	idx     bleve.Index
	batches uint64
}

// state returns the index's state; ok is false when the index cannot say (it is not scorch),
// and then nothing may be cached. The caller holds s.life.
func (s *Store) state() (st indexState, ok bool) {
	adv, err := s.idx.Advanced()
	if err != nil {
		return indexState{}, false
	}
	sc, isScorch := adv.(*scorch.Scorch)
	if !isScorch {
		return indexState{}, false
	}
	stats, isStats := sc.Stats().(*scorch.Stats)
	if !isStats {
		return indexState{}, false
	}
	return indexState{idx: s.idx, batches: atomic.LoadUint64(&stats.TotBatches)}, true
}
