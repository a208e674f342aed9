// Package producer reads articles from sources (JSON Lines, JSON documents, directories,
// text files, standard input), normalises and validates them, drops in-run duplicates and
// publishes them to news.raw keyed by article id. Bad records are reported with their
// origin (file:line) and reason, counted, and dead-lettered to news.dlq; they never stop a
// run.
//
// A run reads the sources in one goroutine, decodes, validates and encodes records in
// Config.Workers goroutines, and in one more, in input order, drops duplicates, gathers
// batches and writes each batch, returning only after the broker acknowledged it. Counts,
// metrics and Record.Done follow the acknowledgements.
package producer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/segmentio/kafka-go"
	"golang.org/x/sync/errgroup"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/kafkaio"
)

// Producer publishes the articles of its sources. It is safe for concurrent use; each Run
// has its own duplicate filter and report.
type Producer struct {
	cfg     Config
	size    kafkaio.Config // the size setting, for Fits and FitDeadLetter
	metrics *metrics
	log     *slog.Logger
}

// New checks cfg and registers the producer's metrics with cfg.Registerer.
func New(cfg Config) (*Producer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	m, err := newMetrics(cfg.Registerer)
	if err != nil {
		return nil, fmt.Errorf("producer metrics: %w", err)
	}
	return &Producer{
		cfg:     cfg,
		size:    kafkaio.Config{MaxMessageBytes: cfg.MaxMessageBytes},
		metrics: m,
		log:     cfg.Logger.With("component", "producer"),
	}, nil
}

// Run reads the sources in order and publishes their articles. It returns when every
// source is exhausted and every batch acknowledged, or at the first writer or source error
// (what was read before a source error is still written; nothing is written after a writer
// error), or when ctx is done: what was already read is then written within
// Config.FlushTimeout and Run returns ctx's error. Bad records never end a run. The report
// counts only what the broker acknowledged.
func (p *Producer) Run(ctx context.Context, sources ...Source) (Report, error) {
	start := time.Now()
	r := &run{
		Producer: p,
		seen:     newDedup(p.cfg.DedupCapacity),
		jobs:     make(chan job, 2*p.cfg.Workers),
		slots:    make(chan chan prepared, p.cfg.BatchSize),
		report:   Report{Rejected: make(map[article.Reason]int64)},
	}
	var workers sync.WaitGroup
	for range p.cfg.Workers {
		workers.Go(func() {
			for j := range r.jobs {
				j.out <- r.prepare(j.rec)
			}
		})
	}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		defer close(r.slots)
		defer close(r.jobs)
		return r.read(gctx, sources)
	})
	g.Go(func() error { return r.write(ctx) })

	var progress sync.WaitGroup
	stopProgress := func() {}
	if p.cfg.Progress != nil {
		pctx, cancel := context.WithCancel(ctx)
		stopProgress = cancel
		ticker := time.NewTicker(progressInterval)
		defer ticker.Stop()
		progress.Go(func() { drawProgress(pctx, p.cfg.Progress, &r.counts, start, ticker.C) })
	}

	err := g.Wait()
	for out := range r.slots { // left unwritten by a failed run
		pr := <-out
		pr.settle(Outcome{Result: Failed, ID: pr.id, Err: err})
	}
	workers.Wait()
	stopProgress()
	progress.Wait()

	rep := r.report
	rep.Read = r.counts.read.Load()
	rep.Duplicates = r.counts.duplicates.Load()
	rep.Elapsed = time.Since(start)
	if p.cfg.Progress != nil {
		finishProgress(p.cfg.Progress, r.counts.snapshot(rep.Elapsed))
	}
	p.log.Info("producer run finished", "read", rep.Read, "produced", rep.Produced,
		"duplicates", rep.Duplicates, "rejected", rep.RejectedTotal(), "elapsed", rep.Elapsed)
	if err != nil {
		return rep, fmt.Errorf("producer: %w", err)
	}
	return rep, nil
}

// run is the state of one Run. Records flow from the read goroutine to the workers (jobs)
// and, in input order, to the write goroutine (slots: one result channel per record, filled
// by the worker that prepares it).
type run struct {
	*Producer
	seen      *dedup // write goroutine only (workers read its seeds)
	jobs      chan job
	slots     chan chan prepared
	counts    counters
	badLogged int    // write goroutine only
	report    Report // write goroutine only, until Run reads it
}

// job is a record for a worker to prepare, and where the result goes.
type job struct {
	rec Record
	out chan prepared // buffered: the worker never waits
}

// item is a record ready to publish: an article message, or a dead letter.
type item struct {
	msg    kafka.Message
	bad    bool
	origin string
	id     string
	reason article.Reason
	err    error
	done   func(Outcome)
}

func (it *item) settle(o Outcome) {
	if it.done != nil {
		it.done(o)
	}
}

// read runs the sources one after the other.
func (r *run) read(ctx context.Context, sources []Source) error {
	for _, src := range sources {
		if err := src.Read(ctx, func(rec Record) error { return r.emit(ctx, rec) }); err != nil {
			if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
				return err
			}
			return fmt.Errorf("read source %s: %w", src.Name(), err)
		}
	}
	return nil
}

// emit hands a record to the workers and reserves its place in the output order. Every
// slot sent gets a result: from a worker, or failed here if the job cannot be sent.
func (r *run) emit(ctx context.Context, rec Record) error {
	r.counts.read.Add(1)
	out := make(chan prepared, 1)
	select {
	case r.slots <- out:
	case <-ctx.Done():
		if rec.Done != nil {
			rec.Done(Outcome{Result: Failed, Err: ctx.Err()})
		}
		return ctx.Err()
	}
	select {
	case r.jobs <- job{rec: rec, out: out}:
		return nil
	case <-ctx.Done():
		out <- prepared{item: item{origin: rec.Origin, done: rec.Done}, aborted: ctx.Err()}
		return ctx.Err()
	}
}
