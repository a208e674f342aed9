package kafkaio

import (
	"context"

	"github.com/segmentio/kafka-go"

	"github.com/newsflow/newsflow/internal/article"
)

// Consumer is the consumer side a stage needs; *kafka.Reader in a consumer group satisfies
// it. FetchMessage must not commit (so never ReadMessage): stages commit with CommitMessages
// once the message's output was acknowledged.
type Consumer interface {
	FetchMessage(ctx context.Context) (kafka.Message, error)
	CommitMessages(ctx context.Context, msgs ...kafka.Message) error
}

// Publisher publishes messages and returns only once the broker acknowledged them;
// *kafka.Writer from NewWriter satisfies it.
type Publisher interface {
	WriteMessages(ctx context.Context, msgs ...kafka.Message) error
}

// DeadLetterFunc builds the news.dlq message for an input message a stage gives up on;
// DeadLetter is one.
type DeadLetterFunc func(orig kafka.Message, stage string, reason article.Reason, err error) kafka.Message
