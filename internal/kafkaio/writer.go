package kafkaio

import (
	"log/slog"
	"time"

	"github.com/segmentio/kafka-go"
)

// Writer tuning. See docs/benchmarks.md ("Kafka client on the embedded broker") for the
// measurements behind the compression codec and the batch timeout.
const (
	// WriterCompression is the codec of every newsflow writer. On ~3 KB JSON articles it
	// stores 53% of the bytes (snappy 56%, zstd 37%) at about snappy's CPU cost, half of
	// zstd's, and decodes cheapest (see docs/benchmarks.md).
	WriterCompression = kafka.Lz4

	// writerBatchTimeout bounds how long a partition's partial batch waits for more
	// messages. kafka-go's default (1 s) would make every synchronous WriteMessages of a
	// few messages take a second, since a batch of a handful never fills up.
	writerBatchTimeout = 5 * time.Millisecond

	// writerBatchSize is the message count that flushes a partition's batch early. The
	// byte bound (the size setting) usually flushes first for articles.
	writerBatchSize = 1000

	// recordBatchOverhead is what a record batch adds to kafka-go's estimate of its
	// messages' sizes: the v2 batch header (61 bytes) plus the varint framing kafka-go does
	// not count, rounded up. The writer's BatchBytes is the size setting less this, so a
	// batch the writer accepts always fits the topic's max.message.bytes.
	recordBatchOverhead = 128
)

// NewWriter returns a writer to topic configured the one way every newsflow writer is:
// RequiredAcks RequireAll, kafka-go's Murmur2Balancer (the Java client's partitioner,
// kcat's murmur2_random), WriterCompression, batches bounded by cfg's size setting, a 5 ms
// batch timeout and no automatic topic creation.
//
// WriteMessages is synchronous: it returns only after the broker acknowledged every
// message to all in-sync replicas, or with an error (a kafka.WriteErrors says which
// messages failed). A message larger than the size setting fails at once with
// kafka.MessageTooLargeError and nothing of that call is sent. The writer is safe for
// concurrent use; sharing one writer between goroutines gives the best batches. The caller
// must Close it, which also releases its connections.
//
// cfg must be valid (see Config.Validate): like kafka.NewWriter, NewWriter panics without
// brokers.
func NewWriter(cfg Config, topic string) *kafka.Writer {
	log := cfg.logger().With("topic", topic)
	// kafka.NewWriter, unlike a Writer literal, gives the writer a transport of its own
	// that Writer.Close shuts down; a literal would need the caller to close the transport
	// separately or leak its metadata goroutine. It is the only way to set a client id
	// whose connections close with the writer.
	w := kafka.NewWriter(kafka.WriterConfig{
		Brokers:           cfg.Brokers,
		Topic:             topic,
		Dialer:            cfg.dialer(),
		Balancer:          &kafka.Murmur2Balancer{},
		BatchSize:         writerBatchSize,
		BatchBytes:        cfg.MaxBytes() - recordBatchOverhead,
		BatchTimeout:      writerBatchTimeout,
		RequiredAcks:      int(kafka.RequireAll),
		RebalanceInterval: 30 * time.Second, // metadata refresh: partition count changes
		IdleConnTimeout:   5 * time.Minute,
		Logger:            kafkaLogger(log, slog.LevelDebug),
		ErrorLogger:       kafkaLogger(log, slog.LevelWarn),
	})
	w.Compression = WriterCompression
	w.AllowAutoTopicCreation = false
	return w
}
