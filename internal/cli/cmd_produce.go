package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/newsflow/newsflow/internal/telemetry"
	"github.com/newsflow/newsflow/producer"
	"github.com/newsflow/newsflow/producer/fetch"
)

func init() {
	register("produce", "publish articles from files, directories, stdin, feeds or the push API to news.raw", runProduce)
}

func runProduce(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("produce", "SOURCE...", "Reads articles from each SOURCE and publishes them to news.raw keyed by article id.\n"+
		"A SOURCE is a JSON Lines file (.jsonl, .ndjson), a JSON document (.json: one article or an\n"+
		"array), a text file (.txt: first line the title, the rest the body), a directory (walked for\n"+
		"those), or - for stdin. Bad records are reported with file:line and reason, counted, and\n"+
		"sent to news.dlq; they never stop the run. Duplicates within a run are dropped.\n"+
		"With --feeds (RSS, Atom, JSON Feed; see docs/ingestion.md) or --listen (the push API,\n"+
		"POST /v1/articles; see docs/api.md) it runs until interrupted, SOURCEs optional.", env.Stderr)
	var (
		c          common
		partitions int
		maxBody    int
		batch      int
		dedup      int
	)
	var in ingestFlags
	c.register(fs, "127.0.0.1:0")
	in.register(fs)
	fs.IntVar(&partitions, "partitions", kafkaio.DefaultPartitions, "partitions of topics this command creates when they are missing")
	fs.IntVar(&maxBody, "max-body-bytes", article.DefaultMaxBodyBytes, "article body size limit in bytes")
	fs.IntVar(&batch, "batch-size", producer.DefaultBatchSize, "most messages per acknowledged write")
	fs.IntVar(&dedup, "dedup-capacity", producer.DefaultDedupCapacity, "ids remembered to drop in-run duplicates (about 64 bytes each); negative disables")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 && !in.serving() {
		return usagef("name at least one SOURCE (a file, a directory, or - for stdin), or --feeds or --listen")
	}
	if err := in.check(); err != nil {
		return err
	}
	var sources []producer.Source
	for _, arg := range fs.Args() {
		s, err := producer.Open(arg, env.Stdin)
		if err != nil {
			return usageError{err}
		}
		sources = append(sources, s)
	}
	st, err := c.newStage(env, producer.Stage)
	if err != nil {
		return err
	}
	var progress = producerProgress(env)
	return st.run(ctx, func(ctx context.Context) error {
		if err := st.connect(ctx, partitions); err != nil {
			return err
		}
		out := kafkaio.NewWriter(st.kafka, kafkaio.TopicRaw)
		dlq := kafkaio.NewWriter(st.kafka, kafkaio.TopicDLQ)
		st.reg.MustRegister(kafkaio.NewWriterCollector(producer.Stage, out))
		p, err := producer.New(producer.Config{
			Writer: out, DLQ: dlq, Limits: article.Limits{MaxBodyBytes: maxBody},
			MaxMessageBytes: c.maxMessageBytes, BatchSize: batch, DedupCapacity: dedup,
			FlushTimeout: c.drainTimeout, Logger: st.log, Registerer: st.reg, Progress: progress,
		})
		if err != nil {
			return err
		}
		ing, err := in.start(ctx, st, sources)
		if err != nil {
			return firstErr(err, ing.stop(), out.Close(), dlq.Close())
		}
		rep, runErr := p.Run(ctx, ing.sources...)
		if in.serving() && errors.Is(runErr, context.Canceled) && ctx.Err() != nil {
			runErr = nil // interrupted: the normal end of a serving run
		}
		runErr = firstErr(runErr, ing.stop())
		fmt.Fprintf(env.Stderr, "newsflow produce: %d read, %d produced, %d duplicates dropped, %d rejected in %s\n",
			rep.Read, rep.Produced, rep.Duplicates, rep.RejectedTotal(), rep.Elapsed.Round(1e6))
		return firstErr(runErr, out.Close(), dlq.Close())
	})
}

// producerProgress draws progress only when stderr is a terminal.
func producerProgress(env Env) interface{ Write([]byte) (int, error) } {
	if f, ok := env.Stderr.(*os.File); ok {
		return producer.TerminalProgress(f)
	}
	return nil
}

// ingestFlags are produce's flags for feeds and the push endpoint.
type ingestFlags struct {
	list                                       []producer.Feed // read from feeds by check
	feeds, dataDir, contact, listen, pushToken string
	hostInterval, fetchTimeout                 time.Duration
	fetchMaxBytes, pushMaxBytes                int64
	fullTextMinWords                           int
	allowPrivate                               bool
}

