package producer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
)

// JSONLines reads one JSON article per line. Blank lines are skipped (but counted for
// origins); a line over the size limit is emitted as a too_large record and the next line
// is read normally.
type JSONLines struct {
	name    string
	open    opener
	maxLine int
}

// NewJSONLinesFile reads the JSON Lines file at path.
func NewJSONLinesFile(path string) *JSONLines {
	return &JSONLines{name: path, open: openFile(path), maxLine: DefaultMaxRecordBytes}
}

// NewJSONLinesReader reads JSON Lines from r; name prefixes the origins.
func NewJSONLinesReader(name string, r io.Reader) *JSONLines {
	return &JSONLines{name: name, open: openReader(r), maxLine: DefaultMaxRecordBytes}
}

// Name implements Source.
func (s *JSONLines) Name() string { return s.name }

// Read implements Source.
func (s *JSONLines) Read(ctx context.Context, emit func(Record) error) error {
	rc, err := s.open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return readLines(ctx, s.name, rc, s.maxLine, emit)
}

// readLines emits every non-blank line of r as a record.
func readLines(ctx context.Context, name string, r io.Reader, maxLine int, emit func(Record) error) error {
	lr := lineReader{r: bufio.NewReaderSize(r, 64<<10), max: maxLine}
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, long, err := lr.next()
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read %s: %w", origin(name, n), err)
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte(utf8BOM))
		}
		rec := Record{Origin: origin(name, n), Data: line}
		if long {
			rec.Err = tooLarge("line", maxLine)
		}
		if long || len(bytes.TrimSpace(line)) > 0 {
			if eerr := emit(rec); eerr != nil {
				return eerr
			}
		}
		if err != nil { // io.EOF after the last line
			return nil
		}
	}
}

// lineReader splits a stream into lines of bounded length.
type lineReader struct {
	r   *bufio.Reader
	max int
}

// next returns the next line without its line ending, in a new slice. A line longer than
// max is returned as its first maxKeptBytes with long set; the rest is skipped. err is
// io.EOF with the last line (possibly empty).
func (lr *lineReader) next() (line []byte, long bool, err error) {
	for {
		chunk, rerr := lr.r.ReadSlice('\n')
		size := len(chunk)
		if rerr == nil {
			size-- // the line ending does not count
		}
		switch {
		case long:
		case len(line)+size > lr.max:
			long = true
			line = append(line, chunk[:min(len(chunk), max(maxKeptBytes-len(line), 0))]...)
		default:
			line = append(line, chunk...)
		}
		if errors.Is(rerr, bufio.ErrBufferFull) {
			continue
		}
		if !long {
			line = bytes.TrimSuffix(line, []byte("\n"))
			line = bytes.TrimSuffix(line, []byte("\r"))
		}
		return line, long, rerr
	}
}
