package kafkaio

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/segmentio/kafka-go"
)

// The pipeline's topics. Every message on them is keyed by the article id.
const (
	// TopicRaw carries raw articles from the producer to the enricher.
	TopicRaw = "news.raw"
	// TopicEnriched carries enriched articles from the enricher to the sink.
	TopicEnriched = "news.enriched"
	// TopicDLQ carries what a stage could not process, with the reason in headers (see
	// DeadLetter).
	TopicDLQ = "news.dlq"
)

// Topics lists the pipeline's topics in flow order.
var Topics = []string{TopicRaw, TopicEnriched, TopicDLQ}

// DefaultPartitions is the partition count newsflow creates its topics with unless told
// otherwise.
const DefaultPartitions = 6

// adminTimeout bounds one admin round trip when the caller's context has no deadline.
const adminTimeout = 10 * time.Second

// EnsureTopics creates those of topics that do not exist yet, with the given partition
// count (zero means DefaultPartitions), the broker's default replication factor and
// max.message.bytes set to cfg's size setting. A topic that already exists is left as it
// is (its partition count and configs are not compared), so the call is idempotent and
// safe to race with another process doing the same. It blocks until the broker answered
// or ctx ends.
func EnsureTopics(ctx context.Context, cfg Config, partitions int, topics ...string) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	if partitions < 0 {
		return fmt.Errorf("ensure topics: partitions %d must not be negative", partitions)
	}
	if partitions == 0 {
		partitions = DefaultPartitions
	}
	if len(topics) == 0 {
		return nil
	}
	for _, t := range topics {
		if err := ValidTopic(t); err != nil {
			return fmt.Errorf("ensure topics: %w", err)
		}
	}
	client, done := cfg.adminClient()
	defer done()
	req := &kafka.CreateTopicsRequest{}
	for _, t := range topics {
		req.Topics = append(req.Topics, kafka.TopicConfig{
			Topic:             t,
			NumPartitions:     partitions,
			ReplicationFactor: -1, // the broker's default.replication.factor
			ConfigEntries: []kafka.ConfigEntry{{
				ConfigName:  "max.message.bytes",
				ConfigValue: strconv.Itoa(cfg.MaxBytes()),
			}},
		})
	}
	resp, err := client.CreateTopics(ctx, req)
	if err != nil {
		return fmt.Errorf("ensure topics: %w", err)
	}
	var errs []error
	for _, t := range topics {
		if err := resp.Errors[t]; err != nil && !errors.Is(err, kafka.TopicAlreadyExists) {
			errs = append(errs, fmt.Errorf("ensure topic %s: %w", t, err))
		}
	}
	return errors.Join(errs...)
}

// adminClient returns a kafka-go Client with a private transport and the function that
// releases it. A client on kafka.DefaultTransport would keep a metadata goroutine and its
// connections for the life of the process; ours are closed when done is called.
func (c Config) adminClient() (client *kafka.Client, done func()) {
	tr := &kafka.Transport{ClientID: c.clientID()}
	client = &kafka.Client{
		Addr:      kafka.TCP(c.Brokers...),
		Timeout:   adminTimeout,
		Transport: tr,
	}
	return client, tr.CloseIdleConnections
}

// ValidTopic reports whether name is a legal Kafka topic name: 1-249 characters of
// [a-zA-Z0-9._-], neither "." nor "..".
func ValidTopic(name string) error {
	if name == "" || len(name) > 249 || name == "." || name == ".." {
		return fmt.Errorf("topic name %q: must be 1-249 characters and not . or ..", name)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return fmt.Errorf("topic name %q: %q is not one of [a-zA-Z0-9._-]", name, r)
		}
	}
	return nil
}
