package cli

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"
	"golang.org/x/sync/errgroup"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/newsflow/newsflow/internal/retry"
	"github.com/newsflow/newsflow/internal/telemetry"
)

// stage is what every long-running command sets up the same way: a logger, the private
// registry, the admin server with a readiness flag, and the Kafka config.
type stage struct {
	log   *slog.Logger
	reg   *prometheus.Registry
	admin *telemetry.Admin
	ready *telemetry.ReadyFlag
	kafka kafkaio.Config
}

func (c *common) newStage(env Env, component string) (*stage, error) {
	log, err := telemetry.NewLogger(env.Stderr, c.logLevel, c.logFormat)
	if err != nil {
		return nil, usageError{err}
	}
	reg := telemetry.NewRegistry()
	kcfg := kafkaio.Config{Brokers: c.brokers, MaxMessageBytes: c.maxMessageBytes, ClientID: "newsflow-" + component, Logger: log}
	if err := kcfg.Validate(); err != nil {
		return nil, usageError{err}
	}
	admin, err := telemetry.Listen(telemetry.AdminConfig{Addr: c.adminAddr, Gatherer: reg, Logger: log})
	if err != nil {
		return nil, err
	}
	ready := telemetry.NewReadyFlag("not connected to Kafka yet")
	admin.SetCheck("kafka", ready.Check)
	log.Info("admin server listening", "addr", admin.Addr())
	return &stage{log: log, reg: reg, admin: admin, ready: ready, kafka: kcfg}, nil
}

// connect creates the topics if they are missing, retrying until the brokers answer or ctx
// ends; the stage is ready once it succeeded.
func (s *stage) connect(ctx context.Context, partitions int) error {
	err := retry.Backoff{Max: 5 * time.Second}.Do(ctx, func() error {
		return kafkaio.EnsureTopics(ctx, s.kafka, partitions, kafkaio.Topics...)
	}, func(attempt int, err error) {
		s.log.Warn("cannot reach Kafka yet; retrying", "brokers", s.kafka.Brokers, "attempt", attempt, "error", err)
	})
	if err != nil {
		return fmt.Errorf("connect to Kafka: %w", err)
	}
	s.ready.Set(true, "")
	return nil
}

// run serves the admin endpoints while fn runs; it returns fn's error once both stopped.
func (s *stage) run(ctx context.Context, fn func(ctx context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return s.admin.Serve(gctx) })
	g.Go(func() error {
		defer cancel() // stop the admin server when the stage ends
		return fn(gctx)
	})
	return g.Wait()
}

// deadLetter builds a news.dlq message cut to the size setting, so that dead-lettering can
// never fail for size (the headers it adds could otherwise push a message over the limit).
func (s *stage) deadLetter(orig kafka.Message, stage string, reason article.Reason, err error) kafka.Message {
	return kafkaio.FitDeadLetter(s.kafka, kafkaio.DeadLetter(orig, stage, reason, err))
}
