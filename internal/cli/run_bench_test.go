package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsflow/newsflow/enricher"
	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/benchdata"
	"github.com/newsflow/newsflow/internal/synth"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/embedded"
)

// BenchmarkRunEndToEnd measures `newsflow run --once` on generated articles, beside two
// baselines measured in the same process on the same articles, so that the ratios say where
// the time goes on a shared, noisy machine:
//
//   - enrich: what the run's enricher does to each article it consumes (decode, normalise,
//     validate, every default tagger, encode), on GOMAXPROCS goroutines as the run does;
//   - store: what the run's sink does to each enriched article (decode, store.FromArticle)
//     and the embedded store's durable writes in batches of 500, as the run's sink writes.
//
// The end-to-end figure is the whole command, broker and consumer groups included, from
// flag parsing to the JSON summary. Size: NEWSFLOW_BENCH_ARTICLES records (default 300, so
// that a casual -bench run stays small); docs/benchmarks.md uses 100,000:
//
//	NEWSFLOW_BENCH_ARTICLES=100000 go test -run '^$' -bench RunEndToEnd -benchtime 1x -timeout 150m \
//	  -cpuprofile cpu.out -o cli.test ./internal/cli
//	go tool pprof -top -cum -tagfocus phase=run cli.test cpu.out
//
// Input: internal/synth with `newsflow gen`'s defaults (seed 1, 10% copies, 2% bad
// records). Every rate counts the distinct good articles (what the producer publishes and the
// store must hold); the run must store exactly those, or the benchmark fails.
func BenchmarkRunEndToEnd(b *testing.B) {
	n := 300
	if v, err := strconv.Atoi(os.Getenv("NEWSFLOW_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	dir := b.TempDir()
	input := filepath.Join(dir, "articles.jsonl")
	truth := benchGenerate(b, input, synth.Config{Articles: n, Seed: 1, DupRate: 0.1, BadRate: 0.02})
	want := int64(len(truth.IDs()))
	wantDead := int64(len(truth.BadLines()))
	b.Logf("%d records: %d distinct good articles, %d bad; load average %s", n, want, wantDead, benchLoadAverage())
	// The taggers are loaded once, outside the enrich baseline (the run loads its own).
	taggers, err := enricher.DefaultTaggers()
	if err != nil {
		b.Fatal(err)
	}
	pipeline := enricher.NewPipeline(enricher.PipelineConfig{}, taggers...)

	b.ResetTimer()
	b.StopTimer()
	for i := range b.N {
		iter := filepath.Join(dir, strconv.Itoa(i))
		enriched := filepath.Join(iter, "enriched.jsonl")
		if err := os.MkdirAll(iter, 0o755); err != nil {
			b.Fatal(err)
		}

		enrich := benchPhase("enrich", func() int64 { return benchEnrich(b, pipeline, input, truth, enriched) })
		if enrich.articles != want {
			b.Fatalf("enrich baseline: %d articles enriched, want %d", enrich.articles, want)
		}
		stored := benchPhase("store", func() int64 { return benchStore(b, enriched, filepath.Join(iter, "store")) })
		if stored.articles != want {
			b.Fatalf("store baseline: %d documents stored, want %d", stored.articles, want)
		}
		if err := os.RemoveAll(filepath.Join(iter, "store")); err != nil {
			b.Fatal(err)
		}

		var (
			sum runSummary
			met benchMetrics
		)
		b.StartTimer()
		e2e := benchPhase("run", func() int64 {
			sum, met = benchRun(b, input, filepath.Join(iter, "run"))
			return sum.Stored
		})
		b.StopTimer()
		if sum.Stored != want || sum.Produced != want || sum.DeadLettered != wantDead {
			b.Fatalf("run summary %+v; want produced and stored %d, dead_lettered %d", sum, want, wantDead)
		}
		if err := os.RemoveAll(iter); err != nil {
			b.Fatal(err)
		}

		// The two stages' work done one after the other would reach 1/(1/enrich+1/store).
		// In wall time the run overlaps its stages on the cores, so e2e/serial can exceed 1,
		// and it moves with the machine's load; in CPU time, e2e-cpu/serial-cpu below 1 is
		// the work the pipeline adds (broker, Kafka encoding, consumer groups, progress).
		serial := 1 / (1/enrich.rate() + 1/stored.rate())
		serialCPU := 1 / (1/enrich.cpuRate() + 1/stored.cpuRate())
		b.Logf("enrich %s; store %s; end to end %s (summary %+v); load average %s",
			enrich, stored, e2e, sum, benchLoadAverage())
		b.Logf("in the run: enricher batches of %.1f messages, %.0f s processing (all goroutines); "+
			"sink batches of %.1f messages, %.0f s in store writes (%.0f%% of the run's wall time)",
			met.mean("newsflow_enricher_batch_messages"), met["newsflow_enricher_process_seconds_sum"],
			met.mean("newsflow_sink_batch_messages"), met["newsflow_sink_bulk_seconds_sum"],
			100*met["newsflow_sink_bulk_seconds_sum"]/e2e.wall.Seconds())
		b.ReportMetric(e2e.rate(), "articles/s")
		b.ReportMetric(e2e.cpuRate(), "articles/cpu-s")
		b.ReportMetric(enrich.rate(), "enrich-articles/s")
		b.ReportMetric(stored.rate(), "store-docs/s")
		b.ReportMetric(e2e.rate()/enrich.rate(), "e2e/enrich")
		b.ReportMetric(e2e.rate()/stored.rate(), "e2e/store")
		b.ReportMetric(e2e.rate()/serial, "e2e/serial")
		b.ReportMetric(e2e.cpuRate()/serialCPU, "e2e-cpu/serial-cpu")
		b.ReportMetric(met.mean("newsflow_sink_batch_messages"), "sink-batch")
	}
}

// benchPhase times f, which returns how many articles it handled, in wall and CPU time. Its
// goroutines carry the profiler label phase=name, so that a -cpuprofile of the benchmark
// shows each phase apart (go tool pprof -tagfocus phase=run).
func benchPhase(name string, f func() int64) benchResult {
	// CPU time is the whole process's: broker, stages and store all run in it.
	cpu0, t0 := benchdata.CPUTime(), time.Now()
	var n int64
	pprof.Do(context.Background(), pprof.Labels("phase", name), func(context.Context) { n = f() })
	return benchResult{articles: n, wall: time.Since(t0), cpu: benchdata.CPUTime() - cpu0}
}

type benchResult struct {
	articles  int64
	wall, cpu time.Duration
}

func (r benchResult) rate() float64    { return float64(r.articles) / r.wall.Seconds() }
func (r benchResult) cpuRate() float64 { return float64(r.articles) / r.cpu.Seconds() }

func (r benchResult) String() string {
	return fmt.Sprintf("%d articles in %v (%.0f/s, %.0f/cpu-s)", r.articles, r.wall.Round(time.Millisecond), r.rate(), r.cpuRate())
}

// benchGenerate writes the generated records to path and returns their truth.
func benchGenerate(b *testing.B, path string, cfg synth.Config) synth.Stats {
	b.Helper()
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<16)
	truth, err := synth.Generate(w, cfg)
	if err == nil {
		err = w.Flush()
	}
	if err = errors.Join(err, f.Close()); err != nil {
		b.Fatal(err)
	}
	return truth
}

// benchEnrich enriches the lines the producer would publish (good, first of their id) on
// GOMAXPROCS goroutines, writes the enriched messages to out in input order, and returns how
// many it enriched.
func benchEnrich(b *testing.B, p *enricher.Pipeline, input string, truth synth.Stats, out string) int64 {
	b.Helper()
	in, err := os.Open(input)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	f, err := os.Create(out)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<16)

	// Workers enrich chunks of lines; the chunks are written in order.
	type chunk struct {
		lines [][]byte
		done  chan struct{}
		err   error
	}
	chunks := make(chan *chunk, 2*runtime.GOMAXPROCS(0))
	work := make(chan *chunk)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for c := range work {
				for i, line := range c.lines {
					o, err := p.Process(context.Background(), line, synth.DefaultStart, enricher.ProcessOptions{})
					if err != nil {
						c.err = err
						break
					}
					c.lines[i] = o.Value
				}
				close(c.done)
			}
		})
	}
	var n int64
	var firstErr error
	writeDone := make(chan struct{})
	go func() {
		defer close(writeDone)
		for c := range chunks {
			<-c.done
			if c.err != nil && firstErr == nil {
				firstErr = c.err
			}
			for _, v := range c.lines {
				w.Write(v)
				w.WriteByte('\n')
				n++
			}
		}
	}()

	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 1<<20), 8<<20)
	seen := make(map[string]bool, len(truth.Lines))
	c := &chunk{done: make(chan struct{})}
	flush := func() {
		chunks <- c
		work <- c
		c = &chunk{done: make(chan struct{})}
	}
	for i := 0; sc.Scan(); i++ {
		if l := truth.Lines[i]; !l.Good() || seen[l.ID] {
			continue
		}
		seen[truth.Lines[i].ID] = true
		c.lines = append(c.lines, bytes.Clone(sc.Bytes()))
		if len(c.lines) == 64 {
			flush()
		}
	}
	flush()
	close(work)
	close(chunks)
	wg.Wait()
	<-writeDone
	if err := errors.Join(sc.Err(), firstErr, w.Flush(), f.Close()); err != nil {
		b.Fatal(err)
	}
	return n
}

