// Package synth generates deterministic synthetic news articles as JSON Lines, for tests and
// benchmarks of the pipeline (`newsflow gen`). The output mixes original stories, exact
// re-publications under URL variants, syndicated near-copies and bad records of every kind
// the producer rejects; Generate returns the truth about every line, so that a test can check
// what the pipeline made of it.
//
// The same Config always gives byte-identical output.
package synth

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

// DefaultStart is the publication time of the first article when Config.Start is zero. It is
// fixed, not the current time, so that output does not depend on when it was generated.
var DefaultStart = time.Date(2024, time.March, 1, 6, 0, 0, 0, time.UTC)

// DefaultMaxMessageBytes is the pipeline's default message size limit (1 MiB), which too_large
// records exceed.
const DefaultMaxMessageBytes = 1 << 20

// Config says what to generate. Zero values mean the default.
type Config struct {
	// Articles is the number of lines (records) to write, good and bad together.
	Articles int
	// Seed selects the output; the same seed gives the same bytes.
	Seed int64
	// DupRate is the share of lines, in [0, 1], that copy an earlier story: half of them are
	// exact re-publications under a variant of the earlier URL (utm_* parameters, upper-case
	// host, fragment, default port), which have the earlier article's id; half are syndicated
	// near-copies with small edits under another source and URL, which have their own id.
	DupRate float64
	// BadRate is the share of lines, in [0, 1], that the producer must reject. Every rejection
	// reason appears once before any repeats, so BadRate*Articles >= len(BadReasons) covers
	// them all.
	BadRate float64
	// Start is the publication time of the first article; each next one is published up to
	// ten minutes later. Default DefaultStart.
	Start time.Time
	// MaxBodyBytes is the body limit that body_too_large records exceed. Default
	// article.DefaultMaxBodyBytes; at least 32 KiB, so that good bodies stay under it.
	MaxBodyBytes int
	// MaxMessageBytes is the message size limit that too_large records exceed while their body
	// stays under MaxBodyBytes. Default DefaultMaxMessageBytes; at least 64 KiB.
	MaxMessageBytes int
}

// ErrConfig is matched by every error Config.Validate returns.
var ErrConfig = errors.New("invalid synth config")

// Validate names the first bad field.
func (c Config) Validate() error {
	bad := func(field, format string, args ...any) error {
		return fmt.Errorf("%w: %s: %s", ErrConfig, field, fmt.Sprintf(format, args...))
	}
	switch {
	case c.Articles < 0:
		return bad("Articles", "must not be negative, got %d", c.Articles)
	case !(c.DupRate >= 0 && c.DupRate <= 1):
		return bad("DupRate", "must be in [0, 1], got %v", c.DupRate)
	case !(c.BadRate >= 0 && c.BadRate <= 1):
		return bad("BadRate", "must be in [0, 1], got %v", c.BadRate)
	case c.DupRate+c.BadRate > 1:
		return bad("DupRate", "DupRate+BadRate must not exceed 1, got %v", c.DupRate+c.BadRate)
	case c.MaxBodyBytes != 0 && c.MaxBodyBytes < 32<<10:
		return bad("MaxBodyBytes", "must be at least 32 KiB, got %d", c.MaxBodyBytes)
	case c.MaxMessageBytes != 0 && c.MaxMessageBytes < 64<<10:
		return bad("MaxMessageBytes", "must be at least 64 KiB, got %d", c.MaxMessageBytes)
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Start.IsZero() {
		c.Start = DefaultStart
	}
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = article.DefaultMaxBodyBytes
	}
	if c.MaxMessageBytes == 0 {
		c.MaxMessageBytes = DefaultMaxMessageBytes
	}
	return c
}

// Kind says what a generated line is.
type Kind uint8

const (
	// Original is a story's first publication.
	Original Kind = iota + 1
	// URLVariant re-publishes an earlier good line byte for byte under a variant of its URL
	// that canonicalises to the same URL: same id, same revision, so the producer drops it as
	// an in-run duplicate.
	URLVariant
	// NearCopy is a syndicated copy of an earlier good line with small edits (dateline, tense,
	// last paragraph, credit line) under another source and URL: a distinct id that a near-
	// duplicate detector should link to its story.
	NearCopy
	// Bad is a record the producer rejects with Line.Reason.
	Bad
)

