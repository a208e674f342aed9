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
	"github.com/newsflow/newsflow/enricher/dedup"
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
		"A line that cannot be enriched is answered by {\"line\":N,\"error\":...,\"reason\":...}.\n"+
		"Near-duplicates are linked within the input, as the sink links them in the store: each\n"+
		"syndicated copy gets duplicate_of = the id of its story's earliest copy. That needs the whole\n"+
		"input before the first line is written (the output waits in a temporary file).", env.Stderr)
	var (
		maxMessageBytes int
		maxBodyBytes    int
		workers         int
		duplicates      bool
	)
	fs.IntVar(&maxMessageBytes, "max-message-bytes", 1<<20, "message size limit an enriched article must fit")
	fs.IntVar(&maxBodyBytes, "max-body-bytes", article.DefaultMaxBodyBytes, "article body size limit in bytes")
	fs.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "articles tagged at once")
	fs.BoolVar(&duplicates, "duplicates", true, "link near-duplicates within the input (false: stream each line out at once)")
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
	var n, bad, copies int
	if duplicates {
		n, bad, copies, err = tagLinked(ctx, in, out, p, opts, max(workers, 1))
	} else {
		n, bad, err = tagLines(ctx, in, out, p, opts, max(workers, 1), nil)
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	fmt.Fprintf(env.Stderr, "newsflow tag: %d articles enriched, %d rejected", n-bad, bad)
	if duplicates {
		fmt.Fprintf(env.Stderr, ", %d near-duplicate copies linked", copies)
	}
	fmt.Fprintln(env.Stderr)
	return err
}

// tagLinked is tagLines with near-duplicates linked across the whole input: the enriched lines
// wait in a temporary file while each article's signature is kept; then every copy's line is
// written with duplicate_of set, by the rule the sink applies in the store (dedup.Resolve over
// the highest revision of each id; the other revisions of an id get the same answer).
func tagLinked(ctx context.Context, in io.Reader, out io.Writer, p *enricher.Pipeline, opts enricher.ProcessOptions, workers int) (n, bad, copies int, err error) {
	spool, err := os.CreateTemp("", "newsflow-tag-*.jsonl")
	if err != nil {
		return 0, 0, 0, fmt.Errorf("temporary file: %w", err)
	}
	defer os.Remove(spool.Name())
	defer spool.Close()
	var links tagLinks
	w := bufio.NewWriterSize(spool, 1<<16)
	n, bad, err = tagLines(ctx, in, w, p, opts, workers, links.note)
	if ferr := w.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("temporary file: %w", ferr)
	}
	if err != nil {
		return n, bad, 0, err
	}
	roots := links.resolve()
	if _, err := spool.Seek(0, io.SeekStart); err != nil {
		return n, bad, 0, fmt.Errorf("temporary file: %w", err)
	}
	r := bufio.NewReaderSize(spool, 1<<20)
	for k := 0; ; k++ {
		line, rerr := r.ReadBytes('\n')
		if len(line) > 0 {
			if k < len(links.ids) && roots[links.ids[k]] != "" {
				a, derr := article.Decode(line[:len(line)-1])
				if derr != nil {
					return n, bad, copies, fmt.Errorf("re-read output line %d: %w", k+1, derr)
				}
				a.DuplicateOf = roots[a.ID]
				enc, eerr := article.Encode(a)
				if eerr != nil {
					return n, bad, copies, fmt.Errorf("encode output line %d: %w", k+1, eerr)
				}
				line = append(enc, '\n')
				copies++
			}
			if _, err := out.Write(line); err != nil {
				return n, bad, copies, fmt.Errorf("write output: %w", err)
			}
		}
		if rerr == io.EOF {
			return n, bad, copies, nil
		}
		if rerr != nil {
			return n, bad, copies, fmt.Errorf("temporary file: %w", rerr)
		}
	}
}

// tagLinks collects, in output order, each line's article id ("" for a rejected line) and,
// per id, the highest revision's date and signature.
type tagLinks struct {
	ids   []string
	byID  map[string]int // id -> index in items
	revs  []int64
	items []dedup.Item
}

func (l *tagLinks) note(a *article.Article) {
	if a == nil {
		l.ids = append(l.ids, "")
		return
	}
	l.ids = append(l.ids, a.ID)
	if l.byID == nil {
		l.byID = make(map[string]int)
	}
	it := dedup.Item{ID: a.ID, Date: dedup.DateOf(a), Sig: dedup.SignArticle(a)}
	if i, ok := l.byID[a.ID]; ok {
		if a.Revision >= l.revs[i] {
			l.items[i], l.revs[i] = it, a.Revision
		}
		return
	}
	l.byID[a.ID] = len(l.items)
	l.items = append(l.items, it)
	l.revs = append(l.revs, a.Revision)
}

func (l *tagLinks) resolve() map[string]string { return dedup.Resolve(l.items) }

// tagLines enriches every non-empty line of in, workers at a time, writing results in input
// order. It returns the number of lines and of rejected lines. note, when set, is called with
// each line's enriched article (nil for a rejected line), in output order.
func tagLines(ctx context.Context, in io.Reader, out io.Writer, p *enricher.Pipeline, opts enricher.ProcessOptions, workers int, note func(*article.Article)) (n, bad int, err error) {
	r := bufio.NewReaderSize(in, 1<<20)
	now := time.Now()
	type slot struct {
		line   int
		raw    []byte
		result []byte
		art    *article.Article
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
				s.result, s.art = o.Value, o.Article
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
			if note != nil {
				note(s.art)
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
