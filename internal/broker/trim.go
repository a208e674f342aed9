package broker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// TrimConfig configures a Trimmer. Zero means default, except where a field says required.
type TrimConfig struct {
	// Brokers are the bootstrap addresses. Required.
	Brokers []string
	// Readers maps each topic to trim to the consumer groups that read it. A partition is
	// trimmed to the lowest offset all of its groups committed, and not at all while one of
	// them has committed nothing there. Topics not named are never trimmed (news.dlq is kept
	// for people to read). Required.
	Readers map[string][]string
	// Interval between trims. Default 30s.
	Interval time.Duration
	// Logger receives a Debug line per trim and a Warn per failure. Nil discards.
	Logger *slog.Logger
}

// Trimmer deletes the records that every group reading a topic has committed past, so that
// a long-running embedded broker holds only what is still to be consumed: its bytes stay
// bounded by the consumers' lag, not by how long it has run. Nothing unconsumed is deleted.
type Trimmer struct {
	cfg TrimConfig
	cl  *kgo.Client
	adm *kadm.Client
}

// NewTrimmer returns a Trimmer; Close it when done.
func NewTrimmer(cfg TrimConfig) (*Trimmer, error) {
	if len(cfg.Brokers) == 0 || len(cfg.Readers) == 0 {
		return nil, fmt.Errorf("broker: TrimConfig.Brokers and Readers are required")
	}
	if cfg.Interval <= 0 {
		cfg.Interval = 30 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	cl, err := kgo.NewClient(kgo.SeedBrokers(cfg.Brokers...))
	if err != nil {
		return nil, fmt.Errorf("trimmer client: %w", err)
	}
	return &Trimmer{cfg: cfg, cl: cl, adm: kadm.NewClient(cl)}, nil
}

// Close releases the client.
func (t *Trimmer) Close() { t.cl.Close() }

// Run trims every Interval until ctx ends; a failed trim is logged and tried again next time.
func (t *Trimmer) Run(ctx context.Context) error {
	tick := time.NewTicker(t.cfg.Interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
			if n, err := t.Trim(ctx); err != nil && ctx.Err() == nil {
				t.cfg.Logger.Warn("trimming consumed records failed", "error", err)
			} else if n > 0 {
				t.cfg.Logger.Debug("trimmed consumed records", "partitions", n)
			}
		}
	}
}

// Trim deletes, once, every record below the offset all readers of its topic committed.
// It returns the number of partitions it moved the start of.
func (t *Trimmer) Trim(ctx context.Context) (int, error) {
	var low kadm.Offsets
	for topic, groups := range t.cfg.Readers {
		perGroup := make([]kadm.OffsetResponses, 0, len(groups))
		for _, g := range groups {
			resp, err := t.adm.FetchOffsets(ctx, g)
			if errors.Is(err, kerr.GroupIDNotFound) {
				break // a group that never committed still needs everything
			}
			if err != nil {
				return 0, fmt.Errorf("fetch offsets of group %s: %w", g, err)
			}
			perGroup = append(perGroup, resp)
		}
		if len(perGroup) == 0 || len(perGroup) < len(groups) {
			continue
		}
		perGroup[0].Each(func(o kadm.OffsetResponse) {
			if o.Topic != topic || o.Err != nil || o.At <= 0 {
				return
			}
			at := o.At
			for _, other := range perGroup[1:] {
				r, ok := other.Lookup(topic, o.Partition)
				if !ok || r.Err != nil || r.At <= 0 {
					return // a group that has committed nothing here still needs everything
				}
				at = min(at, r.At)
			}
			low.AddOffset(topic, o.Partition, at, -1)
		})
	}
	if len(low) == 0 {
		return 0, nil
	}
	resp, err := t.adm.DeleteRecords(ctx, low)
	if err != nil {
		return 0, fmt.Errorf("delete records: %w", err)
	}
	n := 0
	for _, ps := range resp {
		for _, r := range ps {
			if r.Err != nil {
				return n, fmt.Errorf("delete records of %s/%d: %w", r.Topic, r.Partition, r.Err)
			}
			n++
		}
	}
	return n, nil
}
