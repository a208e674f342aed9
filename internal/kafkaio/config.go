// Package kafkaio holds newsflow's kafka-go plumbing: writers and readers configured the one
// way every stage uses them, topic creation, dead-letter messages, the partitioner shared
// with kcat, and Prometheus collectors for consumer lag and client statistics.
//
// Every constructor takes one Config, so that the single size setting (MaxMessageBytes)
// bounds writers, readers and topics alike.
package kafkaio

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"strconv"
	"time"

	"github.com/segmentio/kafka-go"
)

// DefaultMaxMessageBytes is the default of Config.MaxMessageBytes: 1 MiB, Kafka's own
// default for max.message.bytes.
const DefaultMaxMessageBytes = 1 << 20

// MinMaxMessageBytes is the smallest accepted Config.MaxMessageBytes. Below it a message
// could not carry a record batch header and a useful article.
const MinMaxMessageBytes = 4 << 10

// DefaultClientID is the default of Config.ClientID.
const DefaultClientID = "newsflow"

// ErrInvalidConfig is matched (errors.Is) by every error Validate returns.
var ErrInvalidConfig = errors.New("invalid kafka config")

// Config is what every helper of this package needs to reach a cluster. Zero values mean
// the documented default.
type Config struct {
	// Brokers are the bootstrap addresses, each "host:port". Required.
	Brokers []string

	// MaxMessageBytes is the one size setting that bounds a message end to end: the
	// writers' batch size (less a small record-batch overhead, so that whatever a writer
	// accepts fits the topic), the readers' fetch size and the topics' max.message.bytes.
	// Bytes; zero means DefaultMaxMessageBytes (1 MiB).
	MaxMessageBytes int

	// ClientID names this process to the brokers (their logs, quotas). Zero means
	// DefaultClientID.
	ClientID string

	// Logger receives kafka-go's logs: its error log at Warn, its chatter at Debug. Nil
	// discards them.
	Logger *slog.Logger
}

// Validate reports the first bad field, naming it. It does not contact the brokers.
func (c Config) Validate() error {
	if len(c.Brokers) == 0 {
		return fmt.Errorf("%w: Brokers: at least one host:port is required", ErrInvalidConfig)
	}
	for i, b := range c.Brokers {
		host, port, err := net.SplitHostPort(b)
		if err != nil {
			return fmt.Errorf("%w: Brokers[%d] %q: %v", ErrInvalidConfig, i, b, err)
		}
		n, err := strconv.Atoi(port)
		if err != nil || n <= 0 || n > math.MaxUint16 {
			return fmt.Errorf("%w: Brokers[%d] %q: port must be 1-65535", ErrInvalidConfig, i, b)
		}
		if host == "" {
			return fmt.Errorf("%w: Brokers[%d] %q: empty host", ErrInvalidConfig, i, b)
		}
	}
	if c.MaxMessageBytes < 0 {
		return fmt.Errorf("%w: MaxMessageBytes %d: must not be negative", ErrInvalidConfig, c.MaxMessageBytes)
	}
	if c.MaxMessageBytes != 0 && c.MaxMessageBytes < MinMaxMessageBytes {
		return fmt.Errorf("%w: MaxMessageBytes %d: must be at least %d", ErrInvalidConfig, c.MaxMessageBytes, MinMaxMessageBytes)
	}
	if c.MaxMessageBytes > math.MaxInt32 {
		return fmt.Errorf("%w: MaxMessageBytes %d: must fit in 32 bits", ErrInvalidConfig, c.MaxMessageBytes)
	}
	return nil
}

// MaxBytes returns the effective size setting: MaxMessageBytes, or its default.
func (c Config) MaxBytes() int {
	if c.MaxMessageBytes == 0 {
		return DefaultMaxMessageBytes
	}
	return c.MaxMessageBytes
}

func (c Config) clientID() string {
	if c.ClientID == "" {
		return DefaultClientID
	}
	return c.ClientID
}

func (c Config) logger() *slog.Logger {
	if c.Logger == nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return c.Logger.With("component", "kafka")
}

// dialer is the kafka-go Dialer of every writer and reader: it carries the client id.
func (c Config) dialer() *kafka.Dialer {
	return &kafka.Dialer{
		ClientID:  c.clientID(),
		Timeout:   10 * time.Second,
		DualStack: true,
	}
}
