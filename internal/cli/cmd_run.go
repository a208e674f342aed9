package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/newsflow/newsflow/enricher"
	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/newsflow/newsflow/internal/sample"
	"github.com/newsflow/newsflow/internal/telemetry"
	"github.com/newsflow/newsflow/producer"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/elastic"
	"github.com/newsflow/newsflow/store/embedded"
	"github.com/newsflow/newsflow/web"
)

func init() {
	register("run", "run the whole pipeline on this machine: embedded broker and store, every stage, the search page", runRun)
}

// The consumer groups of the stages `newsflow run` starts: the same as the stage commands'
// defaults, so that stages started apart later resume where run left off.
const (
	runEnricherGroup = "newsflow-enricher"
	runSinkGroup     = "newsflow-sink"
)

// runSummary is the one-line JSON `newsflow run --once` prints on stdout.
type runSummary struct {
	Produced        int64   `json:"produced"`
	Enriched        int64   `json:"enriched"`
	Stored          int64   `json:"stored"`
	DeadLettered    int64   `json:"dead_lettered"`
	DurationSeconds float64 `json:"duration_seconds"`
}

type runOptions struct {
	c          common
	dataDir    string
	inputs     listFlag
	once       bool
	listen     string
	esURLs     listFlag
	partitions int
}

func runRun(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("run", "", "Runs newsflow end to end in one process: an embedded Kafka-protocol broker, the embedded\n"+
		"search store (bleve), the producer, enricher and sink with real consumer groups and commits,\n"+
		"the admin endpoints and the search page. Ingests --input (default: a sample corpus built in),\n"+
		"shows progress, and keeps running until Ctrl-C; with --once it exits when every input article\n"+
		"has an outcome and prints a JSON summary on stdout.", env.Stderr)
	var o runOptions
	o.c.registerWith(fs, "127.0.0.1:0", nil, "use these Kafka brokers instead of starting the embedded broker")
	fs.StringVar(&o.dataDir, "data-dir", defaultDataDir(), "directory for the embedded broker's log and the search index")
	fs.Var(&o.inputs, "input", "files, directories or - (stdin) to ingest, comma-separated (default: the built-in sample corpus)")
	fs.BoolVar(&o.once, "once", false, "exit when every input article has an outcome, printing a JSON summary")
	fs.StringVar(&o.listen, "listen", "127.0.0.1:0", "address of the search page and API; port 0 picks a free one")
	fs.Var(&o.esURLs, "es-url", "write to and search this Elasticsearch instead of the embedded store")
	fs.IntVar(&o.partitions, "partitions", kafkaio.DefaultPartitions, "partitions per topic")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var sources []producer.Source
	for _, in := range o.inputs {
		s, err := producer.Open(in, env.Stdin)
		if err != nil {
			return usageError{err}
		}
		sources = append(sources, s)
	}
	if len(sources) == 0 {
		sources = append(sources, producer.NewJSONLinesReader(sample.Origin, bytes.NewReader(sample.Articles())))
	}
	return o.run(ctx, env, sources)
}

func defaultDataDir() string {
	if dir, err := os.UserCacheDir(); err == nil {
		return filepath.Join(dir, "newsflow")
	}
	return filepath.Join(os.TempDir(), "newsflow")
}

