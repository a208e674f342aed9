package producer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/newsflow/newsflow/producer/fetch"
)

// Defaults of FeedConfig.
const (
	DefaultFeedInterval     = 15 * time.Minute
	DefaultFeedJitter       = 0.1
	DefaultFullTextMinWords = 150
	maxFeedFileBytes        = 16 << 20
)

// FeedConfig configures a FeedSource. Zero values mean the documented default.
type FeedConfig struct {
	// Feeds are the feeds to poll (see ReadFeedList). Required.
	Feeds []Feed
	// Fetcher fetches http(s) feeds and item pages. Required when a feed is remote or
	// full text is on.
	Fetcher *fetch.Client
	// StateDir keeps each feed's state (validators, seen items) across restarts, one JSON
	// file per feed. Empty keeps state in memory only: a restart republishes the feeds.
	StateDir string
	// DefaultInterval is the poll interval of feeds that set none. Default
	// DefaultFeedInterval (15 min).
	DefaultInterval time.Duration
	// Jitter spreads polls: each wait is the interval times a random factor in
	// [1-Jitter, 1+Jitter]. Default DefaultFeedJitter (0.1); negative means none.
	Jitter float64
	// MaxSeen bounds the item keys remembered per feed. Default DefaultMaxSeen.
	MaxSeen int
	// FullTextMinWords: an item whose own text has fewer words has its link fetched and
	// the article text extracted. Default DefaultFullTextMinWords (150); negative never
	// fetches pages.
	FullTextMinWords int

	// Logger receives poll failures (Warn) and poll summaries (Debug). Nil discards.
	Logger *slog.Logger
	// Registerer registers the feed metrics (feedmetrics.go). Nil registers them nowhere.
	Registerer prometheus.Registerer
	// After returns a channel that delivers after d: the poll schedule. Default
	// time.After; tests pass a fake.
	After func(d time.Duration) <-chan time.Time
	// Rand returns a number in [0, 1) for the jitter. Default math/rand/v2.
	Rand func() float64
}

// FeedSource polls feeds and emits their new items as articles. It is a Source whose Read
// runs until ctx ends. An item is remembered as seen, and a feed's validators kept, only
// once the producer settled its records, so what a crash or a failed write loses is
// fetched again at the next poll.
type FeedSource struct {
	cfg     FeedConfig
	metrics *feedMetrics
	log     *slog.Logger
	mu      sync.Mutex // serialises emit: feeds poll concurrently
	states  map[string]*feedState
}

