package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/newsflow/newsflow/enricher"
	"github.com/newsflow/newsflow/internal/article"
)

func init() {
	register("tag", "enrich JSON Lines articles from a file or stdin to stdout, without Kafka", runTag)
}

// tagError is the line written in place of an article that cannot be enriched, so that output
// line N always answers input line N.
type tagError struct {
	Line   int            `json:"line"`
	Error  string         `json:"error"`
	Reason article.Reason `json:"reason"`
}

func runTag(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("tag", "[FILE|-]", "Reads raw articles as JSON Lines (default stdin) and writes one enriched article per\n"+
		"input line, in the same order, as the same JSON the enricher publishes to news.enriched.\n"+
		"A line that cannot be enriched is answered by {\"line\":N,\"error\":...,\"reason\":...}.", env.Stderr)
	var (
		maxMessageBytes int
		maxBodyBytes    int
		workers         int
	)
	fs.IntVar(&maxMessageBytes, "max-message-bytes", 1<<20, "message size limit an enriched article must fit")
	fs.IntVar(&maxBodyBytes, "max-body-bytes", article.DefaultMaxBodyBytes, "article body size limit in bytes")
	fs.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "articles tagged at once")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("at most one input file, got %d", fs.NArg())
	}
	in := env.Stdin
	if name := fs.Arg(0); name != "" && name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	taggers, err := enricher.DefaultTaggers()
	if err != nil {
		return fmt.Errorf("load taggers: %w", err)
	}
	p := enricher.NewPipeline(enricher.PipelineConfig{}, taggers...)
	opts := enricher.ProcessOptions{Limits: article.Limits{MaxBodyBytes: maxBodyBytes}, MaxMessageBytes: maxMessageBytes}
	out := bufio.NewWriterSize(env.Stdout, 1<<16)
	n, bad, err := tagLines(ctx, in, out, p, opts, max(workers, 1))
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	fmt.Fprintf(env.Stderr, "newsflow tag: %d articles enriched, %d rejected\n", n-bad, bad)
	return err
}

// tagLines enriches every non-empty line of in, workers at a time, writing results in input
// order. It returns the number of lines and of rejected lines.
func tagLines(ctx context.Context, in io.Reader, out io.Writer, p *enricher.Pipeline, opts enricher.ProcessOptions, workers int) (n, bad int, err error) {
	r := bufio.NewReaderSize(in, 1<<20)
	now := time.Now()
	type slot struct {
		line   int
		raw    []byte
		result []byte
		bad    bool
	}
	const chunk = 256
	lineNo := 0
	for {
		var slots []*slot
		for len(slots) < chunk {
			raw, rerr := r.ReadBytes('\n')
			if len(raw) > 0 {
				lineNo++
				if trimmed := trimSpace(raw); len(trimmed) > 0 {
					slots = append(slots, &slot{line: lineNo, raw: trimmed})
				}
			}
			if rerr == io.EOF {
				break
			}
			if rerr != nil {
				return n, bad, fmt.Errorf("read input: %w", rerr)
			}
		}
		if len(slots) == 0 {
			return n, bad, nil
		}
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(workers)
		for _, s := range slots {
			g.Go(func() error {
				o, err := p.Process(gctx, s.raw, now, opts)
				if err != nil {
					if gctx.Err() != nil {
						return gctx.Err()
					}
					s.bad = true
					s.result, _ = json.Marshal(tagError{Line: s.line, Error: err.Error(), Reason: article.ReasonOf(err)})
					return nil
				}
				s.result = o.Value
				return nil
			})
		}
		if err := g.Wait(); err != nil {
			return n, bad, err
		}
		for _, s := range slots {
			n++
			if s.bad {
				bad++
			}
			if _, err := out.Write(append(s.result, '\n')); err != nil {
				return n, bad, fmt.Errorf("write output: %w", err)
			}
		}
	}
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r' || b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	return b
}
