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
	o := enricherOptions{group: group, concurrency: concurrency, batch: batch, maxBody: maxBody}
	return st.run(ctx, func(ctx context.Context) error {
		if err := st.connect(ctx, partitions); err != nil {
			return err
		}
		return st.runEnricher(ctx, &c, o, taggers)
	})
}
