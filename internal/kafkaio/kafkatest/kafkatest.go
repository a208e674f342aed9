// Package kafkatest has hand-written fakes of the small consumer and producer interfaces the
// stages declare, for their unit tests.
package kafkatest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/segmentio/kafka-go"
)

// Reader serves a fixed list of messages to FetchMessage, then blocks until the context ends,
// as a consumer with nothing more to read does. It checks that commits never skip an offset
// within a partition, and closes All once every message was committed. Safe for concurrent use.
type Reader struct {
	mu        sync.Mutex
	msgs      []kafka.Message
	next      int
	committed map[int]int64
	n         int
	all       chan struct{}
	failNext  int
}

// NewReader returns a Reader over msgs.
func NewReader(msgs []kafka.Message) *Reader {
	return &Reader{msgs: msgs, committed: map[int]int64{}, all: make(chan struct{})}
}

// FailCommits makes the next n CommitMessages calls fail, as during a coordinator move.
func (r *Reader) FailCommits(n int) {
	r.mu.Lock()
	r.failNext = n
	r.mu.Unlock()
}

// FetchMessage returns the next message, or blocks until ctx ends when none is left.
func (r *Reader) FetchMessage(ctx context.Context) (kafka.Message, error) {
	r.mu.Lock()
	if r.next < len(r.msgs) {
		m := r.msgs[r.next]
		r.next++
		r.mu.Unlock()
		return m, nil
	}
	r.mu.Unlock()
	<-ctx.Done()
	return kafka.Message{}, ctx.Err()
}

// CommitMessages records the commits; it fails when one would skip an offset.
func (r *Reader) CommitMessages(_ context.Context, msgs ...kafka.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.failNext > 0 {
		r.failNext--
		return errors.New("kafkatest: coordinator not available")
	}
	for _, m := range msgs {
		if prev, ok := r.committed[m.Partition]; ok && m.Offset != prev+1 {
			return fmt.Errorf("kafkatest: commit of partition %d offset %d after %d skips messages", m.Partition, m.Offset, prev)
		}
		r.committed[m.Partition] = m.Offset
		r.n++
	}
	if r.n == len(r.msgs) {
		close(r.all)
	}
	return nil
}

// All is closed once every message was committed.
func (r *Reader) All() <-chan struct{} { return r.all }

// Committed returns how many messages were committed.
func (r *Reader) Committed() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n
}

// Writer records what it is asked to write. Safe for concurrent use.
type Writer struct {
	mu       sync.Mutex
	msgs     []kafka.Message
	failNext int
}

// FailWrites makes the next n WriteMessages calls fail, as while a leader moves.
func (w *Writer) FailWrites(n int) {
	w.mu.Lock()
	w.failNext = n
	w.mu.Unlock()
}

// WriteMessages records msgs, or fails if told to.
func (w *Writer) WriteMessages(_ context.Context, msgs ...kafka.Message) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.failNext > 0 {
		w.failNext--
		return errors.New("kafkatest: leader not available")
	}
	w.msgs = append(w.msgs, msgs...)
	return nil
}

// Messages returns a copy of what was written, in order.
func (w *Writer) Messages() []kafka.Message {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]kafka.Message(nil), w.msgs...)
}

// RunUntilCommitted runs a stage (run) until r saw every message committed, then cancels it
// and fails the test if run returned early or with an error.
func RunUntilCommitted(t testing.TB, r *Reader, run func(ctx context.Context) error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- run(ctx) }()
	select {
	case <-r.All():
	case err := <-done:
		t.Fatalf("the stage stopped before every message was committed: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("the stage stopped with an error: %v", err)
	}
}
