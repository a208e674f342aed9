package producer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/segmentio/kafka-go"
)

// batch gathers items until it is written: article messages for the articles topic and
// dead letters for the DLQ, each list in input order.
type batch struct {
	good, bad []item
	bytes     int
}

func (b *batch) add(it item) {
	if it.bad {
		b.bad = append(b.bad, it)
	} else {
		b.good = append(b.good, it)
	}
	b.bytes += len(it.msg.Key) + len(it.msg.Value)
}

func (b *batch) len() int { return len(b.good) + len(b.bad) }

func (b *batch) reset() {
	clear(b.good) // drop the references to the written values
	clear(b.bad)
	b.good, b.bad, b.bytes = b.good[:0], b.bad[:0], 0
}

// write is the write goroutine: it takes the prepared records in input order, drops
// duplicates, gathers batches and writes a batch when it reaches BatchSize or BatchBytes,
// when Linger has passed since its first item, and when the input ends (the read goroutine
// closes r.slots however it stops, so what was read is written). Once ctx is done, the rest
// is written under FlushTimeout.
func (r *run) write(ctx context.Context) error {
	var b batch
	linger := time.NewTimer(r.cfg.Linger)
	linger.Stop()
	defer linger.Stop()
	wctx, cancelFlush := ctx, context.CancelFunc(func() {})
	defer func() { cancelFlush() }()
	flush := func() error {
		linger.Stop()
		if ctx.Err() != nil && wctx == ctx {
			// Cancelled: write what was read, within FlushTimeout.
			wctx, cancelFlush = context.WithTimeout(context.WithoutCancel(ctx), r.cfg.FlushTimeout)
		}
		err := r.flush(wctx, &b)
		if err != nil {
			b.failAll(err)
		}
		b.reset()
		return err
	}
	for {
		select {
		case out, ok := <-r.slots:
			if !ok {
				if err := flush(); err != nil {
					return err
				}
				return ctx.Err()
			}
			it, keep := r.accept(<-out)
			if !keep {
				continue
			}
			b.add(it)
			if b.len() == 1 {
				linger.Reset(r.cfg.Linger)
			}
			if b.len() >= r.cfg.BatchSize || b.bytes >= r.cfg.BatchBytes {
				if err := flush(); err != nil {
					return err
				}
			}
		case <-linger.C:
			if err := flush(); err != nil {
				return err
			}
		}
	}
}

// accept decides, in input order, what becomes of a prepared record: a bad one is logged
// and kept for the DLQ, a duplicate is counted and settled, an article is remembered and
// kept. keep is false for what is not written.
func (r *run) accept(pr prepared) (it item, keep bool) {
	switch {
	case pr.aborted != nil:
		pr.settle(Outcome{Result: Failed, Err: pr.aborted})
		return item{}, false
	case pr.bad:
		level := slog.LevelWarn
		if r.badLogged >= r.cfg.MaxReportedBad {
			level = slog.LevelDebug
		}
		r.badLogged++
		r.log.Log(context.Background(), level, "bad record", "origin", pr.origin, "reason", string(pr.reason), "error", pr.err)
		return pr.item, true
	case r.seen.seen(pr.key):
		r.counts.duplicates.Add(1)
		r.metrics.articles.WithLabelValues(resultDuplicate).Inc()
		pr.settle(Outcome{Result: Duplicate, ID: pr.id})
		return item{}, false
	}
	r.seen.add(pr.key)
	r.metrics.dedupIDs.Set(float64(r.seen.len()))
	return pr.item, true
}

// flush writes the batch's articles, then its dead letters, and settles every item whose
// outcome is known; the caller settles the rest as failed. It returns the first writer
// error.
func (r *run) flush(ctx context.Context, b *batch) error {
	if len(b.good) > 0 {
		err := r.publish(ctx, writerArticles, r.cfg.Writer, b.good)
		for i := range b.good {
			if itemFailed(err, i) {
				continue
			}
			it := &b.good[i]
			r.report.Produced++
			r.report.Bytes += int64(len(it.msg.Value))
			r.counts.produced.Add(1)
			r.metrics.articles.WithLabelValues(resultProduced).Inc()
			r.metrics.bytes.Add(float64(len(it.msg.Value)))
			it.settle(Outcome{Result: Produced, ID: it.id})
			it.done = nil
		}
		if err != nil {
			return fmt.Errorf("publish %d articles: %w", len(b.good), firstWriteError(err))
		}
	}
	if len(b.bad) > 0 {
		if r.cfg.DLQ != nil {
			if err := r.publish(ctx, writerDLQ, r.cfg.DLQ, b.bad); err != nil {
				return fmt.Errorf("publish %d dead letters: %w", len(b.bad), firstWriteError(err))
			}
		}
		for i := range b.bad {
			it := &b.bad[i]
			r.countBad(it)
			it.settle(Outcome{Result: Rejected, ID: it.id, Reason: it.reason, Err: it.err})
			it.done = nil
		}
	}
	return nil
}

// publish writes the items' messages and times the write.
func (r *run) publish(ctx context.Context, writer string, w MessageWriter, items []item) error {
	msgs := make([]kafka.Message, len(items))
	for i := range items {
		msgs[i] = items[i].msg
	}
	start := time.Now()
	err := w.WriteMessages(ctx, msgs...)
	r.metrics.publish.WithLabelValues(writer).Observe(time.Since(start).Seconds())
	return err
}

// itemFailed reports whether message i of a write that returned err failed: every message
// fails unless err is a kafka.WriteErrors that says which did.
func itemFailed(err error, i int) bool {
	if err == nil {
		return false
	}
	var werrs kafka.WriteErrors
	if errors.As(err, &werrs) && i < len(werrs) {
		return werrs[i] != nil
	}
	return true
}

// firstWriteError makes a kafka.WriteErrors, which has no Unwrap, matchable with errors.Is:
// it returns the first failure, saying how many of the batch failed.
func firstWriteError(err error) error {
	var werrs kafka.WriteErrors
	if !errors.As(err, &werrs) {
		return err
	}
	for _, e := range werrs {
		if e != nil {
			return fmt.Errorf("%d of %d messages failed, the first with: %w", werrs.Count(), len(werrs), e)
		}
	}
	return err
}

// countBad records an acknowledged dead letter in the report and metrics.
func (r *run) countBad(it *item) {
	r.report.Rejected[it.reason]++
	if len(r.report.Bad) < r.cfg.MaxReportedBad {
		r.report.Bad = append(r.report.Bad, BadRecord{Origin: it.origin, Reason: it.reason, Err: it.err})
	} else {
		r.report.BadOmitted++
	}
	r.counts.rejected.Add(1)
	r.metrics.articles.WithLabelValues(resultRejected).Inc()
	r.metrics.rejected.WithLabelValues(string(it.reason)).Inc()
}

// failAll settles the items not yet settled as failed.
func (b *batch) failAll(err error) {
	for _, list := range [][]item{b.good, b.bad} {
		for i := range list {
			list[i].settle(Outcome{Result: Failed, ID: list[i].id, Err: err})
			list[i].done = nil
		}
	}
}
