package cli

import (
	"context"
	"fmt"

	"github.com/newsflow/newsflow/internal/esfake"
	"github.com/newsflow/newsflow/internal/telemetry"
)

func init() {
	register("esfake", "serve the Elasticsearch stand-in used by tests, for multi-process checks", runESFake)
}

func runESFake(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("esfake", "", "Serves a fake Elasticsearch 8 node in memory: index templates, aliases, _bulk with\n"+
		"external versions, get and a minimal _search, enforcing the installed mappings. Not a\n"+
		"search engine: for tests and local checks only.", env.Stderr)
	var (
		c      common
		listen string
	)
	c.registerLog(fs)
	fs.StringVar(&listen, "listen", "127.0.0.1:9200", "host:port to listen on")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if _, err := telemetry.NewLogger(env.Stderr, c.logLevel, c.logFormat); err != nil {
		return usageError{err}
	}
	fmt.Fprintf(env.Stdout, "esfake listening on %s\n", listen)
	return esfake.New(esfake.Options{}).ListenAndServe(ctx, listen)
}