// NewFeeds checks cfg, loads the feeds' saved state and registers the feed metrics.
func NewFeeds(cfg FeedConfig) (*FeedSource, error) {
	if len(cfg.Feeds) == 0 {
		return nil, fmt.Errorf("%w: no feeds", ErrFeedList)
	}
	if err := checkFeeds(cfg.Feeds); err != nil {
		return nil, err
	}
	for _, f := range cfg.Feeds {
		if f.remote() && cfg.Fetcher == nil {
			return nil, fmt.Errorf("%w: Fetcher: required for feed %s", ErrConfig, f.Name)
		}
	}
	if cfg.MaxSeen < 0 {
		return nil, fmt.Errorf("%w: MaxSeen: must not be negative, got %d", ErrConfig, cfg.MaxSeen)
	}
	if cfg.DefaultInterval == 0 {
		cfg.DefaultInterval = DefaultFeedInterval
	}
	if cfg.Jitter == 0 {
		cfg.Jitter = DefaultFeedJitter
	}
	if cfg.MaxSeen == 0 {
		cfg.MaxSeen = DefaultMaxSeen
	}
	if cfg.FullTextMinWords == 0 {
		cfg.FullTextMinWords = DefaultFullTextMinWords
	}
	if cfg.FullTextMinWords > 0 && cfg.Fetcher == nil {
		cfg.FullTextMinWords = -1 // nothing to fetch pages with
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Registerer == nil {
		cfg.Registerer = prometheus.NewRegistry()
	}
	if cfg.After == nil {
		cfg.After = time.After
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Float64
	}
	m, err := newFeedMetrics(cfg.Registerer, cfg.Feeds)
	if err != nil {
		return nil, fmt.Errorf("feed metrics: %w", err)
	}
	s := &FeedSource{cfg: cfg, metrics: m, log: cfg.Logger.With("component", "feeds"), states: map[string]*feedState{}}
	for _, f := range cfg.Feeds {
		st, err := loadFeedState(cfg.StateDir, f)
		if err != nil {
			return nil, err
		}
		s.states[f.Name] = st
	}
	return s, nil
}

// Name implements Source.
func (s *FeedSource) Name() string { return "feeds" }

// Read polls every feed at once, then each on its own interval with jitter, until ctx
// ends; it then returns ctx's error. A failed poll is logged and counted, never fatal.
func (s *FeedSource) Read(ctx context.Context, emit func(Record) error) error {
	var wg sync.WaitGroup
	for _, f := range s.cfg.Feeds {
		wg.Go(func() {
			for {
				if _, err := s.Poll(ctx, f.Name, emit); err != nil && ctx.Err() == nil {
					s.log.Warn("feed poll failed", "feed", f.Name, "error", err)
				}
				select {
				case <-s.cfg.After(s.nextWait(f)):
				case <-ctx.Done():
					return
				}
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}

// nextWait is the feed's interval with jitter.
func (s *FeedSource) nextWait(f Feed) time.Duration {
	d := f.Interval
	if d == 0 {
		d = s.cfg.DefaultInterval
	}
	if s.cfg.Jitter > 0 {
		d = time.Duration(float64(d) * (1 + s.cfg.Jitter*(2*s.cfg.Rand()-1)))
	}
	return d
}

// PollResult says what one poll did.
type PollResult struct {
	NotModified bool
	// Items is how many items the feed listed; New how many of them were emitted.
	Items, New int
	// Produced counts the new items the broker acknowledged (or had already, as
	// duplicates, or dead-lettered); Failed those whose outcome was not known.
	Produced, Failed int
}

// Poll fetches one feed once and emits its new items, waiting for their outcomes, then
// saves the feed's state. It is safe to call concurrently for different feeds, not for one.
func (s *FeedSource) Poll(ctx context.Context, name string, emit func(Record) error) (PollResult, error) {
	f, ok := s.feed(name)
	if !ok {
		return PollResult{}, fmt.Errorf("%w: no feed %q", ErrFeedList, name)
	}
	st := s.states[f.Name]
	s.metrics.polls.WithLabelValues(f.Name).Inc()
	body, validators, notModified, err := s.fetchFeed(ctx, f, st)
	if err != nil {
		return PollResult{}, s.pollError(f, err)
	}
	if notModified {
		s.metrics.notModified.WithLabelValues(f.Name).Inc()
		return PollResult{NotModified: true}, nil
	}
	if err := checkXMLSafe(body); err != nil {
		return PollResult{}, s.pollError(f, err)
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return PollResult{}, s.pollError(f, fmt.Errorf("%w: %w", errFeedParse, err))
	}
	res := PollResult{Items: len(feed.Items)}
	s.metrics.items.WithLabelValues(f.Name).Add(float64(len(feed.Items)))

	type pending struct {
		key     string
		outcome chan Outcome
	}
	var sent []pending
	// Feeds list the newest first: emit the oldest first.
	for i := len(feed.Items) - 1; i >= 0 && ctx.Err() == nil; i-- {
		it := feed.Items[i]
		key := feedItemKey(it)
		if st.has(key) {
			continue
		}
		a := s.itemArticle(ctx, f, feed, it)
		if a == nil {
			continue
		}
		p := pending{key: key, outcome: make(chan Outcome, 1)}
		rec := Record{Origin: "feed:" + f.Name + ":" + truncateOrigin(itemOrigin(it)), Article: a, Done: func(o Outcome) { p.outcome <- o }}
		s.mu.Lock()
		err := emit(rec)
		s.mu.Unlock()
		sent = append(sent, p) // an emitted record is settled even when emit fails
		if err != nil {
			break
		}
	}
	res.New = len(sent)
	complete := ctx.Err() == nil
	for _, p := range sent {
		select {
		case o := <-p.outcome:
			if o.Result == Failed {
				res.Failed++
				complete = false
				continue
			}
			res.Produced++
			if o.Result == Produced {
				s.metrics.articles.WithLabelValues(f.Name).Inc()
			}
			st.add(p.key, s.cfg.MaxSeen)
		case <-ctx.Done():
			// The run is ending: the producer settles what it holds only after Read
			// returns, so do not wait. The item is fetched again next time.
			res.Failed++
			complete = false
		}
	}
	if complete { // keep validators only when every new item is settled
		st.ETag, st.LastModified = validators.ETag, validators.LastModified
	}
	if err := st.save(s.cfg.StateDir, f.Name); err != nil {
		return res, err
	}
	s.log.Debug("feed polled", "feed", f.Name, "items", res.Items, "new", res.New, "failed", res.Failed)
	return res, nil
}

func (s *FeedSource) feed(name string) (Feed, bool) {
	for _, f := range s.cfg.Feeds {
		if f.Name == name {
			return f, true
		}
	}
	return Feed{}, false
}

// validators of a fetched feed.
type validators struct{ ETag, LastModified string }

// fetchFeed fetches a feed conditionally, or reads a feed file (unchanged when its
// modification time and size are those of the last complete poll).
func (s *FeedSource) fetchFeed(ctx context.Context, f Feed, st *feedState) ([]byte, validators, bool, error) {
	if !f.remote() {
		fi, err := os.Stat(f.URL)
		if err != nil {
			return nil, validators{}, false, fmt.Errorf("%w: %w", errFeedRead, err)
		}
		v := validators{LastModified: fmt.Sprintf("%d/%d", fi.ModTime().UnixNano(), fi.Size())}
		if v.LastModified == st.LastModified {
			return nil, v, true, nil
		}
		file, err := os.Open(f.URL)
		if err != nil {
			return nil, validators{}, false, fmt.Errorf("%w: %w", errFeedRead, err)
		}
		defer file.Close()
		body, err := io.ReadAll(io.LimitReader(file, maxFeedFileBytes+1))
		if err != nil {
			return nil, validators{}, false, fmt.Errorf("%w: %w", errFeedRead, err)
		}
		if len(body) > maxFeedFileBytes {
			return nil, validators{}, false, fmt.Errorf("%w: feed file over %d bytes", fetch.ErrTooLarge, maxFeedFileBytes)
		}
		s.metrics.bytes.WithLabelValues(f.Name).Add(float64(len(body)))
		return body, v, false, nil
	}
	resp, err := s.cfg.Fetcher.Get(ctx, fetch.Request{
		URL: f.URL, ETag: st.ETag, LastModified: st.LastModified,
		Accept: "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8",
	})
	if err != nil {
		return nil, validators{}, false, err
	}
	s.metrics.bytes.WithLabelValues(f.Name).Add(float64(len(resp.Body)))
	v := validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	return feedCharset(resp.Body, resp.Header.Get("Content-Type")), v, resp.NotModified, nil
}

// Errors of a poll that are not fetch errors.
var (
	errFeedRead  = errors.New("read feed file")
	errFeedParse = errors.New("parse feed")
)

// pollError counts a failed poll by reason and returns err.
func (s *FeedSource) pollError(f Feed, err error) error {
	if !errors.Is(err, context.Canceled) {
		s.metrics.errors.WithLabelValues(f.Name, feedErrorReason(err)).Inc()
	}
	return fmt.Errorf("feed %s: %w", f.Name, err)
}

func feedErrorReason(err error) string {
	switch {
	case errors.Is(err, errFeedRead):
		return feedReasonRead
	case errors.Is(err, errFeedParse):
		return feedReasonParse
	case errors.Is(err, ErrUnsafeXML):
		return feedReasonUnsafeXML
	}
	return fetch.Reason(err)
}

func truncateOrigin(s string) string {
	if len(s) > 200 {
		return s[:200]
	}
	return s
}
