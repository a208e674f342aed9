package producer

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/segmentio/kafka-go"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// fakeWriter records what it is asked to write. fail, when set, decides the error of each
// call (1-based); a kafka.WriteErrors keeps the messages whose entry is nil.
type fakeWriter struct {
	mu    sync.Mutex
	msgs  []kafka.Message
	calls []int // messages per call
	fail  func(call int, msgs []kafka.Message) error
}

func (w *fakeWriter) WriteMessages(ctx context.Context, msgs ...kafka.Message) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.calls = append(w.calls, len(msgs))
	if err := ctx.Err(); err != nil {
		return err
	}
	if w.fail != nil {
		if err := w.fail(len(w.calls), msgs); err != nil {
			var werrs kafka.WriteErrors
			if errors.As(err, &werrs) {
				for i, e := range werrs {
					if e == nil {
						w.msgs = append(w.msgs, msgs[i])
					}
				}
			}
			return err
		}
	}
	w.msgs = append(w.msgs, msgs...)
	return nil
}

func (w *fakeWriter) messages() []kafka.Message {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]kafka.Message(nil), w.msgs...)
}

func (w *fakeWriter) keys() []string {
	var keys []string
	for _, m := range w.messages() {
		keys = append(keys, string(m.Key))
	}
	return keys
}

func header(m kafka.Message, name string) string {
	for _, h := range m.Headers {
		if h.Key == name {
			return string(h.Value)
		}
	}
	return ""
}
