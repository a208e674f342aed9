package enricher

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"
	"golang.org/x/sync/errgroup"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/newsflow/newsflow/internal/lifecycle"
	"github.com/newsflow/newsflow/internal/retry"
)

// Stage is this stage's name in dead-letter headers and logs.
const Stage = "enricher"

// Config configures a Service. Zero means default, except where a field says required.
type Config struct {
	Reader     kafkaio.Consumer       // news.raw in a consumer group. Required.
	Output     kafkaio.Publisher      // news.enriched. Required.
	DLQ        kafkaio.Publisher      // news.dlq. Required.
	DeadLetter kafkaio.DeadLetterFunc // Required.
	Taggers    []Tagger               // run in order on every article.

	// Concurrency is the number of articles tagged at once. Default GOMAXPROCS.
	Concurrency int
	// MaxInFlight bounds messages fetched but not yet committed; it is the one place the
	// stage bounds its work, so a slow publish pushes back on fetching. Default 64*Concurrency.
	MaxInFlight int
	// BatchSize bounds the messages published and committed together. Default 256.
	BatchSize int
	// MaxMessageBytes is the message size limit shared with the writers and topics.
	// Default 1 MiB.
	MaxMessageBytes int
	// Limits are the article limits (body size). Default article defaults.
	Limits article.Limits
	// Backoff paces retries of failed publishes and commits.
	Backoff retry.Backoff
	// DrainTimeout bounds how long Run keeps publishing and committing in-flight work after
	// its context ends. Default 10s.
	DrainTimeout time.Duration

	Logger     *slog.Logger          // default slog.Default()
	Registerer prometheus.Registerer // nil: metrics are not exported
	// Now stamps enriched_at. Default time.Now.
	Now func() time.Time
}

// Validate names the first missing or bad field.
func (c *Config) Validate() error {
	switch {
	case c.Reader == nil:
		return errors.New("enricher: Config.Reader is required")
	case c.Output == nil:
		return errors.New("enricher: Config.Output is required")
	case c.DLQ == nil:
		return errors.New("enricher: Config.DLQ is required")
	case c.DeadLetter == nil:
		return errors.New("enricher: Config.DeadLetter is required")
	case c.Concurrency < 0, c.MaxInFlight < 0, c.BatchSize < 0, c.MaxMessageBytes < 0:
		return errors.New("enricher: Config.Concurrency, MaxInFlight, BatchSize and MaxMessageBytes must not be negative")
	}
	return nil
}

func (c *Config) setDefaults() {
	if c.Concurrency == 0 {
		c.Concurrency = runtime.GOMAXPROCS(0)
	}
	if c.MaxInFlight == 0 {
		c.MaxInFlight = 64 * c.Concurrency
	}
	if c.BatchSize == 0 {
		c.BatchSize = 256
	}
	if c.MaxMessageBytes == 0 {
		c.MaxMessageBytes = 1 << 20
	}
	if c.DrainTimeout == 0 {
		c.DrainTimeout = 10 * time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}

// Service consumes news.raw, enriches each article and publishes it to news.enriched keyed
// by article id, dead-lettering what cannot be enriched. It commits an input offset only after
// the message's output (enriched or dead-lettered) was acknowledged, and it commits in fetch
// order, so every committed offset is contiguous.
type Service struct {
	cfg      Config
	pipeline *Pipeline
	m        *metrics
	log      *slog.Logger
}

// New returns a Service; it starts nothing.
func New(cfg Config) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.setDefaults()
	m := newMetrics(cfg.Registerer, cfg.Taggers)
	p := NewPipeline(PipelineConfig{
		Now:     cfg.Now,
		Observe: func(t string, d time.Duration) { m.tagger.WithLabelValues(t).Observe(d.Seconds()) },
	}, cfg.Taggers...)
	return &Service{cfg: cfg, pipeline: p, m: m, log: cfg.Logger.With("component", Stage)}, nil
}

// job is one fetched message on its way through the stage.
type job struct {
	in      kafka.Message
	out     kafka.Message // the enriched or dead-letter message
	dlq     bool
	reason  article.Reason
	aborted bool // the context ended mid-way: neither publish nor commit
	done    chan struct{}
}

// Run consumes until ctx ends or a publish cannot be completed, then stops fetching, finishes
// the in-flight articles, publishes and commits them (within DrainTimeout), and returns.
// It returns nil after a shutdown through ctx.
func (s *Service) Run(ctx context.Context) error {
	ordered := make(chan *job, s.cfg.MaxInFlight)
	work := make(chan *job, s.cfg.MaxInFlight)
	// Work after the fetch stops must still complete: it runs on a context that outlives ctx
	// by at most DrainTimeout.
	drainCtx, cancelDrain := lifecycle.DrainContext(ctx, s.cfg.DrainTimeout)
	defer cancelDrain()

	g, gctx := errgroup.WithContext(drainCtx)
	g.Go(func() error {
		defer close(ordered)
		defer close(work)
		return s.fetch(ctx, gctx, ordered, work)
	})
	for range s.cfg.Concurrency {
		g.Go(func() error {
			for j := range work {
				s.process(gctx, j)
				close(j.done)
			}
			return nil
		})
	}
	g.Go(func() error { return s.publish(gctx, ordered) })
	err := g.Wait()
	if ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return nil
	}
	return err
}