func (in *ingestFlags) register(fs *flagSet) {
	fs.StringVar(&in.feeds, "feeds", "", "feed list file: one feed a line, URL NAME [INTERVAL] [LANGUAGE] (docs/ingestion.md)")
	fs.StringVar(&in.dataDir, "data-dir", "", "directory for feed state (validators, seen items) across restarts; empty: memory only, a restart republishes the feeds")
	fs.StringVar(&in.contact, "contact", "", "URL sent in the User-Agent, newsflow/VERSION (+URL), where site owners can reach you")
	fs.DurationVar(&in.hostInterval, "fetch-interval", fetch.DefaultHostInterval, "least time between two requests to one host")
	fs.DurationVar(&in.fetchTimeout, "fetch-timeout", fetch.DefaultTimeout, "bound on one fetch, redirects and body included")
	fs.Int64Var(&in.fetchMaxBytes, "fetch-max-bytes", fetch.DefaultMaxBytes, "bound on a fetched body in bytes, counted after decompression")
	fs.BoolVar(&in.allowPrivate, "allow-private", false, "let fetches reach loopback, private and link-local addresses")
	fs.IntVar(&in.fullTextMinWords, "fulltext-min-words", producer.DefaultFullTextMinWords, "fetch an item's page for the full text when its own text has fewer words; negative never")
	fs.StringVar(&in.listen, "listen", "", "host:port of the push API (POST /v1/articles); empty: off")
	fs.StringVar(&in.pushToken, "push-token", "", "bearer token the push API requires (required with --listen)")
	fs.Int64Var(&in.pushMaxBytes, "push-max-bytes", producer.DefaultPushMaxBodyBytes, "bound on a push request body in bytes (413 beyond)")
}

func (in *ingestFlags) serving() bool { return in.feeds != "" || in.listen != "" }

// check reads the feed list and checks the push flags, before anything starts.
func (in *ingestFlags) check() error {
	if in.listen != "" && in.pushToken == "" {
		return usagef("--listen needs --push-token (or NEWSFLOW_PUSH_TOKEN)")
	}
	if in.feeds == "" {
		return nil
	}
	list, err := producer.ReadFeedListFile(in.feeds)
	if err != nil {
		return usageError{err}
	}
	in.list = list
	return nil
}

// ingest is what start set up: the sources to run and how to stop the push server.
type ingest struct {
	sources []producer.Source
	stop    func() error
}

// start builds the feed source and the push endpoint (serving it) beside the file sources;
// a run with either merges them all.
func (in *ingestFlags) start(ctx context.Context, st *stage, files []producer.Source) (ingest, error) {
	ing := ingest{sources: files, stop: func() error { return nil }}
	if !in.serving() {
		return ing, nil
	}
	all := append([]producer.Source(nil), files...)
	if len(in.list) > 0 {
		version := telemetry.BuildVersion()
		if version == "(devel)" {
			version = "dev"
		}
		fetcher, err := fetch.New(fetch.Config{
			Agent: "newsflow/" + version, Contact: in.contact, HostInterval: in.hostInterval,
			Timeout: in.fetchTimeout, MaxBytes: in.fetchMaxBytes, AllowPrivate: in.allowPrivate,
		})
		if err != nil {
			return ing, usageError{err}
		}
		stateDir := ""
		if in.dataDir != "" {
			stateDir = filepath.Join(in.dataDir, "feeds")
		}
		src, err := producer.NewFeeds(producer.FeedConfig{
			Feeds: in.list, Fetcher: fetcher, StateDir: stateDir, FullTextMinWords: in.fullTextMinWords,
			Logger: st.log, Registerer: st.reg,
		})
		if err != nil {
			fetcher.Close()
			return ing, err
		}
		all = append(all, src)
		stopFetch := ing.stop
		ing.stop = func() error { fetcher.Close(); return stopFetch() }
	}
	if in.listen != "" {
		push, err := producer.NewPush(producer.PushConfig{Token: in.pushToken, MaxBodyBytes: in.pushMaxBytes, Logger: st.log, Registerer: st.reg})
		if err != nil {
			return ing, usageError{err}
		}
		ln, err := net.Listen("tcp", in.listen)
		if err != nil {
			return ing, fmt.Errorf("push API: %w", err)
		}
		srv := &http.Server{Handler: push.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute}
		served := make(chan error, 1)
		go func() { served <- srv.Serve(ln) }()
		st.log.Info("push API listening", "addr", ln.Addr().String(), "path", producer.PushPath)
		all = append(all, push)
		stopFetch := ing.stop
		ing.stop = func() error {
			sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			err := srv.Shutdown(sctx)
			if serr := <-served; !errors.Is(serr, http.ErrServerClosed) {
				err = firstErr(err, serr)
			}
			return firstErr(err, stopFetch())
		}
	}
	ing.sources = []producer.Source{producer.Merge(all...)}
	return ing, nil
}
