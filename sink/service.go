// Package sink consumes enriched articles and writes them to the search store in batches,
// committing an offset only after every article at or below it has a final outcome: stored,
// stale (the store holds a newer revision) or dead-lettered.
//
// Near-duplicates: when the store implements store.Duplicates, every batch is linked before
// it is written. A story is a connected component of enricher/dedup's Similar relation over
// everything stored plus the batch; its root is its member with the earliest date
// (published_at, else fetched_at), then the smallest id; every other member gets
// duplicate_of = the root, and story_id = the root. The sink looks the batch's band keys up in
// the store (the global view), compares signatures, and links the batch's articles with the
// stored stories and with each other. When an article is earlier than a story's root, or
// joins two stories, the stored members whose root changed are rewritten (same revision, new
// duplicate_of and story_id) in the batch's bulk request. So one sink ends with the same
// answer whatever the order, partitioning and batching of its input, and across restarts
// (the state is the store), the answer `newsflow tag` gives for the same articles.
//
// Two sinks (other instances, or other partitions' consumers) linking copies of one story at
// the same moment do not see each other's batch before they write. So after each write the
// sink links its stored articles again (a second lookup; Config.NoDuplicateRecheck skips it):
// of two racing writes, at least the later recheck sees both, and joins the stories. What
// stays open: a recheck racing with another sink's re-pointing of the same documents, or with
// a newer revision of one, can leave a member on an old root until its story is touched
// again; a new revision whose text no longer matches its story does not split the story; a
// story with more members than DuplicateCandidates is re-pointed in part.
//
// A stored document that a lookup finds but cannot read (store.CandidateError: a field of
// another type, no story, a signature that does not parse) is skipped, not linked, counted
// in newsflow_sink_duplicate_unreadable_total and logged once with its id; only a failure of
// the lookup itself is retried.
package sink

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"
	"golang.org/x/sync/errgroup"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/newsflow/newsflow/internal/lifecycle"
	"github.com/newsflow/newsflow/internal/retry"
	"github.com/newsflow/newsflow/store"
)

// Stage is this stage's name in dead-letter headers and logs.
const Stage = "sink"

// MaxDuplicateCandidates is the largest (and default) Config.DuplicateCandidates: Elasticsearch's
// index.max_result_window.
const MaxDuplicateCandidates = 10_000

// Config configures a Service. Zero means default, except where a field says required.
type Config struct {
	Reader     kafkaio.Consumer       // news.enriched in a consumer group. Required.
	Store      store.Writer           // Required.
	DLQ        kafkaio.Publisher      // news.dlq. Required.
	DeadLetter kafkaio.DeadLetterFunc // Required.

	// BatchSize: a batch is written when it holds this many messages. Default 500.
	BatchSize int
	// BatchBytes: ... or this many bytes of message values. Default 5 MiB.
	BatchBytes int
	// BatchAge: ... or when its first message has waited this long. Default 500ms.
	BatchAge time.Duration
	// Backoff paces retries while the store or the broker fails.
	Backoff retry.Backoff
	// DrainTimeout bounds how long Run keeps writing and committing the batch in hand after
	// its context ends. Default 10s.
	DrainTimeout time.Duration

	// NoDuplicates turns near-duplicate linking off. It is on when Store implements
	// store.Duplicates (both search stores do): see the package documentation.
	NoDuplicates bool
	// DuplicateCandidates bounds each near-duplicate lookup of a batch (stored documents
	// read). Default 10,000 (Elasticsearch's result window).
	DuplicateCandidates int
	// NoDuplicateRecheck skips the second lookup after each batch is written, which links
	// copies that another sink wrote while this one was between its lookup and its write. A
	// lone sink never needs it; it costs a second lookup (and refresh) per batch.
	NoDuplicateRecheck bool

	Logger     *slog.Logger          // default slog.Default()
	Registerer prometheus.Registerer // nil: metrics are not exported
	Now        func() time.Time      // default time.Now

	// OnResult, when set, is called once per input message after its offset was committed,
	// with the article id ("" when the message could not be decoded) and its final result:
	// "stored", "stale" or "dead_lettered". It is called from one goroutine; it must not block.
	OnResult func(id, result string)
}

