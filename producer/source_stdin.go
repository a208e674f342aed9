package producer

import (
	"bufio"
	"context"
	"errors"
	"io"
)

// NewStdin reads standard input, named "-" in origins. Its format is sniffed: input whose
// first non-blank character is '[' is a JSON document (an array of articles); anything else
// is JSON Lines. A single pretty-printed object therefore needs a .json file, not a pipe.
//
// Read returns as soon as ctx is done even while r blocks (a terminal waiting for input);
// the goroutine blocked in r.Read then ends when that read returns.
func NewStdin(r io.Reader) Source {
	return &sniffed{name: "-", open: openReader(r), cancelable: true}
}

// sniffed is a source whose format is told from its first bytes.
type sniffed struct {
	name       string
	open       opener
	cancelable bool
}

func (s *sniffed) Name() string { return s.name }

func (s *sniffed) Read(ctx context.Context, emit func(Record) error) error {
	rc, err := s.open()
	if err != nil {
		return err
	}
	defer rc.Close()
	var r io.Reader = rc
	if s.cancelable {
		cr := newCtxReader(ctx, rc)
		defer cr.stop()
		r = cr
	}
	br := bufio.NewReaderSize(r, 64<<10)
	first, err := firstByte(br)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return err
	}
	if first == '[' {
		data, long, err := readBounded(br, DefaultMaxDocumentBytes)
		if err != nil {
			return err
		}
		if long {
			return emit(Record{Origin: origin(s.name, 1), Data: data, Err: tooLarge("document", DefaultMaxDocumentBytes)})
		}
		return readDocument(ctx, s.name, data, emit)
	}
	return readLines(ctx, s.name, br, DefaultMaxRecordBytes, emit)
}

// firstByte peeks past white space (and a byte order mark) for the first significant byte,
// without consuming anything.
func firstByte(br *bufio.Reader) (byte, error) {
	for n := 1; ; n++ {
		b, err := br.Peek(n)
		if len(b) < n {
			if err == nil {
				err = io.EOF
			}
			return 0, err
		}
		switch c := b[n-1]; c {
		case ' ', '\t', '\r', '\n', 0xef, 0xbb, 0xbf:
			if n == br.Size() {
				return c, nil // only white space so far; the line reader will sort it out
			}
		default:
			return c, nil
		}
	}
}

// ctxReader lets a read blocked in r be abandoned when ctx is done. One goroutine reads r
// ahead into a channel; it ends when r returns an error or after stop.
type ctxReader struct {
	ctx    context.Context
	chunks chan chunk
	done   chan struct{}
	cur    []byte
	err    error
}

type chunk struct {
	b   []byte
	err error
}

func newCtxReader(ctx context.Context, r io.Reader) *ctxReader {
	cr := &ctxReader{ctx: ctx, chunks: make(chan chunk), done: make(chan struct{})}
	go func() {
		for {
			buf := make([]byte, 32<<10)
			n, err := r.Read(buf)
			select {
			case cr.chunks <- chunk{buf[:n], err}:
			case <-cr.done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return cr
}

func (cr *ctxReader) Read(p []byte) (int, error) {
	for len(cr.cur) == 0 {
		if cr.err != nil {
			return 0, cr.err
		}
		select {
		case c := <-cr.chunks:
			cr.cur, cr.err = c.b, c.err
		case <-cr.ctx.Done():
			return 0, cr.ctx.Err()
		}
	}
	n := copy(p, cr.cur)
	cr.cur = cr.cur[n:]
	return n, nil
}

// stop releases the read-ahead goroutine once its current read returns.
func (cr *ctxReader) stop() { close(cr.done) }
