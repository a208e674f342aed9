package kafkaio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"
)

// DefaultLagTimeout is the default of LagConfig.Timeout.
const DefaultLagTimeout = 2 * time.Second

// LagConfig says whose lag a LagCollector reports.
type LagConfig struct {
	// Brokers are the bootstrap addresses, each "host:port". Required.
	Brokers []string
	// GroupID is the consumer group whose committed offsets count. Required.
	GroupID string
	// Topic is the topic the group consumes. Required.
	Topic string
	// Stage names the metrics: newsflow_<stage>_consumer_lag_messages. Required,
	// snake_case.
	Stage string
	// Timeout bounds one scrape's round trips to the brokers. Zero means
	// DefaultLagTimeout (2 s).
	Timeout time.Duration
	// ClientID names the collector to the brokers. Zero means DefaultClientID.
	ClientID string
	// Logger receives a Debug line per failed scrape. Nil discards.
	Logger *slog.Logger
}

// LagCollector is a prometheus.Collector that reads, at scrape time, the group's committed
// offsets (OffsetFetch) and the topic's high watermarks (ListOffsets) and exports
//
//	newsflow_<stage>_consumer_lag_messages{topic,partition}     gauge
//	newsflow_<stage>_consumer_lag_scrape_errors_total{topic}    counter
//
// The lag of a partition is its high watermark less the group's committed offset (or, when
// the group has not committed there or its commit fell behind retention, less the log start
// offset: a new group starts at the first offset). A scrape that cannot reach the brokers
// within the timeout exports no lag series and counts an error instead of failing the
// scrape. Collect is safe for concurrent use and holds no connection between scrapes.
type LagCollector struct {
	cfg     LagConfig
	log     *slog.Logger
	lagDesc *prometheus.Desc
	errDesc *prometheus.Desc
	errors  atomic.Uint64
}

// NewLagCollector returns a collector for cfg. Register it with the process's registry;
// a bad Stage makes that registration fail.
func NewLagCollector(cfg LagConfig) *LagCollector {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	constLabels := prometheus.Labels{"topic": cfg.Topic}
	return &LagCollector{
		cfg: cfg,
		log: log.With("component", "kafka_lag", "topic", cfg.Topic, "group", cfg.GroupID),
		lagDesc: stageDesc(cfg.Stage, "consumer_lag_messages",
			"Messages of the partition not yet committed by the consumer group (high watermark less committed offset), read at scrape time.",
			[]string{"partition"}, constLabels),
		errDesc: stageDesc(cfg.Stage, "consumer_lag_scrape_errors_total",
			"Scrapes whose consumer lag could not be read from the brokers.",
			nil, constLabels),
	}
}

// Describe implements prometheus.Collector.
func (c *LagCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.lagDesc
	ch <- c.errDesc
}

