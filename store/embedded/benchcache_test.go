package embedded

import (
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsflow/newsflow/store"
)

// cacheDir is NEWSFLOW_BENCH_CACHE (see the benchmarks' comment), or "".
func cacheDir() string { return os.Getenv("NEWSFLOW_BENCH_CACHE") }

func cachedDocsPath() string {
	return filepath.Join(cacheDir(), fmt.Sprintf("docs-%d.gob", benchSize()))
}

// readCachedDocs loads the prepared documents kept by an earlier run.
func readCachedDocs() ([]store.Document, bool) {
	if cacheDir() == "" {
		return nil, false
	}
	f, err := os.Open(cachedDocsPath())
	if err != nil {
		return nil, false
	}
	defer f.Close()
	var docs []store.Document
	if err := gob.NewDecoder(f).Decode(&docs); err != nil {
		return nil, false
	}
	return docs, true
}

// writeCachedDocs keeps the prepared documents for later runs (best effort).
func writeCachedDocs(docs []store.Document) {
	if cacheDir() == "" {
		return
	}
	if err := os.MkdirAll(cacheDir(), 0o755); err != nil {
		return
	}
	tmp := cachedDocsPath() + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return
	}
	err = gob.NewEncoder(f).Encode(docs)
	if cerr := f.Close(); err == nil && cerr == nil {
		_ = os.Rename(tmp, cachedDocsPath())
	}
}

// cachedIndex opens (building it the first time) the kept search index, or returns nil
// without a cache directory.
func cachedIndex(b *testing.B, docs []store.Document) *Store {
	b.Helper()
	if cacheDir() == "" {
		return nil
	}
	dir := filepath.Join(cacheDir(), fmt.Sprintf("index-%d-v%s", benchSize(), mappingVersion))
	if _, err := os.Stat(dir); err != nil {
		s := insertAll(b, dir, docs)
		if err := os.WriteFile(filepath.Join(dir, "complete"), nil, 0o644); err != nil {
			b.Fatal(err)
		}
		return s
	}
	if _, err := os.Stat(filepath.Join(dir, "complete")); err != nil {
		b.Fatalf("cached index %s is incomplete: remove it", dir)
	}
	s, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	return s
}
