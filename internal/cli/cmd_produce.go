package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/newsflow/newsflow/producer"
)

func init() {
	register("produce", "publish articles from files, directories or stdin to news.raw", runProduce)
}

func runProduce(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("produce", "SOURCE...", "Reads articles from each SOURCE and publishes them to news.raw keyed by article id.\n"+
		"A SOURCE is a JSON Lines file (.jsonl, .ndjson), a JSON document (.json: one article or an\n"+
		"array), a text file (.txt: first line the title, the rest the body), a directory (walked for\n"+
		"those), or - for stdin. Bad records are reported with file:line and reason, counted, and\n"+
		"sent to news.dlq; they never stop the run. Duplicates within a run are dropped.", env.Stderr)
	var (
		c          common
		partitions int
		maxBody    int
		batch      int
		dedup      int
	)
	c.register(fs, "127.0.0.1:0")
	fs.IntVar(&partitions, "partitions", kafkaio.DefaultPartitions, "partitions of topics this command creates when they are missing")
	fs.IntVar(&maxBody, "max-body-bytes", article.DefaultMaxBodyBytes, "article body size limit in bytes")
	fs.IntVar(&batch, "batch-size", producer.DefaultBatchSize, "most messages per acknowledged write")
	fs.IntVar(&dedup, "dedup-capacity", producer.DefaultDedupCapacity, "ids remembered to drop in-run duplicates (about 64 bytes each); negative disables")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("name at least one SOURCE (a file, a directory, or - for stdin)")
	}
	var sources []producer.Source
	for _, arg := range fs.Args() {
		s, err := producer.Open(arg, env.Stdin)
		if err != nil {
			return usageError{err}
		}
		sources = append(sources, s)
	}
	st, err := c.newStage(env, producer.Stage)
	if err != nil {
		return err
	}
	var progress = producerProgress(env)
	return st.run(ctx, func(ctx context.Context) error {
		if err := st.connect(ctx, partitions); err != nil {
			return err
		}
		out := kafkaio.NewWriter(st.kafka, kafkaio.TopicRaw)
		dlq := kafkaio.NewWriter(st.kafka, kafkaio.TopicDLQ)
		st.reg.MustRegister(kafkaio.NewWriterCollector(producer.Stage, out))
		p, err := producer.New(producer.Config{
			Writer: out, DLQ: dlq, Limits: article.Limits{MaxBodyBytes: maxBody},
			MaxMessageBytes: c.maxMessageBytes, BatchSize: batch, DedupCapacity: dedup,
			FlushTimeout: c.drainTimeout, Logger: st.log, Registerer: st.reg, Progress: progress,
		})
		if err != nil {
			return err
		}
		rep, runErr := p.Run(ctx, sources...)
		fmt.Fprintf(env.Stderr, "newsflow produce: %d read, %d produced, %d duplicates dropped, %d rejected in %s\n",
			rep.Read, rep.Produced, rep.Duplicates, rep.RejectedTotal(), rep.Elapsed.Round(1e6))
		return firstErr(runErr, out.Close(), dlq.Close())
	})
}

// producerProgress draws progress only when stderr is a terminal.
func producerProgress(env Env) interface{ Write([]byte) (int, error) } {
	if f, ok := env.Stderr.(*os.File); ok {
		return producer.TerminalProgress(f)
	}
	return nil
}
