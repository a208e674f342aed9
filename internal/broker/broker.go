// Package broker runs an embedded Kafka-protocol broker (kfake, from franz-go) for local
// runs and tests: one node on a chosen address, the pipeline's topics created with the
// size setting as max.message.bytes, and optionally a data directory that keeps records,
// topics and consumer group offsets across restarts.
package broker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"

	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
)

// DefaultAddr is the default of Config.Addr: Kafka's usual port on loopback.
const DefaultAddr = "127.0.0.1:9092"

// Config configures Start. Zero values mean the documented default.
type Config struct {
	// Addr is the host:port to listen on and to advertise to clients. Zero means
	// DefaultAddr; "127.0.0.1:0" picks a free port (see Broker.Addrs). A wildcard host
	// (":9092", "0.0.0.0:9092") listens on every interface but is also what clients are
	// told to dial, which only works from the same machine.
	Addr string

	// Partitions is the partition count of topics the broker creates. Zero means
	// kafkaio.DefaultPartitions (6).
	Partitions int

	// DataDir, if set, keeps the broker's state in that directory (created if needed):
	// records, topics and their configs, consumer group offsets. Start reloads it. Empty
	// means in memory only.
	DataDir string

	// SyncWrites makes every produce fsync before it is acknowledged (with DataDir). By
	// default writes reach the disk through the page cache, Kafka's own default: a crash
	// of the machine, not of the process, can lose the last acknowledged batches.
	SyncWrites bool

	// MaxMessageBytes is the size setting (see kafkaio.Config.MaxMessageBytes): the
	// broker's message.max.bytes and every topic's max.message.bytes. Zero means
	// kafkaio.DefaultMaxMessageBytes (1 MiB).
	MaxMessageBytes int

	// Topics are created at start if missing. Nil means kafkaio.Topics (news.raw,
	// news.enriched, news.dlq); an empty non-nil slice creates none.
	Topics []string

	// Logger receives the broker's warnings and errors; its info at Debug. Nil discards.
	Logger *slog.Logger
}

// Broker is a running embedded broker. Its methods are safe for concurrent use.
type Broker struct {
	cluster *kfake.Cluster
	log     *slog.Logger
}

// Start starts a broker and returns once it listens and its topics exist. The broker runs
// until Close; ctx bounds only the start (reloading DataDir, creating topics). The caller
// must call Close.
func Start(ctx context.Context, cfg Config) (*Broker, error) {
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	if cfg.Partitions < 0 {
		return nil, fmt.Errorf("start broker: Partitions %d must not be negative", cfg.Partitions)
	}
	if cfg.Partitions == 0 {
		cfg.Partitions = kafkaio.DefaultPartitions
	}
	if cfg.Topics == nil {
		cfg.Topics = kafkaio.Topics
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	log = log.With("component", "broker")
	// The size setting is validated by the client config's rules, so that the broker
	// accepts exactly what the writers accept.
	if err := (kafkaio.Config{Brokers: []string{"127.0.0.1:1"}, MaxMessageBytes: cfg.MaxMessageBytes}).Validate(); err != nil {
		return nil, fmt.Errorf("start broker: %w", err)
	}
	maxBytes := strconv.Itoa(kafkaio.Config{MaxMessageBytes: cfg.MaxMessageBytes}.MaxBytes())

	addr := cfg.Addr
	opts := []kfake.Opt{
		kfake.NumBrokers(1),
		// kfake listens on 127.0.0.1 unless told otherwise; ListenFn substitutes our
		// address for the one it would pick.
		kfake.ListenFn(func(network, _ string) (net.Listener, error) { return net.Listen(network, addr) }),
		kfake.DefaultNumPartitions(cfg.Partitions),
		kfake.BrokerConfigs(map[string]string{"message.max.bytes": maxBytes}),
		kfake.WithLogger(slogAdapter{log}),
	}
	if cfg.DataDir != "" {
		opts = append(opts, kfake.DataDir(cfg.DataDir))
		if cfg.SyncWrites {
			opts = append(opts, kfake.SyncWrites())
		}
	}
	cluster, err := kfake.NewCluster(opts...)
	if err != nil {
		return nil, fmt.Errorf("start broker on %s: %w", cfg.Addr, err)
	}
	b := &Broker{cluster: cluster, log: log}
	if err := b.ensureTopics(ctx, cfg.Topics, cfg.Partitions, maxBytes); err != nil {
		cluster.Close()
		return nil, fmt.Errorf("start broker: %w", err)
	}
	log.Info("broker started", "addr", b.Addrs(), "data_dir", cfg.DataDir, "partitions", cfg.Partitions)
	return b, nil
}

// ensureTopics creates the missing topics and aligns the max.message.bytes of topics a
// data directory brought back, so that the size setting of this start is the one in force.
// A reloaded topic keeps its partition count: changing it would move keys to other
// partitions.
func (b *Broker) ensureTopics(ctx context.Context, topics []string, partitions int, maxBytes string) error {
	var stale []string
	for _, t := range topics {
		info := b.cluster.TopicInfo(t)
		if info == nil {
			err := b.cluster.CreateTopic(t, int32(partitions), map[string]string{"max.message.bytes": maxBytes})
			if err != nil && !errors.Is(err, kerr.TopicAlreadyExists) {
				return fmt.Errorf("create topic %s: %w", t, err)
			}
			continue
		}
		if n := len(b.cluster.PartitionInfos(t)); n != partitions {
			b.log.Warn("reloaded topic keeps its partition count", "topic", t, "partitions", n, "configured", partitions)
		}
		if v := info.Configs["max.message.bytes"]; v == nil || *v != maxBytes {
			stale = append(stale, t)
		}
	}
	if len(stale) == 0 {
		return nil
	}
	return alterMaxMessageBytes(ctx, b.Addrs(), stale, maxBytes)
}

// Addrs returns the addresses the broker listens on (one), host:port, for clients'
// bootstrap lists.
func (b *Broker) Addrs() []string { return b.cluster.ListenAddrs() }

// Cluster returns the underlying kfake cluster, for tests: fault injection
// (Cluster.Fault), partition and group inspection.
func (b *Broker) Cluster() *kfake.Cluster { return b.cluster }

// Close stops the broker: it stops listening, and with a DataDir writes its state
// (including the latest committed offsets) before returning. Close is idempotent.
func (b *Broker) Close() { b.cluster.Close() }
