package quant

import (
	"context"
	"slices"
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

// Version names the rules of this package, for enricher_version. Bump it when what is
// recognised or how it is valued changes.
const Version = "1"

// DefaultMaxItems is the default of Config.MaxAmounts and Config.MaxDates: far more than an
// article has (the BBC articles average under 3 of each), few enough that the lists stay
// under about 60 KB of JSON each and the enriched message within its size limit.
const DefaultMaxItems = 500

// Config tunes a Tagger. Zero values mean the defaults.
type Config struct {
	// MaxAmounts bounds the amounts kept per article (the first ones in the text).
	// Default DefaultMaxItems.
	MaxAmounts int
	// MaxDates bounds the dates kept per article. Default DefaultMaxItems.
	MaxDates int
}

// Tagger finds money, quantities and dates in article bodies. It is safe for concurrent
// use: its lexicon is shared and read-only, and each call scans with its own scratch.
type Tagger struct {
	lx  *lexicon
	cfg Config
}

// New returns a Tagger. The lexicon is built once per process, on the first call.
func New(cfg Config) *Tagger {
	if cfg.MaxAmounts <= 0 {
		cfg.MaxAmounts = DefaultMaxItems
	}
	if cfg.MaxDates <= 0 {
		cfg.MaxDates = DefaultMaxItems
	}
	return &Tagger{lx: sharedLexicon(), cfg: cfg}
}

// Name implements the enricher's Tagger interface.
func (*Tagger) Name() string { return "quant" }

// Version names the rule set, for enricher_version.
func (*Tagger) Version() string { return Version }

// languages is what Languages returns: one shared slice, so that the pipeline's check per
// article allocates nothing.
var languages = []string{"en"}

// Languages says the tagger reads English: its words for currencies, units, months and
// relative days are English. Callers must not modify the slice.
func (*Tagger) Languages() []string { return languages }

// Tag sets a.Amounts and a.Dates from a.Body, replacing what was there; relative dates are
// resolved against a.PublishedAt (see Find). It never fails on content; it returns ctx's
// error if ctx is already done.
func (t *Tagger) Tag(ctx context.Context, a *article.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	a.Amounts, a.Dates = t.Find(a.Body, a.PublishedAt)
	return nil
}

// Find returns the amounts and the dates of text, each in text order, without overlaps,
// with exact UTF-8 byte offsets (text[Start:End] == Text); nil when there are none.
//
// published is the article's publication time: relative dates ("yesterday", "last
// Monday", "two weeks ago") and dates without a year ("12 March") are resolved against its
// calendar day in its own time zone, and marked Relative. With published nil they are
// skipped: the fetch time can be days after publication, and a wrong date is worse than
// none.
func (t *Tagger) Find(text string, published *time.Time) ([]article.Amount, []article.Date) {
	s := scanners.Get().(*scanner)
	s.lx, s.body = t.lx, text
	s.maxAmounts, s.maxDates = t.cfg.MaxAmounts, t.cfg.MaxDates
	s.hasRef = published != nil && !published.IsZero()
	if s.hasRef {
		y, m, d := published.Date()
		s.ref = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	s.scan()
	var amounts []article.Amount
	var dates []article.Date
	if len(s.amounts) > 0 {
		amounts = slices.Clone(s.amounts)
	}
	if len(s.dates) > 0 {
		dates = slices.Clone(s.dates)
	}
	clear(s.amounts)
	clear(s.dates)
	s.amounts, s.dates, s.body = s.amounts[:0], s.dates[:0], ""
	if len(s.toks) > 1<<16 {
		s.toks = nil // do not keep the scratch of a huge text
	} else {
		s.toks = s.toks[:0]
	}
	scanners.Put(s)
	return amounts, dates
}
