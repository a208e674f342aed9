package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/newsflow/newsflow/internal/retry"
	"github.com/newsflow/newsflow/internal/telemetry"
	"github.com/newsflow/newsflow/sink"
	"github.com/newsflow/newsflow/store/elastic"
)

func init() {
	register("sink", "run the sink stage: news.enriched -> Elasticsearch (dead letters to news.dlq)", runSink)
}

func runSink(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("sink", "", "Consumes news.enriched in a consumer group and writes the articles to Elasticsearch\n"+
		"in bulk, behind the search alias, with the article revision as external version. Commits\n"+
		"an offset only after every article at or below it was stored, found stale, or dead-lettered.", env.Stderr)
	var (
		c          common
		es         elastic.Config
		urls       listFlag
		group      string
		partitions int
		batchSize  int
		batchBytes int
		batchAge   time.Duration
		duplicates bool
		recheck    bool
		candidates int
	)
	c.register(fs, "127.0.0.1:9103")
	urls = listFlag{elastic.DefaultURL}
	fs.Var(&urls, "es-url", "Elasticsearch URLs, comma-separated")
	fs.StringVar(&es.Username, "es-username", "", "Elasticsearch basic-auth user")
	fs.StringVar(&es.Password, "es-password", "", "Elasticsearch basic-auth password")
	fs.StringVar(&es.APIKey, "es-api-key", "", "Elasticsearch API key (base64 of id:key); wins over user and password")
	fs.StringVar(&es.Alias, "es-alias", elastic.DefaultAlias, "search alias the sink writes through")
	fs.StringVar(&es.Index, "es-index", "", "index created behind the alias when there is none (default <alias>-000001)")
	fs.DurationVar(&es.RequestTimeout, "es-request-timeout", elastic.DefaultRequestTimeout, "timeout of one request to Elasticsearch")
	fs.StringVar(&group, "group", "newsflow-sink", "consumer group id")
	fs.IntVar(&partitions, "partitions", kafkaio.DefaultPartitions, "partitions of topics this stage creates when they are missing")
	fs.IntVar(&batchSize, "batch-size", 500, "write a bulk request when this many articles are waiting")
	fs.IntVar(&batchBytes, "batch-bytes", 5<<20, "... or when this many bytes are waiting")
	fs.DurationVar(&batchAge, "batch-age", 500*time.Millisecond, "... or when the oldest waiting article waited this long")
	fs.BoolVar(&duplicates, "duplicates", true, "link near-duplicate copies (duplicate_of) by looking their signatures up in the store before each write")
	fs.BoolVar(&recheck, "duplicate-recheck", true, "look each written batch up again, to link copies another sink wrote at the same moment (a lone sink can turn it off)")
	fs.IntVar(&candidates, "duplicate-candidates", 10_000, "most stored documents one near-duplicate lookup reads (at most 10000, Elasticsearch's result window)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	es.URLs = urls
	st, err := c.newStage(env, sink.Stage)
	if err != nil {
		return err
	}
	store, err := elastic.New(es)
	if err != nil {
		return usageError{err}
	}
	defer store.Close()
	storeReady := telemetry.NewReadyFlag("Elasticsearch template not installed yet")
	st.admin.SetCheck("elasticsearch", storeReady.Check)
	return st.run(ctx, func(ctx context.Context) error {
		if err := st.connect(ctx, partitions); err != nil {
			return err
		}
		err := retry.Backoff{Max: 5 * time.Second}.Do(ctx, func() error { return store.EnsureTemplate(ctx) },
			func(attempt int, err error) {
				st.log.Warn("cannot install the index template yet; retrying", "urls", es.URLs, "attempt", attempt, "error", err)
			})
		if err != nil {
			return fmt.Errorf("install index template: %w", err)
		}
		storeReady.Set(true, "")
		return st.runSink(ctx, &c, sinkOptions{group: group, batchSize: batchSize, batchBytes: batchBytes, batchAge: batchAge,
			noDuplicates: !duplicates, noRecheck: !recheck, dupCandidates: candidates}, store)
	})
}