func (k Kind) String() string {
	switch k {
	case Original:
		return "original"
	case URLVariant:
		return "url_variant"
	case NearCopy:
		return "near_copy"
	case Bad:
		return "bad"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Line is the truth about one generated line.
type Line struct {
	Kind Kind
	// Reason is why the producer rejects a Bad line; empty otherwise.
	Reason article.Reason
	// ID is the article id the producer derives (article.NewID after normalisation); empty
	// for Bad lines.
	ID string
	// CopyOf is the index in Stats.Lines of the line a URLVariant or NearCopy was made from;
	// -1 for Original and Bad lines.
	CopyOf int
	// Story is the index of the Original line that began the story; the line's own index for
	// an Original, -1 for Bad lines.
	Story int
}

// Good reports whether the producer accepts the line.
func (l Line) Good() bool { return l.Kind != Bad }

// Stats is the truth about a generated output: Lines[i] describes line i+1.
type Stats struct {
	Lines []Line
	// Bytes is the size of the output.
	Bytes int64
}

// Count returns how many lines are of kind k.
func (s *Stats) Count(k Kind) int {
	n := 0
	for _, l := range s.Lines {
		if l.Kind == k {
			n++
		}
	}
	return n
}

// IDs returns the distinct ids of the good lines in order of first appearance: what the
// producer publishes and a downstream store should hold.
func (s *Stats) IDs() []string {
	seen := make(map[string]bool, len(s.Lines))
	var ids []string
	for _, l := range s.Lines {
		if l.Good() && !seen[l.ID] {
			seen[l.ID] = true
			ids = append(ids, l.ID)
		}
	}
	return ids
}

// BadLines maps the 1-based line number of every bad line to its reason.
func (s *Stats) BadLines() map[int]article.Reason {
	m := make(map[int]article.Reason)
	for i, l := range s.Lines {
		if l.Kind == Bad {
			m[i+1] = l.Reason
		}
	}
	return m
}

// Reasons counts the bad lines by reason.
func (s *Stats) Reasons() map[article.Reason]int {
	m := make(map[article.Reason]int)
	for _, l := range s.Lines {
		if l.Kind == Bad {
			m[l.Reason]++
		}
	}
	return m
}

// Generate writes cfg.Articles JSON Lines records to w and returns the truth about each. It
// returns the first write error.
func Generate(w io.Writer, cfg Config) (Stats, error) {
	if err := cfg.Validate(); err != nil {
		return Stats{}, err
	}
	g := newGenerator(cfg.withDefaults())
	bw := bufio.NewWriterSize(w, 256<<10)
	cw := &countingWriter{w: bw}
	stats := Stats{Lines: make([]Line, 0, cfg.Articles)}
	plan := g.plan()
	var line []byte
	for i, kind := range plan {
		var l Line
		line, l = g.next(line[:0], i, kind, plan)
		line = append(line, '\n')
		if _, err := cw.Write(line); err != nil {
			return stats, fmt.Errorf("write line %d: %w", i+1, err)
		}
		stats.Lines = append(stats.Lines, l)
	}
	if err := bw.Flush(); err != nil {
		return stats, fmt.Errorf("flush: %w", err)
	}
	stats.Bytes = cw.n
	return stats, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// windowSize bounds how far back a copy may reach, and so the generator's memory.
const windowSize = 64

// prior is a recent good line that later lines may copy.
type prior struct {
	rec   record
	story *story
	line  int
	root  int
}

type generator struct {
	cfg    Config
	r      *rand.Rand
	clock  time.Time
	window []prior // ring of the last windowSize good lines
	next0  int     // ring position of the next insertion
	bad    badPicker
	buf    []byte
}

func newGenerator(cfg Config) *generator {
	seed := uint64(cfg.Seed)
	return &generator{
		cfg:   cfg,
		r:     rand.New(rand.NewPCG(seed, seed^0x6e657773666c6f77)), // "newsflow"
		clock: cfg.Start.UTC(),
	}
}

// plan decides the kind of every line: exact counts from the rates, shuffled. Copies are
// resolved when they are written (a copy before any good line becomes an original).
func (g *generator) plan() []Kind {
	n := g.cfg.Articles
	nBad := int(math.Round(float64(n) * g.cfg.BadRate))
	nDup := int(math.Round(float64(n) * g.cfg.DupRate))
	if nBad+nDup > n {
		nDup = n - nBad
	}
	if nDup > 0 && nBad+nDup == n {
		nDup-- // a copy needs an original
	}
	kinds := make([]Kind, n)
	for i := range kinds {
		switch {
		case i < nBad:
			kinds[i] = Bad
		case i < nBad+nDup:
			kinds[i] = NearCopy // URLVariant or NearCopy, decided when written
		default:
			kinds[i] = Original
		}
	}
	g.r.Shuffle(n, func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	return kinds
}

// next writes line i (0-based) into b and describes it. A copy planned before any good line
// exists swaps places with the next planned original.
func (g *generator) next(b []byte, i int, kind Kind, plan []Kind) ([]byte, Line) {
	g.clock = g.clock.Add(time.Duration(g.r.IntN(600)) * time.Second)
	if kind == NearCopy && len(g.window) == 0 {
		for j := i + 1; j < len(plan); j++ {
			if plan[j] == Original {
				plan[i], plan[j] = Original, NearCopy
				break
			}
		}
		kind = plan[i]
	}
	switch kind {
	case Bad:
		reason := g.bad.pick(g.r)
		return g.badRecord(b, i, reason), Line{Kind: Bad, Reason: reason, CopyOf: -1, Story: -1}
	case NearCopy:
		if g.r.IntN(2) == 0 {
			if b, l, ok := g.urlVariant(b); ok {
				return b, l
			}
		}
		return g.nearCopy(b, i)
	default:
		return g.original(b, i)
	}
}

// original writes a new story.
func (g *generator) original(b []byte, i int) ([]byte, Line) {
	s := newStory(g.r, g.clock, i+1)
	rec := g.goodRecord(s)
	b = rec.appendJSON(b)
	g.remember(prior{rec: rec, story: s, line: i, root: i})
	return b, Line{Kind: Original, ID: article.NewID(rec.url, rec.title, rec.body), CopyOf: -1, Story: i}
}

// goodRecord fills a record for a new story, varying the optional fields and date forms the
// way real exports do.
func (g *generator) goodRecord(s *story) record {
	r := g.r
	g.buf = s.body(r, g.buf[:0])
	rec := record{source: s.src.name, title: s.title(r), body: string(g.buf)}
	if r.IntN(100) >= 3 { // a few wire items carry no URL: their id comes from the content
		rec.url = s.url(s.src, rec.title, s.serial)
	}
	switch p := r.IntN(100); {
	case p < 70:
		rec.published = s.published.Format(time.RFC3339)
	case p < 80:
		rec.published = s.published.In(time.FixedZone("", (1+r.IntN(9))*3600)).Format(time.RFC3339)
	case p < 90:
		rec.published = s.published.Format(time.RFC1123Z)
	case p < 95:
		rec.published = s.published.Format("2006-01-02 15:04:05")
	default:
		rec.publishedUnix = s.published.Unix()
	}
	if r.IntN(100) < 5 {
		rec.modified = s.published.Add(time.Duration(1+r.IntN(180)) * time.Minute).Format(time.RFC3339)
	}
	if r.IntN(2) == 0 {
		rec.language = "en"
	}
	if r.IntN(2) == 0 {
		rec.byline = "By " + firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))]
	}
	if r.IntN(100) < 40 {
		rec.tags = []string{s.topic.name, s.country.name}
	}
	if r.IntN(100) < 30 {
		rec.wordCount = countWords(g.buf)
	}
	switch p := r.IntN(100); {
	case p < 60:
		rec.schema = article.SchemaVersion
	case p < 80:
		rec.schema = "1.1" // a newer minor version: readers of 1.x accept it
	}
	return rec
}

func (g *generator) remember(p prior) {
	if len(g.window) < windowSize {
		g.window = append(g.window, p)
		return
	}
	g.window[g.next0] = p
	g.next0 = (g.next0 + 1) % windowSize
}
