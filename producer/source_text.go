package producer

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/newsflow/newsflow/internal/article"
)

// TextFile reads a plain-text article: the first non-empty line is the title, the rest is
// the body. The file's modification time is the article's modified_at, so that producing an
// unchanged file again gives the same revision. The text must be UTF-8 (a file in another
// encoding is rejected as invalid_utf8).
type TextFile struct {
	path    string
	maxSize int
}

// NewTextFile reads the text file at path.
func NewTextFile(path string) *TextFile {
	return &TextFile{path: path, maxSize: DefaultMaxRecordBytes}
}

// Name implements Source.
func (s *TextFile) Name() string { return s.path }

// Read implements Source.
func (s *TextFile) Read(ctx context.Context, emit func(Record) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f, err := os.Open(s.path)
	if err != nil {
		return fmt.Errorf("open source: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("read %s: %w", s.path, err)
	}
	data, long, err := readBounded(f, s.maxSize)
	if err != nil {
		return fmt.Errorf("read %s: %w", s.path, err)
	}
	if long {
		return emit(Record{Origin: origin(s.path, 1), Data: data, Err: tooLarge("text file", s.maxSize)})
	}
	line, a := parseText(data)
	mod := fi.ModTime().UTC()
	a.ModifiedAt = &mod
	return emit(Record{Origin: origin(s.path, line), Data: data, Article: a})
}

// parseText splits a text article into title and body; line is where the title is (1 when
// the text is empty).
func parseText(data []byte) (line int, a *article.Article) {
	text := string(bytes.TrimPrefix(data, []byte(utf8BOM)))
	line = 1
	for text != "" {
		first, rest, _ := strings.Cut(text, "\n")
		if strings.TrimSpace(first) != "" {
			return line, &article.Article{Title: strings.TrimSpace(first), Body: strings.TrimSpace(rest)}
		}
		text = rest
		line++
	}
	return 1, &article.Article{}
}
