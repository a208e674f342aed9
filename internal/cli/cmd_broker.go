package cli

import (
	"context"
	"fmt"

	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/newsflow/newsflow/internal/telemetry"
)

func init() {
	register("broker", "serve an embedded Kafka-protocol broker with the newsflow topics", runBroker)
}

func runBroker(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("broker", "", "Serves an embedded broker that speaks the Kafka wire protocol (kfake), with news.raw,\n"+
		"news.enriched and news.dlq created. For laptops and tests; use a real Kafka cluster in production.", env.Stderr)
	var (
		c   common
		cfg broker.Config
	)
	c.registerLog(fs)
	fs.StringVar(&cfg.Addr, "listen", broker.DefaultAddr, "host:port to listen on and advertise")
	fs.IntVar(&cfg.Partitions, "partitions", kafkaio.DefaultPartitions, "partitions per topic")
	fs.StringVar(&cfg.DataDir, "data-dir", "", "directory to keep records and offsets in across restarts (empty: memory only)")
	fs.BoolVar(&cfg.SyncWrites, "sync-writes", false, "fsync every produce before acknowledging it (with --data-dir)")
	fs.IntVar(&cfg.MaxMessageBytes, "max-message-bytes", 1<<20, "the one message size limit (topics' max.message.bytes)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log, err := telemetry.NewLogger(env.Stderr, c.logLevel, c.logFormat)
	if err != nil {
		return usageError{err}
	}
	cfg.Logger = log.With("component", "broker")
	b, err := broker.Start(ctx, cfg)
	if err != nil {
		return err
	}
	defer b.Close()
	fmt.Fprintf(env.Stdout, "broker listening on %v\n", b.Addrs())
	<-ctx.Done()
	return nil
}
