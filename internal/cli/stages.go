package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/newsflow/newsflow/enricher"
	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/newsflow/newsflow/sink"
	"github.com/newsflow/newsflow/store"
)

// enricherOptions are the enricher's own flags.
type enricherOptions struct {
	group       string
	concurrency int
	batch       int
	maxBody     int
}

// runEnricher runs the enricher stage on st's Kafka until ctx ends, then closes its clients
// in shutdown order: the service has drained and committed; writers, then the reader.
func (st *stage) runEnricher(ctx context.Context, c *common, o enricherOptions, taggers []enricher.Tagger) error {
	reader := kafkaio.NewReader(st.kafka, kafkaio.TopicRaw, o.group)
	out := kafkaio.NewWriter(st.kafka, kafkaio.TopicEnriched)
	dlq := kafkaio.NewWriter(st.kafka, kafkaio.TopicDLQ)
	closeAll := func(err error) error { return firstErr(err, out.Close(), dlq.Close(), reader.Close()) }
	if err := st.register(
		kafkaio.NewReaderCollector(enricher.Stage, reader),
		kafkaio.NewWriterCollector(enricher.Stage, out),
		kafkaio.NewLagCollector(kafkaio.LagConfig{Brokers: st.kafka.Brokers, GroupID: o.group, Topic: kafkaio.TopicRaw, Stage: enricher.Stage, Logger: st.log}),
	); err != nil {
		return closeAll(err)
	}
	svc, err := enricher.New(enricher.Config{
		Reader: reader, Output: out, DLQ: dlq, DeadLetter: st.deadLetter, Taggers: taggers,
		Concurrency: o.concurrency, BatchSize: o.batch, MaxMessageBytes: c.maxMessageBytes,
		Limits: article.Limits{MaxBodyBytes: o.maxBody}, DrainTimeout: c.drainTimeout,
		Logger: st.log, Registerer: st.reg,
	})
	if err != nil {
		return closeAll(err)
	}
	st.log.Info("enricher running", "brokers", st.kafka.Brokers, "group", o.group, "taggers", len(taggers))
	return closeAll(svc.Run(ctx))
}

// sinkOptions are the sink's own flags.
type sinkOptions struct {
	group      string
	batchSize  int
	batchBytes int
	batchAge   time.Duration
	// noDuplicates, noRecheck and dupCandidates are sink.Config's NoDuplicates,
	// NoDuplicateRecheck and DuplicateCandidates.
	noDuplicates  bool
	noRecheck     bool
	dupCandidates int
}

// runSink runs the sink stage into w until ctx ends, then closes its Kafka clients.
func (st *stage) runSink(ctx context.Context, c *common, o sinkOptions, w store.Writer) error {
	return st.runSinkWith(ctx, c, o, w, nil)
}

// runSinkWith is runSink with a callback for every message's final result (sink.Config.OnResult).
func (st *stage) runSinkWith(ctx context.Context, c *common, o sinkOptions, w store.Writer, onResult func(id, result string)) error {
	reader := kafkaio.NewReader(st.kafka, kafkaio.TopicEnriched, o.group)
	dlq := kafkaio.NewWriter(st.kafka, kafkaio.TopicDLQ)
	closeAll := func(err error) error { return firstErr(err, dlq.Close(), reader.Close()) }
	if err := st.register(
		kafkaio.NewReaderCollector(sink.Stage, reader),
		kafkaio.NewLagCollector(kafkaio.LagConfig{Brokers: st.kafka.Brokers, GroupID: o.group, Topic: kafkaio.TopicEnriched, Stage: sink.Stage, Logger: st.log}),
	); err != nil {
		return closeAll(err)
	}
	svc, err := sink.New(sink.Config{
		Reader: reader, Store: w, DLQ: dlq, DeadLetter: st.deadLetter,
		BatchSize: o.batchSize, BatchBytes: o.batchBytes, BatchAge: o.batchAge, DrainTimeout: c.drainTimeout,
		NoDuplicates: o.noDuplicates, NoDuplicateRecheck: o.noRecheck, DuplicateCandidates: o.dupCandidates,
		Logger: st.log, Registerer: st.reg, OnResult: onResult,
	})
	if err != nil {
		return closeAll(err)
	}
	st.log.Info("sink running", "brokers", st.kafka.Brokers, "group", o.group)
	return closeAll(svc.Run(ctx))
}

// register registers collectors on the stage's registry.
func (st *stage) register(cs ...prometheus.Collector) error {
	for _, c := range cs {
		if err := st.reg.Register(c); err != nil {
			return fmt.Errorf("register metrics: %w", err)
		}
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