func (o *runOptions) run(ctx context.Context, env Env, sources []producer.Source) error {
	started := time.Now()
	log, err := telemetry.NewLogger(env.Stderr, o.c.logLevel, o.c.logFormat)
	if err != nil {
		return usageError{err}
	}
	if err := os.MkdirAll(o.dataDir, 0o755); err != nil {
		return fmt.Errorf("data directory: %w", err)
	}

	// The broker: the embedded one on its own data directory unless --kafka-brokers names one.
	embeddedBroker := len(o.c.brokers) == 0
	if embeddedBroker {
		b, err := broker.Start(ctx, broker.Config{Addr: "127.0.0.1:0", Partitions: o.partitions,
			DataDir: filepath.Join(o.dataDir, "broker"), MaxMessageBytes: o.c.maxMessageBytes, Logger: log})
		if err != nil {
			return fmt.Errorf("start embedded broker: %w", err)
		}
		defer b.Close()
		o.c.brokers = b.Addrs()
		log.Info("embedded broker started", "addrs", b.Addrs(), "data_dir", filepath.Join(o.dataDir, "broker"))
	}

	// The store: embedded unless --es-url names an Elasticsearch.
	var (
		writer   store.Writer
		searcher store.Searcher
	)
	if len(o.esURLs) > 0 {
		es, err := elastic.New(elastic.Config{URLs: o.esURLs})
		if err != nil {
			return usageError{err}
		}
		defer es.Close()
		if err := es.EnsureTemplate(ctx); err != nil {
			return fmt.Errorf("install index template: %w", err)
		}
		writer, searcher = es, es
		log.Info("writing to Elasticsearch", "urls", o.esURLs, "alias", es.Alias())
	} else {
		dir := filepath.Join(o.dataDir, "store")
		st, err := embedded.Open(dir, embedded.Options{})
		if err != nil {
			return fmt.Errorf("open embedded store: %w", err)
		}
		defer st.Close()
		writer, searcher = st, st
		log.Info("embedded store opened", "dir", dir)
	}

	st, err := o.c.newStage(env, "run")
	if err != nil {
		return err
	}
	taggers, err := enricher.DefaultTaggers()
	if err != nil {
		return fmt.Errorf("load taggers: %w", err)
	}

	stored := &idSet{ids: map[string]bool{}}
	runCtx, stopStages := context.WithCancel(ctx)
	defer stopStages()
	g, gctx := errgroup.WithContext(runCtx)
	g.Go(func() error { return st.admin.Serve(gctx) })
	if searcher != nil {
		ln, err := net.Listen("tcp", o.listen)
		if err != nil {
			return fmt.Errorf("search page: %w", err)
		}
		h, err := web.New(web.Config{Searcher: searcher, Logger: log, Registerer: st.reg})
		if err != nil {
			return err
		}
		srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second}
		g.Go(func() error { return serveUntil(gctx, srv, ln) })
		// `newsflow search` finds the running store's API through this file.
		addrFile := filepath.Join(o.dataDir, searchAddrFile)
		if err := os.WriteFile(addrFile, []byte(ln.Addr().String()+"\n"), 0o644); err != nil {
			return fmt.Errorf("record search address: %w", err)
		}
		defer os.Remove(addrFile)
		fmt.Fprintf(env.Stderr, "newsflow: search page on http://%s/  (metrics on http://%s/metrics)\n", ln.Addr(), st.admin.Addr())
	}
	if err := st.connect(gctx, o.partitions); err != nil {
		return err
	}
	if embeddedBroker {
		// Records both stages have committed are deleted, so the embedded broker's data
		// directory holds only what is still to be consumed (news.dlq is kept).
		tr, err := broker.NewTrimmer(broker.TrimConfig{Brokers: o.c.brokers, Logger: log, Readers: map[string][]string{
			kafkaio.TopicRaw: {runEnricherGroup}, kafkaio.TopicEnriched: {runSinkGroup},
		}})
		if err != nil {
			return err
		}
		defer tr.Close()
		g.Go(func() error { return tr.Run(gctx) })
	}
	g.Go(func() error {
		return st.runEnricher(gctx, &o.c, enricherOptions{group: runEnricherGroup, concurrency: runtime.GOMAXPROCS(0),
			batch: 256, maxBody: article.DefaultMaxBodyBytes}, taggers)
	})
	g.Go(func() error {
		return st.runSinkWith(gctx, &o.c, sinkOptions{group: runSinkGroup, batchSize: 500, batchBytes: 5 << 20,
			batchAge: 200 * time.Millisecond,
			// The one sink writing to its own embedded store has no one to race with.
			noRecheck: len(o.esURLs) == 0}, writer, stored.record)
	})

	var summary runSummary
	g.Go(func() error {
		rep, err := o.produce(gctx, st, env, sources)
		if err != nil {
			return err
		}
		progress := newRunProgress(env.Stderr, st.reg, stored)
		defer progress.stop()
		// Every produced article has an outcome once the enricher has seen as many messages
		// as were produced and the sink as many as the enricher published.
		if err := waitUntil(gctx, func() bool { return progress.counts().enricherSeen >= rep.Produced }); err != nil {
			return nil
		}
		enriched := progress.counts().enriched
		if err := waitUntil(gctx, func() bool { return progress.counts().sinkSeen >= enriched }); err != nil {
			return nil
		}
		k := progress.counts()
		summary = runSummary{Produced: rep.Produced, Enriched: k.enriched, Stored: stored.len(),
			DeadLettered: rep.RejectedTotal() + k.enricherDLQ + k.sinkDLQ}
		if o.once {
			stopStages()
			return nil
		}
		log.Info("input ingested; running until interrupted", "produced", rep.Produced, "stored", stored.len())
		<-gctx.Done()
		return nil
	})
	err = g.Wait()
	if err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	if o.once {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		summary.DurationSeconds = time.Since(started).Round(time.Millisecond).Seconds()
		return json.NewEncoder(env.Stdout).Encode(summary)
	}
	return nil
}

// produce publishes the sources to news.raw and returns the producer's report.
func (o *runOptions) produce(ctx context.Context, st *stage, env Env, sources []producer.Source) (producer.Report, error) {
	out := kafkaio.NewWriter(st.kafka, kafkaio.TopicRaw)
	dlq := kafkaio.NewWriter(st.kafka, kafkaio.TopicDLQ)
	p, err := producer.New(producer.Config{Writer: out, DLQ: dlq, MaxMessageBytes: o.c.maxMessageBytes,
		FlushTimeout: o.c.drainTimeout, Logger: st.log, Registerer: st.reg, Progress: producerProgress(env)})
	if err != nil {
		return producer.Report{}, firstErr(err, out.Close(), dlq.Close())
	}
	rep, err := p.Run(ctx, sources...)
	return rep, firstErr(err, out.Close(), dlq.Close())
}

// serveUntil serves srv on ln until ctx ends, then shuts it down.
func serveUntil(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("search page: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	<-errc
	return nil
}

// waitUntil polls cond every 50 ms until it holds or ctx ends.
func waitUntil(ctx context.Context, cond func() bool) error {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for !cond() {
		select {
		case <-t.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// idSet counts the distinct articles the sink stored during this run.
type idSet struct {
	mu  sync.Mutex
	ids map[string]bool
}

func (s *idSet) record(id, result string) {
	if result != "stored" || id == "" {
		return
	}
	s.mu.Lock()
	s.ids[id] = true
	s.mu.Unlock()
}

func (s *idSet) len() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return int64(len(s.ids))
}
