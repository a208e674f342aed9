// Package embedded is the single-machine search store: bleve v2 (scorch) under a data
// directory, with the same writer contract as store/elastic (per-item outcomes, revision
// compare-and-set with the same stale outcome) and the store.Searcher search model.
//
// Layout of the data directory: LOCK (held with flock while a Store is open, so a second
// process fails at once with ErrLocked) and index/ (the bleve index).
package embedded

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/newsflow/newsflow/store"
)

// Sentinel errors of Open.
var (
	// ErrLocked: another process (or another Store in this one) has the data directory open.
	ErrLocked = errors.New("locked by another process")
	// ErrCorrupt: the data directory holds something that is not a readable index of this
	// store. Open never replaces it with an empty index: an operator must look.
	ErrCorrupt = errors.New("corrupt or unreadable search index")
)

// Options configure Open. Zero means default.
type Options struct {
	// LockTimeout bounds the wait for bleve's own lock on its root file (after ours was
	// taken, which never waits). Default 1s.
	LockTimeout time.Duration
	// RevisionCache is how many id -> revision pairs the writer keeps to skip reading stored
	// revisions; when full it is emptied. Default 200,000; negative disables it.
	RevisionCache int
}

func (o Options) withDefaults() Options {
	if o.LockTimeout <= 0 {
		o.LockTimeout = time.Second
	}
	if o.RevisionCache == 0 {
		o.RevisionCache = 200_000
	}
	return o
}

// Store is the embedded search store. Open it with Open and Close it when done. All methods
// are safe for concurrent use; writes are serialised.
type Store struct {
	dir  string
	opts Options
	lock *os.File

	// life guards idx against Close: every call holds it for reading.
	life   sync.RWMutex
	idx    bleve.Index
	closed bool

	// writeSem serialises writers (a channel, so that waiting honours ctx).
	writeSem chan struct{}
	revs     map[string]int64 // guarded by writeSem
	// broken says a batch failed: the index must be reopened from disk (guarded by
	// writeSem; see Write).
	broken bool

	edges edgeCache
	// A collapsing search first reads max(page end * fetchFactor, minFetch) raw hits (tests
	// lower both).
	minFetch, fetchFactor int
}

var (
	_ store.Writer   = (*Store)(nil)
	_ store.Searcher = (*Store)(nil)
)

// indexDir is the bleve index under the data directory.
func indexDir(dir string) string { return filepath.Join(dir, "index") }

// Open opens the store under dir, creating dir and an empty index if there is none. It fails
// at once with an error wrapping ErrLocked if another Store holds dir, and with ErrCorrupt if
// dir/index exists but cannot be read as this store's index.
func Open(dir string, opts Options) (*Store, error) {
	opts = opts.withDefaults()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("embedded: open %s: %w", dir, err)
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	idx, err := openIndex(indexDir(dir), opts)
	if err != nil {
		_ = unlockDir(lock)
		return nil, err
	}
	return &Store{
		dir: dir, opts: opts, lock: lock, idx: idx,
		writeSem: make(chan struct{}, 1),
		revs:     make(map[string]int64),
		minFetch: 64, fetchFactor: 4,
	}, nil
}

func openIndex(path string, opts Options) (bleve.Index, error) {
	runtime := map[string]any{
		// Batch returns only after the segment and the root are persisted and fsynced.
		"unsafe_batch": false,
		"bolt_timeout": opts.LockTimeout.String(),
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		m, err := newMapping()
		if err != nil {
			return nil, fmt.Errorf("embedded: mapping: %w", err)
		}
		idx, err := bleve.NewUsing(path, m, scorch.Name, scorch.Name, runtime)
		if err != nil {
			return nil, fmt.Errorf("embedded: create index %s: %w", path, err)
		}
		if err := idx.SetInternal(internalMappingKey, []byte(mappingVersion)); err != nil {
			_ = idx.Close()
			return nil, fmt.Errorf("embedded: create index %s: %w", path, err)
		}
		return idx, nil
	} else if err != nil {
		return nil, fmt.Errorf("embedded: open %s: %w", path, err)
	}
	idx, err := bleve.OpenUsing(path, runtime)
	if err != nil {
		return nil, fmt.Errorf("embedded: open %s: %w: %w", path, ErrCorrupt, err)
	}
	v, err := idx.GetInternal(internalMappingKey)
	if err != nil || string(v) != mappingVersion {
		_ = idx.Close()
		if err == nil {
			err = fmt.Errorf("index mapping version %q, this build reads %q: the index was built by another newsflow version; "+
				"move the directory away (or pick another data directory) and feed the articles again to rebuild it", v, mappingVersion)
		}
		return nil, fmt.Errorf("embedded: open %s: %w: %w", path, ErrCorrupt, err)
	}
	return idx, nil
}

// Dir returns the data directory.
func (s *Store) Dir() string { return s.dir }

// Close waits for in-flight calls, closes the index and releases the directory. Later calls
// return errors wrapping store.ErrClosed; a second Close returns nil.
func (s *Store) Close() error {
	s.life.Lock()
	defer s.life.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	var err error
	if s.idx != nil { // nil when a reopen after a failed batch failed
		err = s.idx.Close()
	}
	if uerr := unlockDir(s.lock); err == nil {
		err = uerr
	}
	if err != nil {
		return fmt.Errorf("embedded: close: %w", err)
	}
	return nil
}

// acquire holds the store open for one call; release with s.life.RUnlock.
func (s *Store) acquire(op string) error {
	s.life.RLock()
	if s.closed {
		s.life.RUnlock()
		return fmt.Errorf("embedded: %s: %w", op, store.ErrClosed)
	}
	if s.idx == nil {
		s.life.RUnlock()
		return fmt.Errorf("embedded: %s: the index could not be reopened after a failed write: %w", op, store.ErrUnavailable)
	}
	return nil
}
