package producer

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/newsflow/newsflow/internal/article"
)

// Source yields input records. File sources live here; feeds and the push endpoint are
// further implementations of the same interface.
type Source interface {
	// Name names the source in logs and origins: a path, or "-" for standard input.
	Name() string
	// Read calls emit with each record in input order until the input ends (it then returns
	// nil), ctx is done (ctx.Err()), reading fails, or emit returns an error; errors may
	// be wrapped (match them with errors.Is). A record that cannot be read, such as an over-long line, is emitted with Err set
	// rather than ending the read. Read is called once; reader-backed sources cannot be
	// read again.
	Read(ctx context.Context, emit func(Record) error) error
}

// Record is one input record as a source read it.
type Record struct {
	// Origin says where the record came from, "path:line" ("-:3" for standard input). It
	// is what reports name and the origin header on news.dlq.
	Origin string
	// Data is the record as read: the raw JSON, or the file's text. It is decoded with
	// article.Decode unless Article is set, and it is the value dead-lettered when the record
	// is rejected. The receiver owns it.
	Data []byte
	// Article, when set, is the record already decoded by the source (text files, feeds);
	// it is normalised and validated like a decoded one.
	Article *article.Article
	// Err, when set, says that the source could not read the record (an over-long line, a
	// broken JSON document); the record is rejected with article.ReasonOf(Err), or
	// invalid_json when Err carries no reason.
	Err error
	// Done, when set, is called exactly once with the record's outcome: after the broker
	// acknowledged the article (Produced) or its dead letter (Rejected), at once for a
	// Duplicate, or with Failed if the run ended first. Feeds and the push endpoint use it to
	// acknowledge their own clients; it must not block.
	Done func(Outcome)
}

// Result is what became of a record.
type Result uint8

const (
	// Produced: the broker acknowledged the article on the articles topic.
	Produced Result = iota + 1
	// Duplicate: the run already produced this id and revision; the record was dropped.
	Duplicate
	// Rejected: the record is bad; it was reported and dead-lettered.
	Rejected
	// Failed: the run ended (a writer error or cancellation) before the record's outcome
	// was known; it may or may not have reached the broker.
	Failed
)

func (r Result) String() string {
	switch r {
	case Produced:
		return "produced"
	case Duplicate:
		return "duplicate"
	case Rejected:
		return "rejected"
	case Failed:
		return "failed"
	}
	return "Result(" + strconv.Itoa(int(r)) + ")"
}

// Outcome is passed to Record.Done.
type Outcome struct {
	Result Result
	// ID is the article id, when the record got far enough to have one.
	ID string
	// Reason is set for Rejected.
	Reason article.Reason
	// Err is the rejection (Rejected) or the run's error (Failed).
	Err error
}

// Size limits of the file sources.
const (
	// DefaultMaxRecordBytes bounds one JSON line or text file. A longer one is rejected as
	// too_large without being held in memory; only its first maxKeptBytes are kept for the
	// dead letter.
	DefaultMaxRecordBytes = 16 << 20
	// DefaultMaxDocumentBytes bounds a .json document (an object or an array of objects),
	// which is read whole.
	DefaultMaxDocumentBytes = 256 << 20
	// maxKeptBytes is how much of an over-long record is kept, for the dead letter.
	maxKeptBytes = 64 << 10
)

// Open returns the source for a command-line argument: "-" is standard input (read from
// stdin), a directory is walked, and a file is read by its extension: .jsonl and .ndjson as
// JSON Lines, .json as a JSON document, .txt as a text article; any other file is sniffed
// like standard input (see NewStdin). The file is opened when the source is read.
func Open(path string, stdin io.Reader) (Source, error) {
	if path == "-" {
		return NewStdin(stdin), nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("open source: %w", err)
	}
	if fi.IsDir() {
		return NewDir(path), nil
	}
	if s := fileSource(path); s != nil {
		return s, nil
	}
	return &sniffed{name: path, open: openFile(path)}, nil
}

// fileSource returns the source for a file by its extension, or nil for an unknown one.
func fileSource(path string) Source {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
		return NewJSONLinesFile(path)
	case ".json":
		return NewJSONFile(path)
	case ".txt":
		return NewTextFile(path)
	}
	return nil
}

// opener opens a source's input when it is read.
type opener func() (io.ReadCloser, error)

func openFile(path string) opener {
	return func() (io.ReadCloser, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("open source: %w", err)
		}
		return f, nil
	}
}

func openReader(r io.Reader) opener {
	return func() (io.ReadCloser, error) { return io.NopCloser(r), nil }
}

func origin(name string, line int) string { return name + ":" + strconv.Itoa(line) }

// tooLarge is the Err of a record over a source's size limit.
func tooLarge(what string, limit int) error {
	return article.Invalid(article.ReasonTooLarge, "", "%s exceeds the limit of %d bytes", what, limit)
}

// utf8BOM opens files written by some Windows tools; it is not part of the first record.
const utf8BOM = "\xef\xbb\xbf"