// Validate names the first missing or bad field.
func (c *Config) Validate() error {
	switch {
	case c.Reader == nil:
		return errors.New("sink: Config.Reader is required")
	case c.Store == nil:
		return errors.New("sink: Config.Store is required")
	case c.DLQ == nil:
		return errors.New("sink: Config.DLQ is required")
	case c.DeadLetter == nil:
		return errors.New("sink: Config.DeadLetter is required")
	case c.BatchSize < 0, c.BatchBytes < 0, c.BatchAge < 0:
		return errors.New("sink: Config.BatchSize, BatchBytes and BatchAge must not be negative")
	case c.DuplicateCandidates < 0, c.DuplicateCandidates > MaxDuplicateCandidates:
		// A larger lookup is refused by Elasticsearch (and newsflow store), which would leave
		// every batch unlinked.
		return fmt.Errorf("sink: Config.DuplicateCandidates must be between 0 and %d (Elasticsearch's result window)", MaxDuplicateCandidates)
	}
	return nil
}

func (c *Config) setDefaults() {
	if c.BatchSize == 0 {
		c.BatchSize = 500
	}
	if c.BatchBytes == 0 {
		c.BatchBytes = 5 << 20
	}
	if c.BatchAge == 0 {
		c.BatchAge = 500 * time.Millisecond
	}
	if c.DrainTimeout == 0 {
		c.DrainTimeout = 10 * time.Second
	}
	if c.DuplicateCandidates == 0 {
		c.DuplicateCandidates = MaxDuplicateCandidates
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}

// Service is the sink stage. Run it once.
type Service struct {
	cfg  Config
	m    *metrics
	log  *slog.Logger
	dups store.Duplicates // nil: no near-duplicate linking
	// unlinkedLogged: the store's refusal of lookups was logged (only the batch goroutine
	// reads and writes it).
	unlinkedLogged bool
	// unreadableIDs are the stored documents counted and logged as unreadable (see
	// unreadable; only the batch goroutine uses it).
	unreadableIDs map[string]bool
}

// New returns a Service; it starts nothing.
func New(cfg Config) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.setDefaults()
	s := &Service{cfg: cfg, m: newMetrics(cfg.Registerer), log: cfg.Logger.With("component", Stage),
		unreadableIDs: make(map[string]bool)}
	if d, ok := cfg.Store.(store.Duplicates); ok && !cfg.NoDuplicates {
		s.dups = d
	}
	return s, nil
}

// Run consumes until ctx ends or the broker cannot be used, then stops fetching, finishes the
// batch in hand (within DrainTimeout) and returns; nil after a shutdown through ctx. While the
// store is down, Run keeps retrying the batch in hand and fetches nothing more.
func (s *Service) Run(ctx context.Context) error {
	msgs := make(chan kafka.Message, s.cfg.BatchSize)
	drainCtx, cancelDrain := lifecycle.DrainContext(ctx, s.cfg.DrainTimeout)
	defer cancelDrain()
	g, gctx := errgroup.WithContext(drainCtx)
	g.Go(func() error {
		defer close(msgs)
		for {
			m, err := s.cfg.Reader.FetchMessage(ctx)
			if err != nil {
				if ctx.Err() != nil || gctx.Err() != nil {
					return nil
				}
				return fmt.Errorf("fetch: %w", err)
			}
			select {
			case msgs <- m:
			case <-gctx.Done():
				return nil
			}
		}
	})
	g.Go(func() error { return s.batches(gctx, msgs) })
	err := g.Wait()
	if ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return nil
	}
	return err
}

