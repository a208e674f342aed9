package cli

import (
	"context"
	"fmt"
	"runtime"

	"github.com/newsflow/newsflow/enricher"
	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/kafkaio"
)

func init() {
	register("enrich", "run the enricher stage: news.raw -> tag -> news.enriched (dead letters to news.dlq)", runEnrich)
}

func runEnrich(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("enrich", "", "Consumes news.raw in a consumer group, tags every article (language, places, ...),\n"+
		"publishes it to news.enriched keyed by article id, then commits. Articles that cannot\n"+
		"be enriched go to news.dlq with their reason.", env.Stderr)
	var (
		c           common
		group       string
		partitions  int
		concurrency int
		batch       int
		maxBody     int
	)
	c.register(fs, "127.0.0.1:9102")
	fs.StringVar(&group, "group", "newsflow-enricher", "consumer group id")
	fs.IntVar(&partitions, "partitions", kafkaio.DefaultPartitions, "partitions of topics this stage creates when they are missing")
	fs.IntVar(&concurrency, "concurrency", runtime.GOMAXPROCS(0), "articles tagged at once")
	fs.IntVar(&batch, "batch-size", 256, "messages published and committed together at most")
	fs.IntVar(&maxBody, "max-body-bytes", article.DefaultMaxBodyBytes, "article body size limit in bytes")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := c.newStage(env, enricher.Stage)
	if err != nil {
		return err
	}
	taggers, err := enricher.DefaultTaggers()
	if err != nil {
		return fmt.Errorf("load taggers: %w", err)
	}
	return st.run(ctx, func(ctx context.Context) error {
		if err := st.connect(ctx, partitions); err != nil {
			return err
		}
		reader := kafkaio.NewReader(st.kafka, kafkaio.TopicRaw, group)
		out := kafkaio.NewWriter(st.kafka, kafkaio.TopicEnriched)
		dlq := kafkaio.NewWriter(st.kafka, kafkaio.TopicDLQ)
		st.reg.MustRegister(
			kafkaio.NewReaderCollector(enricher.Stage, reader),
			kafkaio.NewWriterCollector(enricher.Stage, out),
			kafkaio.NewLagCollector(kafkaio.LagConfig{Brokers: st.kafka.Brokers, GroupID: group, Topic: kafkaio.TopicRaw, Stage: enricher.Stage, Logger: st.log}),
		)
		svc, err := enricher.New(enricher.Config{
			Reader: reader, Output: out, DLQ: dlq, DeadLetter: st.deadLetter, Taggers: taggers,
			Concurrency: concurrency, BatchSize: batch, MaxMessageBytes: c.maxMessageBytes,
			Limits: article.Limits{MaxBodyBytes: maxBody}, DrainTimeout: c.drainTimeout,
			Logger: st.log, Registerer: st.reg,
		})
		if err != nil {
			return err
		}
		st.log.Info("enricher running", "brokers", st.kafka.Brokers, "group", group, "taggers", taggers)
		runErr := svc.Run(ctx)
		// Shutdown order: the service has drained and committed; close writers, then the reader.
		return firstErr(runErr, out.Close(), dlq.Close(), reader.Close())
	})
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
