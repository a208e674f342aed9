package embedded

import (
	"bufio"
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode"

	"github.com/newsflow/newsflow/enricher"
	"github.com/newsflow/newsflow/internal/synth"
	"github.com/newsflow/newsflow/store"
)

// Benchmarks over generated articles. The corpus size comes from NEWSFLOW_BENCH_ARTICLES
// (default 2,000, so that a casual -bench run stays small); the figures in
// docs/benchmarks.md use 100,000:
//
//	NEWSFLOW_BENCH_ARTICLES=100000 go test -run '^$' -bench . -benchtime 1x -timeout 60m ./store/embedded
//
// Articles: internal/synth (seed 1, 10% near-copies, no bad records) through the standard
// enricher pipeline (enricher.DefaultTaggers: language, places and, since 9f796a8,
// entities), then store.FromArticle.
// Enrichment is done once per process and is not part of any figure.
//
// NEWSFLOW_BENCH_CACHE names a directory in which the prepared documents and the search
// benchmarks' index are kept between runs (keyed by corpus size and mappingVersion), for
// iterating on search code; leave it unset for recorded figures and after changing what
// is indexed without changing mappingVersion.

const benchBatch = 1000

func benchSize() int {
	if n, err := strconv.Atoi(os.Getenv("NEWSFLOW_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 2000
}

var bench struct {
	docsOnce sync.Once
	docs     []store.Document
	docsErr  error

	mu     sync.Mutex
	shared *Store // the index the search benchmarks read, built once
	dirs   []string
}

// benchCleanup removes what the benchmarks left (called by TestMain).
func benchCleanup() {
	bench.mu.Lock()
	defer bench.mu.Unlock()
	if bench.shared != nil {
		_ = bench.shared.Close()
		bench.shared = nil
	}
	for _, d := range bench.dirs {
		_ = os.RemoveAll(d)
	}
}

// benchDocs generates and enriches the corpus once per process.
func benchDocs(b *testing.B) []store.Document {
	b.Helper()
	bench.docsOnce.Do(func() {
		if cached, ok := readCachedDocs(); ok {
			bench.docs = cached
			return
		}
		start := time.Now()
		var buf bytes.Buffer
		if _, err := synth.Generate(&buf, synth.Config{Articles: benchSize(), Seed: 1, DupRate: 0.1}); err != nil {
			bench.docsErr = err
			return
		}
		taggers, err := enricher.DefaultTaggers()
		if err != nil {
			bench.docsErr = err
			return
		}
		p := enricher.NewPipeline(enricher.PipelineConfig{}, taggers...)
		var lines [][]byte
		sc := bufio.NewScanner(&buf)
		sc.Buffer(make([]byte, 0, 1<<20), 4<<20)
		for sc.Scan() {
			lines = append(lines, slices.Clone(sc.Bytes()))
		}
		if bench.docsErr = sc.Err(); bench.docsErr != nil {
			return
		}
		// Enrich on every core, keeping the input order.
		docs := make([]*store.Document, len(lines))
		var wg sync.WaitGroup
		workers := runtime.GOMAXPROCS(0)
		for w := range workers {
			wg.Go(func() {
				for i := w; i < len(lines); i += workers {
					out, err := p.Process(context.Background(), lines[i], synth.DefaultStart, enricher.ProcessOptions{})
					if err != nil {
						continue // none expected: BadRate is 0
					}
					if d, err := store.FromArticle(out.Article); err == nil {
						docs[i] = &d
					}
				}
			})
		}
		wg.Wait()
		seen := make(map[string]bool)
		for _, d := range docs {
			if d == nil || seen[d.ID] {
				continue // a URL variant (same id): the producer drops it
			}
			seen[d.ID] = true
			bench.docs = append(bench.docs, *d)
		}
		b.Logf("prepared %d documents in %v (generate + enrich + convert)", len(bench.docs), time.Since(start).Round(time.Millisecond))
		writeCachedDocs(bench.docs)
	})
	if bench.docsErr != nil {
		b.Fatal(bench.docsErr)
	}
	return bench.docs
}

func benchDir(b *testing.B) string {
	b.Helper()
	dir, err := os.MkdirTemp("", "newsflow-embedded-bench-")
	if err != nil {
		b.Fatal(err)
	}
	bench.mu.Lock()
	bench.dirs = append(bench.dirs, dir)
	bench.mu.Unlock()
	return dir
}

// insertAll writes docs in batches of benchBatch into a new store.
func insertAll(b *testing.B, dir string, docs []store.Document) *Store {
	b.Helper()
	s, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < len(docs); i += benchBatch {
		res, err := s.Write(context.Background(), docs[i:min(i+benchBatch, len(docs))])
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			if r.Outcome != store.OutcomeStored {
				b.Fatalf("write: %+v", r)
			}
		}
	}
	return s
}

// BenchmarkInsert measures the batch-insert rate: every document in batches of 1,000, each
// Write durable before it returns.
func BenchmarkInsert(b *testing.B) {
	docs := benchDocs(b)
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Body) + len(d.Title) + len(d.Article))
	}
	b.Logf("load average before: %s", loadAverage())
	b.ResetTimer()
	cpu0 := cpuTime()
	var last *Store
	for range b.N {
		if last != nil {
			_ = last.Close()
		}
		last = insertAll(b, benchDir(b), docs)
	}
	b.StopTimer()
	cpu := cpuTime() - cpu0
	b.Logf("load average after: %s", loadAverage())
	perSec := float64(len(docs)) * float64(b.N) / b.Elapsed().Seconds()
	b.ReportMetric(perSec, "docs/s")
	// CPU time (user+system, every goroutine of the process) is steadier than wall time on
	// a shared machine.
	b.ReportMetric(float64(len(docs))*float64(b.N)/cpu.Seconds(), "docs/cpu-s")
	b.ReportMetric(float64(bytes)/float64(len(docs)), "bytes/doc")
	bench.mu.Lock()
	if bench.shared == nil {
		bench.shared = last // the search benchmarks read this one
	} else {
		_ = last.Close()
	}
	bench.mu.Unlock()
}