// benchStore does the sink's work on the enriched messages in path (decode, FromArticle)
// and writes them to a new embedded store in dir in batches of 500; it returns how many
// documents were stored.
func benchStore(b *testing.B, path, dir string) int64 {
	b.Helper()
	st, err := embedded.Open(dir, embedded.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		if err := st.Close(); err != nil {
			b.Error(err)
		}
	}()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var stored int64
	batch := make([]store.Document, 0, 500)
	write := func() {
		res, err := st.Write(context.Background(), batch)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			if r.Outcome == store.OutcomeStored {
				stored++
			}
		}
		batch = batch[:0]
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 8<<20)
	for sc.Scan() {
		a, err := article.Decode(sc.Bytes())
		if err != nil {
			b.Fatal(err)
		}
		d, err := store.FromArticle(a)
		if err != nil {
			b.Fatal(err)
		}
		if batch = append(batch, d); len(batch) == cap(batch) {
			write()
		}
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	if len(batch) > 0 {
		write()
	}
	return stored
}

// benchRun runs `newsflow run --once` on input with a fresh data directory and returns its
// summary and the last scrape of its /metrics (about a second before it stopped); the last
// progress lines go to the benchmark's log.
func benchRun(b *testing.B, input, dataDir string) (runSummary, benchMetrics) {
	b.Helper()
	var stdout bytes.Buffer
	stderr := &benchStderr{url: make(chan string, 1)}
	done := make(chan struct{})
	scraped := make(chan benchMetrics, 1)
	go func() { scraped <- stderr.scrape(done) }()
	err := runRun(context.Background(), Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: stderr},
		[]string{"--once", "--data-dir", dataDir, "--input", input, "--log-level", "error"})
	close(done)
	m := <-scraped
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	b.Logf("newsflow run, last lines of stderr:\n%s", strings.Join(lines[max(0, len(lines)-2):], "\n"))
	if err != nil {
		b.Fatal(err)
	}
	var sum runSummary
	if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil {
		b.Fatalf("summary %q: %v", stdout.String(), err)
	}
	return sum, m
}

