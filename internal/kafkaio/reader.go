package kafkaio

import (
	"log/slog"
	"time"

	"github.com/segmentio/kafka-go"
)

// NewReader returns a consumer-group reader of topic for groupID: fetches of at most cfg's
// size setting (a batch never exceeds the topics' max.message.bytes, so one always fits),
// starting at the first offset when the group has no commit, and synchronous commits
// (CommitInterval 0), so that CommitMessages returns only once the broker stored the
// offsets.
//
// Use FetchMessage and CommitMessages: ReadMessage would commit before the message was
// processed. The reader is safe for concurrent use; the caller must Close it, which leaves
// the group.
//
// cfg must be valid (see Config.Validate): like kafka.NewReader, NewReader panics without
// brokers or topic. groupID must not be empty: kafka-go would read partition 0 alone,
// outside any group.
func NewReader(cfg Config, topic, groupID string) *kafka.Reader {
	log := cfg.logger().With("topic", topic, "group", groupID)
	return kafka.NewReader(kafka.ReaderConfig{
		Brokers:        cfg.Brokers,
		GroupID:        groupID,
		Topic:          topic,
		Dialer:         cfg.dialer(),
		MinBytes:       1,
		MaxBytes:       cfg.MaxBytes(),
		MaxWait:        500 * time.Millisecond, // Kafka's fetch.max.wait.ms default
		CommitInterval: 0,
		StartOffset:    kafka.FirstOffset,

		HeartbeatInterval: 3 * time.Second,
		SessionTimeout:    30 * time.Second,
		RebalanceTimeout:  30 * time.Second,
		JoinGroupBackoff:  time.Second,
		ReadBackoffMin:    50 * time.Millisecond,
		ReadBackoffMax:    time.Second,

		Logger:      kafkaLogger(log, slog.LevelDebug),
		ErrorLogger: kafkaLogger(log, slog.LevelWarn),
	})
}