// cpuTime is the process's user+system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadAverage reads /proc/loadavg, for the record of how busy the machine was.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

func sharedStore(b *testing.B) *Store {
	b.Helper()
	docs := benchDocs(b)
	bench.mu.Lock()
	defer bench.mu.Unlock()
	if bench.shared == nil {
		bench.shared = cachedIndex(b, docs)
		if bench.shared == nil {
			bench.shared = insertAll(b, benchDir(b), docs)
		}
	}
	return bench.shared
}

// workload is the fixed query set: 1,000 queries of 1-3 words drawn from the corpus (by
// word frequency, so common words come up as often as in text), 20% with a filter (language,
// country, source or a month), 5% with a geo box around a place of the corpus.
func workload(docs []store.Document) []store.Query {
	r := rand.New(rand.NewPCG(7, 11))
	var words []string
	for i, d := range docs {
		if i%10 != 0 {
			continue // a 10% sample is plenty for the word distribution
		}
		for _, w := range strings.FieldsFunc(d.Title+" "+d.Body, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if len(w) >= 3 {
				words = append(words, strings.ToLower(w))
			}
		}
	}
	pick := func() *store.Document { return &docs[r.IntN(len(docs))] }
	qs := make([]store.Query, 1000)
	for i := range qs {
		n := 1 + r.IntN(3)
		terms := make([]string, n)
		for j := range terms {
			terms[j] = words[r.IntN(len(words))]
		}
		q := store.Query{Text: strings.Join(terms, " "), Highlight: true}
		switch x := r.IntN(100); {
		case x < 5:
			for {
				if d := pick(); len(d.LocationsGeo) > 0 {
					p := d.LocationsGeo[r.IntN(len(d.LocationsGeo))]
					q.Filters.Box = &store.GeoBox{North: min(p.Lat+5, 90), South: max(p.Lat-5, -90),
						West: max(p.Lon-5, -180), East: min(p.Lon+5, 180)}
					break
				}
			}
		case x < 25:
			d := pick()
			switch r.IntN(4) {
			case 0:
				q.Filters.Languages = []string{d.Language}
			case 1:
				if len(d.Countries) > 0 {
					q.Filters.Countries = []string{d.Countries[0]}
				} else {
					q.Filters.Languages = []string{d.Language}
				}
			case 2:
				q.Filters.Sources = []string{d.Source}
			default:
				from := time.Date(d.Date.Year(), d.Date.Month(), 1, 0, 0, 0, 0, time.UTC)
				to := from.AddDate(0, 1, 0)
				q.Filters.From, q.Filters.To = &from, &to
			}
		}
		qs[i] = q
	}
	return qs
}

