package producer

import (
	"context"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Merge returns a Source that reads every source at the same time, for a run that serves
// feeds and the push endpoint beside files. Its Read returns once every source returned,
// or at the first error, which cancels the others. Records of different sources
// interleave; each source's own order is kept. emit is called by one source at a time.
func Merge(sources ...Source) Source { return merged(sources) }

type merged []Source

func (m merged) Name() string {
	names := make([]string, len(m))
	for i, s := range m {
		names[i] = s.Name()
	}
	return strings.Join(names, "+")
}

func (m merged) Read(ctx context.Context, emit func(Record) error) error {
	var mu sync.Mutex
	serial := func(r Record) error {
		mu.Lock()
		defer mu.Unlock()
		return emit(r)
	}
	g, gctx := errgroup.WithContext(ctx)
	for _, s := range m {
		g.Go(func() error { return s.Read(gctx, serial) })
	}
	return g.Wait()
}
