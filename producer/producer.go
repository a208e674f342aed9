// Package producer reads articles from sources (JSON Lines, JSON documents, directories,
// text files, standard input), normalises and validates them, drops in-run duplicates and
// publishes them to news.raw keyed by article id. Bad records are reported with their
// origin (file:line) and reason, counted, and dead-lettered to news.dlq; they never stop a
// run.
//
// A run has two goroutines: one reads the sources and decodes, validates and encodes each
// record; the other gathers the results into batches and writes each batch, returning only
// after the broker acknowledged it. Counts, metrics and Record.Done follow the
// acknowledgements.
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
// (after which no further batch is written), or when ctx is done: what was already read is
// then flushed within Config.FlushTimeout and Run returns ctx's error. Bad records never
// end a run. The report counts only what the broker acknowledged.
func (p *Producer) Run(ctx context.Context, sources ...Source) (Report, error) {
	start := time.Now()
	r := &run{
		Producer: p,
		seen:     newDedup(p.cfg.DedupCapacity),
		items:    make(chan item, p.cfg.BatchSize),
		report:   Report{Rejected: make(map[article.Reason]int64)},
	}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		defer close(r.items)
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
	for it := range r.items { // left unwritten by a failed run
		it.settle(Outcome{Result: Failed, ID: it.id, Err: err})
	}
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

// run is the state of one Run.
type run struct {
	*Producer
	seen      *dedup
	items     chan item
	counts    counters
	badLogged int    // read goroutine only
	report    Report // write goroutine only, until Run reads it
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

// emit handles one record: duplicates end here, the rest go to the write goroutine.
func (r *run) emit(ctx context.Context, rec Record) error {
	r.counts.read.Add(1)
	it, dup := r.prepare(rec)
	if dup {
		r.counts.duplicates.Add(1)
		r.metrics.articles.WithLabelValues(resultDuplicate).Inc()
		it.settle(Outcome{Result: Duplicate, ID: it.id})
		return nil
	}
	select {
	case r.items <- it:
		return nil
	case <-ctx.Done():
		it.settle(Outcome{Result: Failed, ID: it.id, Err: ctx.Err()})
		return ctx.Err()
	}
}

// prepare decodes, normalises, validates and encodes a record. dup reports an (id,
// revision) the run already has.
func (r *run) prepare(rec Record) (it item, dup bool) {
	it = item{origin: rec.Origin, done: rec.Done}
	if rec.Err != nil {
		reason := article.ReasonOf(rec.Err)
		if reason == "" {
			reason = article.ReasonInvalidJSON
		}
		return r.reject(rec, nil, reason, rec.Err), false
	}
	a := rec.Article
	if a == nil {
		var err error
		if a, err = article.Decode(rec.Data); err != nil {
			return r.reject(rec, nil, article.ReasonOf(err), err), false
		}
	}
	// An undated article's revision is its fetch time, new on every run; such copies are
	// duplicates whatever their fetch times.
	dated := a.Revision != 0 || a.ModifiedAt != nil || a.PublishedAt != nil || !a.FetchedAt.IsZero()
	a.Normalize(r.cfg.Now())
	if err := a.Validate(r.cfg.Limits); err != nil {
		return r.reject(rec, a, article.ReasonOf(err), err), false
	}
	rev := int64(0)
	if dated {
		rev = a.Revision
	}
	it.id = a.ID
	key := r.seen.key(a.ID, rev)
	if r.seen.seen(key) {
		return it, true
	}
	value, err := article.Encode(a)
	if err != nil {
		return r.reject(rec, a, article.ReasonInvalidField, fmt.Errorf("encode: %w", err)), false
	}
	it.msg = kafka.Message{Key: []byte(a.ID), Value: value, Headers: []kafka.Header{
		{Key: article.HeaderSchemaVersion, Value: []byte(a.SchemaVersion)},
		{Key: article.HeaderContentType, Value: []byte(article.ContentType)},
	}}
	if !r.size.Fits(it.msg) {
		err := article.Invalid(article.ReasonTooLarge, "", "message of %d bytes exceeds the limit of %d",
			kafkaio.MessageSize(it.msg), r.size.MaxBytes())
		return r.reject(rec, a, article.ReasonTooLarge, err), false
	}
	r.seen.add(key)
	r.metrics.dedupIDs.Set(float64(r.seen.len()))
	return it, false
}

// reject logs a bad record and makes its dead letter. a is the article as far as it got.
func (r *run) reject(rec Record, a *article.Article, reason article.Reason, err error) item {
	it := item{bad: true, origin: rec.Origin, reason: reason, err: err, done: rec.Done}
	level := slog.LevelWarn
	if r.badLogged >= r.cfg.MaxReportedBad {
		level = slog.LevelDebug
	}
	r.badLogged++
	r.log.Log(context.Background(), level, "bad record", "origin", rec.Origin, "reason", string(reason), "error", err)
	var key []byte
	if a != nil && article.ValidID(a.ID) == nil {
		it.id = a.ID
		key = []byte(a.ID)
	}
	value := rec.Data
	if value == nil && a != nil {
		value, _ = article.Encode(a)
	}
	it.msg = kafkaio.FitDeadLetter(r.size, kafkaio.DeadLetterRecord(key, value, Stage, reason, err, rec.Origin))
	return it
}