func (s *Service) fetch(ctx, gctx context.Context, ordered, work chan<- *job) error {
	for {
		msg, err := s.cfg.Reader.FetchMessage(ctx)
		if err != nil {
			if ctx.Err() != nil || gctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("fetch from %s: %w", msg.Topic, err)
		}
		j := &job{in: msg, done: make(chan struct{})}
		s.m.inFlight.Inc()
		// ordered first: the publisher waits on jobs in this order.
		select {
		case ordered <- j:
		case <-gctx.Done():
			return nil
		}
		select {
		case work <- j:
		case <-gctx.Done():
			return nil
		}
	}
}

// process turns one input message into its output message.
func (s *Service) process(ctx context.Context, j *job) {
	start := time.Now()
	defer func() { s.m.process.Observe(time.Since(start).Seconds()) }()
	out, err := s.enrich(ctx, j.in)
	if err != nil {
		if ctx.Err() != nil {
			j.aborted = true
			return
		}
		reason := article.ReasonOf(err)
		if reason == "" {
			reason = article.ReasonEnrichFailed
		}
		j.dlq, j.reason = true, reason
		j.out = s.cfg.DeadLetter(j.in, Stage, reason, err)
		s.log.Debug("dead-lettering article", "topic", j.in.Topic, "partition", j.in.Partition,
			"offset", j.in.Offset, "reason", reason, "error", err)
		return
	}
	j.out = out
}

// enrich turns one input message into its output message.
func (s *Service) enrich(ctx context.Context, in kafka.Message) (kafka.Message, error) {
	msgTime := in.Time
	if msgTime.IsZero() {
		msgTime = s.cfg.Now()
	}
	out, err := s.pipeline.Process(ctx, in.Value, msgTime, ProcessOptions{Limits: s.cfg.Limits, MaxMessageBytes: s.cfg.MaxMessageBytes})
	if err != nil {
		return kafka.Message{}, err
	}
	if n := len(out.Article.Extra); n > 0 {
		s.m.unknownFld.Add(float64(n))
	}
	if out.Truncated {
		s.m.truncated.Inc()
	}
	s.m.observeEntities(out.Article)
	rawTime := in.Time
	if v, ok := header(in, article.HeaderRawTimestamp); ok {
		if ms, err := strconv.ParseInt(v, 10, 64); err == nil {
			rawTime = time.UnixMilli(ms)
		}
	}
	return kafka.Message{Key: []byte(out.Article.ID), Value: out.Value, Headers: []kafka.Header{
		{Key: article.HeaderSchemaVersion, Value: []byte(article.SchemaVersion)},
		{Key: article.HeaderContentType, Value: []byte(article.ContentType)},
		{Key: article.HeaderRawTimestamp, Value: []byte(strconv.FormatInt(rawTime.UnixMilli(), 10))},
	}}, nil
}

func header(m kafka.Message, name string) (string, bool) {
	for _, h := range m.Headers {
		if h.Key == name {
			return string(h.Value), true
		}
	}
	return "", false
}

// publish waits for jobs in fetch order, publishes their outputs in batches and then commits
// their inputs.
func (s *Service) publish(ctx context.Context, ordered <-chan *job) error {
	batch := make([]*job, 0, s.cfg.BatchSize)
	for {
		j, ok := <-ordered
		if !ok {
			return nil
		}
		batch = append(batch[:0], j)
		// Take whatever else is already fetched, up to a batch, without waiting for more.
	fill:
		for len(batch) < s.cfg.BatchSize {
			select {
			case j, ok := <-ordered:
				if !ok {
					break fill
				}
				batch = append(batch, j)
			default:
				break fill
			}
		}
		if err := s.flush(ctx, batch); err != nil {
			return err
		}
	}
}

func (s *Service) flush(ctx context.Context, batch []*job) error {
	var out, dlq []kafka.Message
	commit := make([]kafka.Message, 0, len(batch))
	for _, j := range batch {
		select {
		case <-j.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if j.aborted {
			// Nothing after an aborted job may be committed either, or its offset would be
			// skipped: stop here and let the redelivery after restart handle the rest.
			return ctx.Err()
		}
		if j.dlq {
			dlq = append(dlq, j.out)
		} else {
			out = append(out, j.out)
		}
		commit = append(commit, j.in)
	}
	if err := s.retry(ctx, "publish enriched", func() error { return s.cfg.Output.WriteMessages(ctx, out...) }, len(out)); err != nil {
		return err
	}
	if err := s.retry(ctx, "publish dead letters", func() error { return s.cfg.DLQ.WriteMessages(ctx, dlq...) }, len(dlq)); err != nil {
		return err
	}
	if err := s.retry(ctx, "commit", func() error { return s.cfg.Reader.CommitMessages(ctx, commit...) }, len(commit)); err != nil {
		return err
	}
	s.m.batchSize.Observe(float64(len(batch)))
	s.m.inFlight.Sub(float64(len(batch)))
	s.m.articles.WithLabelValues(resultEnriched).Add(float64(len(out)))
	s.m.articles.WithLabelValues(resultDeadLettered).Add(float64(len(dlq)))
	for _, j := range batch {
		if j.dlq {
			s.m.dlq.WithLabelValues(string(j.reason)).Inc()
		}
	}
	return nil
}

// retry runs op until it succeeds or ctx ends. Failures here are infrastructure (broker
// unavailable): the articles are fine, so they are never dropped.
func (s *Service) retry(ctx context.Context, what string, op func() error, n int) error {
	if n == 0 {
		return nil
	}
	return s.cfg.Backoff.Do(ctx, op, func(attempt int, err error) {
		s.m.retries.Inc()
		s.log.Warn("retrying", "op", what, "messages", n, "attempt", attempt, "error", err)
	})
}