// measure runs every query and reports p50/p95/p99 latency in ms (wall time), the same
// percentiles of the process's CPU time per query (user+system of every thread: the search,
// its facet goroutine and the garbage collector; steadier than wall time on a shared
// machine, where wall time is mostly waiting for a core), and the mean matches.
func measure(b *testing.B, s *Store, qs []store.Query, prefix string) {
	b.Helper()
	lat := make([]time.Duration, 0, len(qs)*b.N)
	cpu := make([]time.Duration, 0, len(qs)*b.N)
	var hits int64
	b.Logf("load average before: %s", loadAverage())
	b.ResetTimer()
	for range b.N {
		for _, q := range qs {
			start, cpu0 := time.Now(), cpuTime()
			res, err := s.Search(context.Background(), q)
			if err != nil {
				b.Fatalf("%+v: %v", q, err)
			}
			lat = append(lat, time.Since(start))
			cpu = append(cpu, cpuTime()-cpu0)
			hits += res.Total
		}
	}
	b.StopTimer()
	b.Logf("load average after: %s", loadAverage())
	for _, m := range []struct {
		name string
		d    []time.Duration
	}{{"", lat}, {"cpu-", cpu}} {
		slices.Sort(m.d)
		ms := func(p float64) float64 {
			return float64(m.d[min(int(p*float64(len(m.d))), len(m.d)-1)]) / float64(time.Millisecond)
		}
		b.ReportMetric(ms(0.50), prefix+m.name+"p50-ms")
		b.ReportMetric(ms(0.95), prefix+m.name+"p95-ms")
		b.ReportMetric(ms(0.99), prefix+m.name+"p99-ms")
	}
	b.ReportMetric(float64(hits)/float64(len(lat)), "matches/query")
}

// BenchmarkSearch: the workload as the search page sends it (collapsed, highlighted, ten
// hits), without facets.
func BenchmarkSearch(b *testing.B) {
	s := sharedStore(b)
	measure(b, s, workload(benchDocs(b)), "search-")
}

// allFacets is what the search page asks for.
var allFacets = []string{
	store.FacetPersons, store.FacetOrganizations, store.FacetLocations, store.FacetTopics,
	store.FacetSources, store.FacetCountries, store.FacetLanguages, store.FacetDates,
}

// BenchmarkFacets: the same workload with every facet and the date histogram.
func BenchmarkFacets(b *testing.B) {
	s := sharedStore(b)
	qs := workload(benchDocs(b))
	for i := range qs {
		qs[i].Facets = allFacets
	}
	measure(b, s, qs, "facets-")
}

// BenchmarkFacetsEmptyQuery: every facet over every document (the page's first view), 20
// times.
func BenchmarkFacetsEmptyQuery(b *testing.B) {
	s := sharedStore(b)
	qs := make([]store.Query, 20)
	for i := range qs {
		qs[i] = store.Query{Facets: allFacets}
	}
	measure(b, s, qs, "empty-")
}