// benchStderr keeps what the run writes to stderr and hands on the URL of its metrics.
type benchStderr struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	url  chan string
	sent bool
}

var metricsURL = regexp.MustCompile(`metrics on (http://\S+/metrics)`)

func (w *benchStderr) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if !w.sent {
		if m := metricsURL.FindSubmatch(w.buf.Bytes()); m != nil {
			w.url <- string(m[1])
			w.sent = true
		}
	}
	return len(p), nil
}

func (w *benchStderr) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// scrape reads the run's /metrics every 500 ms until done and returns the last answer.
func (w *benchStderr) scrape(done <-chan struct{}) benchMetrics {
	var url string
	select {
	case url = <-w.url:
	case <-done:
		return nil
	}
	var last benchMetrics
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-done:
			return last
		}
		resp, err := http.Get(url)
		if err != nil {
			continue
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err == nil && resp.StatusCode == http.StatusOK {
			last = parseBenchMetrics(body)
		}
	}
}

// benchMetrics sums each series of a Prometheus text exposition over its labels.
type benchMetrics map[string]float64

func parseBenchMetrics(text []byte) benchMetrics {
	m := benchMetrics{}
	for line := range strings.SplitSeq(string(text), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		name, rest, _ := strings.Cut(line, " ")
		if i := strings.IndexByte(line, '{'); i >= 0 {
			name = line[:i]
			_, rest, _ = strings.Cut(line[strings.LastIndexByte(line, '}'):], " ")
		}
		if v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64); err == nil {
			m[name] += v
		}
	}
	return m
}

// mean is a histogram's mean: its _sum over its _count.
func (m benchMetrics) mean(histogram string) float64 {
	if m[histogram+"_count"] == 0 {
		return 0
	}
	return m[histogram+"_sum"] / m[histogram+"_count"]
}

// benchLoadAverage reads /proc/loadavg, for the record of how busy the machine was.
func benchLoadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(data))[:3], " ")
}
