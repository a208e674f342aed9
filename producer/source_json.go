package producer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/newsflow/newsflow/internal/article"
)

// JSONDocument reads a JSON document: an article object, an array of article objects, or
// several of either one after the other. Each article's origin is the line where it starts.
// The document is read whole (up to DefaultMaxDocumentBytes; a larger one is one too_large
// record). A syntax error ends the document: what follows it cannot be told apart, so it is
// one invalid_json record at the line where the broken value starts.
type JSONDocument struct {
	name   string
	open   opener
	maxDoc int
}

// NewJSONFile reads the JSON document at path.
func NewJSONFile(path string) *JSONDocument {
	return &JSONDocument{name: path, open: openFile(path), maxDoc: DefaultMaxDocumentBytes}
}

// NewJSONReader reads a JSON document from r; name prefixes the origins.
func NewJSONReader(name string, r io.Reader) *JSONDocument {
	return &JSONDocument{name: name, open: openReader(r), maxDoc: DefaultMaxDocumentBytes}
}

// Name implements Source.
func (s *JSONDocument) Name() string { return s.name }

// Read implements Source.
func (s *JSONDocument) Read(ctx context.Context, emit func(Record) error) error {
	rc, err := s.open()
	if err != nil {
		return err
	}
	defer rc.Close()
	data, long, err := readBounded(rc, s.maxDoc)
	if err != nil {
		return fmt.Errorf("read %s: %w", s.name, err)
	}
	if long {
		return emit(Record{Origin: origin(s.name, 1), Data: data, Err: tooLarge("document", s.maxDoc)})
	}
	return readDocument(ctx, s.name, data, emit)
}

// readBounded reads r whole if it has at most limit bytes; otherwise it returns the first
// maxKeptBytes with long set, having read no more than limit+1 bytes.
func readBounded(r io.Reader, limit int) (data []byte, long bool, err error) {
	data, err = io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, false, err
	}
	if len(data) > limit {
		return bytes.Clone(data[:min(len(data), maxKeptBytes)]), true, nil // frees the rest
	}
	return data, false, nil
}

// readDocument emits the articles of a JSON document held in data.
func readDocument(ctx context.Context, name string, data []byte, emit func(Record) error) error {
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	dec := json.NewDecoder(bytes.NewReader(data))
	lines := lineCounter{data: data}
	broken := func(at int, err error) error {
		end := min(len(data), at+maxKeptBytes)
		return emit(Record{
			Origin: origin(name, lines.at(at)),
			Data:   bytes.Clone(data[at:end]),
			Err:    article.Invalid(article.ReasonInvalidJSON, "", "broken JSON document: %v", err),
		})
	}
	// next decodes the value starting at or after off (past white space and commas).
	next := func() (int, json.RawMessage, error) {
		at := valueStart(data, int(dec.InputOffset()))
		var raw json.RawMessage
		err := dec.Decode(&raw)
		return at, raw, err
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		at := valueStart(data, int(dec.InputOffset()))
		if at == len(data) {
			return nil
		}
		if data[at] != '[' {
			at, raw, err := next()
			if err != nil {
				return broken(at, err)
			}
			if err := emit(Record{Origin: origin(name, lines.at(at)), Data: raw}); err != nil {
				return err
			}
			continue
		}
		if _, err := dec.Token(); err != nil { // the '['
			return broken(at, err)
		}
		for dec.More() {
			if err := ctx.Err(); err != nil {
				return err
			}
			at, raw, err := next()
			if err != nil {
				return broken(at, err)
			}
			if err := emit(Record{Origin: origin(name, lines.at(at)), Data: raw}); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil { // the ']'
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return broken(valueStart(data, int(dec.InputOffset())), err)
		}
	}
}

// valueStart skips white space and the commas between array elements.
func valueStart(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// lineCounter maps byte offsets, asked in increasing order, to 1-based line numbers.
type lineCounter struct {
	data []byte
	off  int
	line int
}

func (c *lineCounter) at(off int) int {
	if off > len(c.data) {
		off = len(c.data)
	}
	if off > c.off {
		c.line += bytes.Count(c.data[c.off:off], []byte("\n"))
		c.off = off
	}
	return c.line + 1
}