// Collect implements prometheus.Collector.
func (c *LagCollector) Collect(ch chan<- prometheus.Metric) {
	timeout := c.cfg.Timeout
	if timeout <= 0 {
		timeout = DefaultLagTimeout
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	lags, err := c.Lag(ctx)
	if err != nil {
		c.errors.Add(1)
		c.log.Debug("consumer lag scrape failed", "err", err)
	}
	for p, lag := range lags {
		ch <- prometheus.MustNewConstMetric(c.lagDesc, prometheus.GaugeValue, float64(lag), strconv.Itoa(p))
	}
	ch <- prometheus.MustNewConstMetric(c.errDesc, prometheus.CounterValue, float64(c.errors.Load()))
}

// Lag returns the group's lag per partition of the topic. It blocks until the brokers
// answered or ctx ends; on error the map is nil.
func (c *LagCollector) Lag(ctx context.Context) (map[int]int64, error) {
	if c.cfg.GroupID == "" || c.cfg.Topic == "" {
		return nil, fmt.Errorf("consumer lag: %w: GroupID and Topic are required", ErrInvalidConfig)
	}
	admin := Config{Brokers: c.cfg.Brokers, ClientID: c.cfg.ClientID}
	if err := admin.Validate(); err != nil {
		return nil, fmt.Errorf("consumer lag: %w", err)
	}
	client, done := admin.adminClient()
	defer done()

	parts, err := topicPartitions(ctx, client, c.cfg.Topic)
	if err != nil {
		return nil, fmt.Errorf("consumer lag: %w", err)
	}
	committed, err := committedOffsets(ctx, client, c.cfg.GroupID, c.cfg.Topic, parts)
	if err != nil {
		return nil, fmt.Errorf("consumer lag: %w", err)
	}
	first, err := listOffsets(ctx, client, c.cfg.Topic, parts, kafka.FirstOffset)
	if err != nil {
		return nil, fmt.Errorf("consumer lag: log start offsets: %w", err)
	}
	last, err := listOffsets(ctx, client, c.cfg.Topic, parts, kafka.LastOffset)
	if err != nil {
		return nil, fmt.Errorf("consumer lag: high watermarks: %w", err)
	}
	lags := make(map[int]int64, len(parts))
	for _, p := range parts {
		from := max(committed[p], first[p]) // no commit is -1
		lags[p] = max(last[p]-from, 0)
	}
	return lags, nil
}

func topicPartitions(ctx context.Context, client *kafka.Client, topic string) ([]int, error) {
	md, err := client.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{topic}})
	if err != nil {
		return nil, err
	}
	for _, t := range md.Topics {
		if t.Name != topic {
			continue
		}
		if t.Error != nil {
			return nil, fmt.Errorf("topic %s: %w", topic, t.Error)
		}
		parts := make([]int, 0, len(t.Partitions))
		for _, p := range t.Partitions {
			parts = append(parts, p.ID)
		}
		return parts, nil
	}
	return nil, fmt.Errorf("topic %s: %w", topic, kafka.UnknownTopicOrPartition)
}

func committedOffsets(ctx context.Context, client *kafka.Client, group, topic string, parts []int) (map[int]int64, error) {
	resp, err := client.OffsetFetch(ctx, &kafka.OffsetFetchRequest{
		GroupID: group,
		Topics:  map[string][]int{topic: parts},
	})
	if err != nil {
		return nil, fmt.Errorf("committed offsets: %w", err)
	}
	out := make(map[int]int64, len(parts))
	if errors.Is(resp.Error, kafka.GroupIdNotFound) {
		// A group that never committed does not exist yet for some brokers (kfake, and
		// Kafka's KIP-848 coordinator): it has no commits, it is not an error.
		for _, p := range parts {
			out[p] = -1
		}
		return out, nil
	}
	if resp.Error != nil {
		return nil, fmt.Errorf("committed offsets of group %s: %w", group, resp.Error)
	}
	var errs []error
	for _, p := range resp.Topics[topic] {
		if p.Error != nil {
			errs = append(errs, fmt.Errorf("committed offset of partition %d: %w", p.Partition, p.Error))
			continue
		}
		out[p.Partition] = p.CommittedOffset
	}
	if len(out) != len(parts) && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("committed offsets: %d of %d partitions answered", len(out), len(parts)))
	}
	return out, errors.Join(errs...)
}

// listOffsets asks for one kind of offset (kafka.FirstOffset or kafka.LastOffset) per
// partition. The two kinds take two requests: a broker rejects a partition twice in one.
func listOffsets(ctx context.Context, client *kafka.Client, topic string, parts []int, which int64) (map[int]int64, error) {
	reqs := make([]kafka.OffsetRequest, len(parts))
	for i, p := range parts {
		reqs[i] = kafka.OffsetRequest{Partition: p, Timestamp: which}
	}
	resp, err := client.ListOffsets(ctx, &kafka.ListOffsetsRequest{Topics: map[string][]kafka.OffsetRequest{topic: reqs}})
	if err != nil {
		return nil, err
	}
	out := make(map[int]int64, len(parts))
	var errs []error
	for _, p := range resp.Topics[topic] {
		if p.Error != nil {
			errs = append(errs, fmt.Errorf("partition %d: %w", p.Partition, p.Error))
			continue
		}
		if which == kafka.FirstOffset {
			out[p.Partition] = p.FirstOffset
		} else {
			out[p.Partition] = p.LastOffset
		}
	}
	if len(out) != len(parts) && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("%d of %d partitions answered", len(out), len(parts)))
	}
	return out, errors.Join(errs...)
}
