package producer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"

	"github.com/newsflow/newsflow/internal/article"
)

// MessageWriter publishes messages; *kafka.Writer implements it. WriteMessages must return
// only after the broker acknowledged every message (kafka-go's synchronous mode), or with an
// error; a kafka.WriteErrors says which messages failed. It is called from one goroutine.
type MessageWriter interface {
	WriteMessages(ctx context.Context, msgs ...kafka.Message) error
}

// Stage is the value of the stage header on the producer's dead letters.
const Stage = "producer"

// Defaults of Config. Zero values in Config mean these.
const (
	DefaultMaxMessageBytes = 1 << 20
	DefaultBatchSize       = 500
	DefaultBatchBytes      = 4 << 20
	DefaultLinger          = 50 * time.Millisecond
	DefaultDedupCapacity   = 1_000_000
	DefaultMaxReportedBad  = 1000
	DefaultFlushTimeout    = 10 * time.Second
)

// Config configures a Producer. Zero values mean the documented default.
type Config struct {
	// Writer publishes good articles. It is bound to the articles topic (news.raw) by the
	// caller. Required.
	Writer MessageWriter
	// DLQ publishes dead letters for bad records (kafkaio.DeadLetterRecord: the record as
	// read, with headers error, reason, stage=producer, origin=file:line); it is bound to
	// news.dlq by the caller. Nil means bad records are reported and counted but not
	// dead-lettered.
	DLQ MessageWriter

	// Limits bounds what Validate accepts (the body size). Zero means article's defaults.
	Limits article.Limits
	// MaxMessageBytes is the pipeline's one size setting: an article whose message would
	// exceed it is dead-lettered as too_large, and a dead letter is cut to fit it. Bytes;
	// default DefaultMaxMessageBytes (1 MiB). It must not exceed what the writers accept.
	MaxMessageBytes int
	// BatchSize is the most messages per WriteMessages call. Default DefaultBatchSize.
	BatchSize int
	// BatchBytes is the most message bytes per WriteMessages call; a batch is written once
	// it reaches either bound. Default DefaultBatchBytes (4 MiB), and at least
	// MaxMessageBytes.
	BatchBytes int
	// Workers is how many goroutines decode, validate and encode records in parallel; the
	// output keeps the input order. Default min(GOMAXPROCS, 4).
	Workers int
	// Linger is how long a partial batch waits for more records before it is written, so
	// that a slow source (standard input, a feed) is not held back. Default DefaultLinger.
	Linger time.Duration
	// DedupCapacity is how many recent (id, revision) pairs the in-run duplicate filter
	// remembers; the oldest is forgotten first. Memory grows with use, about 55-75 bytes a
	// pair (BenchmarkDedupMemory: 73 B at a million), so the default of DefaultDedupCapacity
	// holds at most ~75 MB. Negative disables the filter.
	DedupCapacity int
	// MaxReportedBad bounds Report.Bad (the rest are counted in Report.BadOmitted) and the
	// Warn-level log lines for bad records (the rest are logged at Debug). Default
	// DefaultMaxReportedBad.
	MaxReportedBad int
	// FlushTimeout bounds the final flush of what was already read when ctx is cancelled.
	// Default DefaultFlushTimeout.
	FlushTimeout time.Duration

	// Logger receives the report of bad records and run summaries. Nil discards.
	Logger *slog.Logger
	// Registerer registers the producer's metrics (see metrics.go). Nil registers them
	// nowhere.
	Registerer prometheus.Registerer
	// Progress receives a progress line about every 200 ms and a final summary line. Nil
	// means none; pass TerminalProgress(os.Stderr) to draw it only on a terminal.
	Progress io.Writer
	// Now is the clock for fetched_at; the workers call it concurrently. Default time.Now.
	Now func() time.Time
}

// ErrConfig is matched by every error Config.Validate returns.
var ErrConfig = errors.New("invalid producer config")

// Validate names the first bad field.
func (c Config) Validate() error {
	bad := func(field, format string, args ...any) error {
		return fmt.Errorf("%w: %s: %s", ErrConfig, field, fmt.Sprintf(format, args...))
	}
	switch {
	case c.Writer == nil:
		return bad("Writer", "is required")
	case c.Limits.MaxBodyBytes < 0:
		return bad("Limits.MaxBodyBytes", "must not be negative, got %d", c.Limits.MaxBodyBytes)
	case c.MaxMessageBytes < 0:
		return bad("MaxMessageBytes", "must not be negative, got %d", c.MaxMessageBytes)
	case c.MaxMessageBytes > 0 && c.MaxMessageBytes < 4<<10:
		return bad("MaxMessageBytes", "must be at least 4096, got %d", c.MaxMessageBytes)
	case c.BatchSize < 0:
		return bad("BatchSize", "must not be negative, got %d", c.BatchSize)
	case c.BatchBytes < 0:
		return bad("BatchBytes", "must not be negative, got %d", c.BatchBytes)
	case c.Workers < 0:
		return bad("Workers", "must not be negative, got %d", c.Workers)
	case c.Linger < 0:
		return bad("Linger", "must not be negative, got %v", c.Linger)
	case c.MaxReportedBad < 0:
		return bad("MaxReportedBad", "must not be negative, got %d", c.MaxReportedBad)
	case c.FlushTimeout < 0:
		return bad("FlushTimeout", "must not be negative, got %v", c.FlushTimeout)
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.MaxMessageBytes == 0 {
		c.MaxMessageBytes = DefaultMaxMessageBytes
	}
	if c.BatchSize == 0 {
		c.BatchSize = DefaultBatchSize
	}
	if c.BatchBytes == 0 {
		c.BatchBytes = DefaultBatchBytes
	}
	c.BatchBytes = max(c.BatchBytes, c.MaxMessageBytes)
	if c.Workers == 0 {
		c.Workers = min(runtime.GOMAXPROCS(0), 4)
	}
	if c.Linger == 0 {
		c.Linger = DefaultLinger
	}
	if c.DedupCapacity == 0 {
		c.DedupCapacity = DefaultDedupCapacity
	}
	if c.MaxReportedBad == 0 {
		c.MaxReportedBad = DefaultMaxReportedBad
	}
	if c.FlushTimeout == 0 {
		c.FlushTimeout = DefaultFlushTimeout
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Registerer == nil {
		c.Registerer = prometheus.NewRegistry()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}