// batches cuts the message stream into batches by count, bytes or age and handles each.
func (s *Service) batches(ctx context.Context, msgs <-chan kafka.Message) error {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		first, ok := <-msgs
		if !ok {
			return nil
		}
		batch := []kafka.Message{first}
		size := len(first.Value)
		timer.Reset(s.cfg.BatchAge)
	collect:
		for len(batch) < s.cfg.BatchSize && size < s.cfg.BatchBytes {
			select {
			case m, ok := <-msgs:
				if !ok {
					break collect
				}
				batch = append(batch, m)
				size += len(m.Value)
			case <-timer.C:
				break collect
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		timer.Stop()
		if err := s.handle(ctx, batch); err != nil {
			return err
		}
	}
}

// item is one message of a batch on its way to an outcome.
type item struct {
	msg kafka.Message
	art *article.Article // decoded
	doc store.Document
	// repoint marks a stored document rewritten because its story's root changed: it has no
	// message and no result of its own.
	repoint bool
	result  string         // final result once known
	reason  article.Reason // for dead letters
	err     error
}

// handle gives every message of the batch a final outcome, dead-letters the refused ones,
// then commits the batch.
func (s *Service) handle(ctx context.Context, batch []kafka.Message) error {
	s.m.batch.Observe(float64(len(batch)))
	items := make([]*item, len(batch))
	var pending []*item
	for i, m := range batch {
		it := &item{msg: m}
		items[i] = it
		if err := s.decode(it); err != nil {
			it.result, it.reason, it.err = resultDeadLettered, article.ReasonOf(err), err
			if it.reason == "" {
				it.reason = article.ReasonStoreRejected
			}
			continue
		}
		pending = append(pending, it)
	}
	written := pending
	if s.dups != nil && len(pending) > 0 {
		var err error
		if written, err = s.linkBatch(ctx, pending); err != nil {
			return err
		}
	}
	if err := s.writeBounded(ctx, written); err != nil {
		return err
	}
	if s.dups != nil && len(pending) > 0 && !s.cfg.NoDuplicateRecheck {
		if err := s.recheck(ctx, pending); err != nil {
			return err
		}
	}

	var dead []kafka.Message
	for _, it := range items {
		if it.result == resultDeadLettered {
			dead = append(dead, s.cfg.DeadLetter(it.msg, Stage, it.reason, it.err))
			s.log.Debug("dead-lettering article", "topic", it.msg.Topic, "partition", it.msg.Partition,
				"offset", it.msg.Offset, "reason", it.reason, "error", it.err)
		}
	}
	if len(dead) > 0 {
		if err := s.kafkaRetry(ctx, "publish dead letters", func() error { return s.cfg.DLQ.WriteMessages(ctx, dead...) }); err != nil {
			return err
		}
	}
	if err := s.kafkaRetry(ctx, "commit", func() error { return s.cfg.Reader.CommitMessages(ctx, batch...) }); err != nil {
		return err
	}
	s.m.committed.Add(float64(len(batch)))
	for _, it := range items {
		s.m.articles.WithLabelValues(it.result).Inc()
		if it.result == resultDeadLettered {
			s.m.dlq.WithLabelValues(string(it.reason)).Inc()
		}
		if s.cfg.OnResult != nil {
			s.cfg.OnResult(it.doc.ID, it.result)
		}
	}
	return nil
}

func (s *Service) decode(it *item) error {
	a, err := article.Decode(it.msg.Value)
	if err != nil {
		return err
	}
	if len(a.Extra) > 0 {
		s.m.unknownFld.Add(float64(len(a.Extra)))
	}
	doc, err := store.FromArticle(a)
	if err != nil {
		return &article.Error{Reason: article.ReasonStoreRejected, Err: err}
	}
	it.art, it.doc = a, doc
	return nil
}

// linkRetry links the batch's near-duplicates (see link), retrying while the store's lookups
// fail.
func (s *Service) linkRetry(ctx context.Context, pending []*item) ([]store.Document, error) {
	for attempt := 1; ; attempt++ {
		moved, err := s.link(ctx, pending)
		if err == nil {
			return moved, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if errors.Is(err, store.ErrRequestRejected) && !errors.Is(err, store.ErrUnavailable) {
			return nil, err
		}
		s.m.storeUp.Set(0)
		s.m.retries.WithLabelValues(retryRequest).Inc()
		s.log.Warn("near-duplicate lookup failed; retrying", "articles", len(pending), "attempt", attempt, "error", err)
		if err := s.cfg.Backoff.Wait(ctx, attempt); err != nil {
			return nil, err
		}
	}
}

// writeBounded is write in requests of at most BatchSize documents and about BatchBytes of
// them, so that the stored documents a batch re-points (see link), however many, never make
// one request larger than a batch (a request the store refuses as too large would be retried
// without end). Each request is written in full before the next, and the caller commits only
// after all of them.
func (s *Service) writeBounded(ctx context.Context, items []*item) error {
	for len(items) > 0 {
		n, size := 0, 0
		for n < len(items) && n < s.cfg.BatchSize && (n == 0 || size < s.cfg.BatchBytes) {
			d := &items[n].doc
			size += len(d.Body) + len(d.Title) + len(d.Article)
			n++
		}
		if err := s.write(ctx, items[:n]); err != nil {
			return err
		}
		items = items[n:]
	}
	return nil
}

// write sends the pending items to the store until each has a final outcome, retrying the
// whole request on request-level failures and only the failed items on per-item ones.
func (s *Service) write(ctx context.Context, pending []*item) error {
	for attempt := 1; len(pending) > 0; attempt++ {
		docs := make([]store.Document, len(pending))
		for i, it := range pending {
			docs[i] = it.doc
		}
		start := time.Now()
		results, err := s.cfg.Store.Write(ctx, docs)
		s.m.bulk.Observe(time.Since(start).Seconds())
		if err == nil && len(results) != len(docs) {
			// A writer that breaks its contract must not make us drop or double-count items.
			err = fmt.Errorf("store returned %d results for %d documents", len(results), len(docs))
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			s.m.storeUp.Set(0)
			s.m.retries.WithLabelValues(retryRequest).Inc()
			s.log.Warn("bulk write failed; retrying", "documents", len(docs), "attempt", attempt, "error", err)
			if err := s.cfg.Backoff.Wait(ctx, attempt); err != nil {
				return err
			}
			continue
		}
		s.m.storeUp.Set(1)
		now := s.cfg.Now()
		var again []*item
		var againReason string
		for i, r := range results {
			it := pending[i]
			s.m.items.WithLabelValues(string(r.Outcome)).Inc()
			switch r.Outcome {
			case store.OutcomeStored:
				it.result = resultStored
				s.observeEndToEnd(it.msg, now)
			case store.OutcomeStale:
				it.result = resultStale
			case store.OutcomeRejected:
				it.result, it.reason = resultDeadLettered, article.ReasonStoreRejected
				it.err = fmt.Errorf("store refused the document (status %d): %s", r.Status, r.Reason)
				if it.repoint {
					s.log.Warn("store refused a re-pointed copy; it keeps its old story root", "article_id", it.doc.ID,
						"status", r.Status, "reason", r.Reason)
				}
			default: // OutcomeRetry, or an outcome this build does not know: never drop it
				again = append(again, it)
				againReason = r.Reason
			}
		}
		if len(again) > 0 {
			s.m.retries.WithLabelValues(retryItem).Add(float64(len(again)))
			s.log.Warn("bulk items failed transiently; retrying them", "items", len(again), "attempt", attempt,
				"reason", againReason)
			if err := s.cfg.Backoff.Wait(ctx, attempt); err != nil {
				return err
			}
		}
		pending = again
	}
	return nil
}

func (s *Service) observeEndToEnd(m kafka.Message, now time.Time) {
	for _, h := range m.Headers {
		if h.Key == article.HeaderRawTimestamp {
			if ms, err := strconv.ParseInt(string(h.Value), 10, 64); err == nil {
				s.m.endToEnd.Observe(now.Sub(time.UnixMilli(ms)).Seconds())
			}
			return
		}
	}
}

func (s *Service) kafkaRetry(ctx context.Context, what string, op func() error) error {
	return s.cfg.Backoff.Do(ctx, op, func(attempt int, err error) {
		s.m.retries.WithLabelValues(retryKafka).Inc()
		s.log.Warn("retrying", "op", what, "attempt", attempt, "error", err)
	})
}
