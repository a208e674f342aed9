package producer

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
)

// readRecord is what a test compares of a record: origin, the data (or the title and body of a
// decoded article) and the rejection reason of a read error.
type readRecord struct {
	origin, data string
	reason       article.Reason
}

func collect(t *testing.T, src Source) []readRecord {
	t.Helper()
	var out []readRecord
	err := src.Read(context.Background(), func(rec Record) error {
		g := readRecord{origin: rec.Origin, data: string(rec.Data)}
		if rec.Article != nil {
			g.data = rec.Article.Title + "|" + rec.Article.Body
		}
		if rec.Err != nil {
			g.reason = article.ReasonOf(rec.Err)
			g.data = ""
		}
		out = append(out, g)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return out
}

func writeFile(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSources(t *testing.T) {
	dir := t.TempDir()
	file := func(name, content string) string { return writeFile(t, filepath.Join(dir, name), content) }
	long := `{"body":"` + strings.Repeat("x", 200) + `"}`
	tests := []struct {
		name string
		src  func() Source
		want []readRecord
	}{
		{
			name: "json lines with blank lines, CRLF, a BOM and no final newline",
			src: func() Source {
				return NewJSONLinesFile(file("a.jsonl", "\ufeff{\"n\":1}\r\n\n  \n{\"n\":2}\n{\"n\":3}"))
			},
			want: []readRecord{{dir + "/a.jsonl:1", `{"n":1}`, ""}, {dir + "/a.jsonl:4", `{"n":2}`, ""}, {dir + "/a.jsonl:5", `{"n":3}`, ""}},
		},
		{
			name: "json lines with an over-long line",
			src: func() Source {
				s := NewJSONLinesReader("in", strings.NewReader("{\"n\":1}\n"+long+"\n{\"n\":3}\n"))
				s.maxLine = 100
				return s
			},
			want: []readRecord{{"in:1", `{"n":1}`, ""}, {"in:2", "", article.ReasonTooLarge}, {"in:3", `{"n":3}`, ""}},
		},
		{
			name: "json lines: a line of exactly the limit fits",
			src: func() Source {
				s := NewJSONLinesReader("in", strings.NewReader("0123456789\n01234567890\n"))
				s.maxLine = 10
				return s
			},
			want: []readRecord{{"in:1", "0123456789", ""}, {"in:2", "", article.ReasonTooLarge}},
		},
		{
			name: "json document: one pretty-printed object",
			src:  func() Source { return NewJSONFile(file("one.json", "\n{\n  \"n\": 1\n}\n")) },
			want: []readRecord{{dir + "/one.json:2", "{\n  \"n\": 1\n}", ""}},
		},
		{
			name: "json document: an array, elements on their own lines",
			src: func() Source {
				return NewJSONReader("arr", strings.NewReader("[\n  {\"n\":1},\n  {\"n\":2}, {\"n\":3},\n\n  {\"n\":4}\n]\n"))
			},
			want: []readRecord{{"arr:2", `{"n":1}`, ""}, {"arr:3", `{"n":2}`, ""}, {"arr:3", `{"n":3}`, ""}, {"arr:5", `{"n":4}`, ""}},
		},
		{
			name: "json document: objects one after another",
			src:  func() Source { return NewJSONReader("cat", strings.NewReader("{\"n\":1}\n{\"n\":2}")) },
			want: []readRecord{{"cat:1", `{"n":1}`, ""}, {"cat:2", `{"n":2}`, ""}},
		},
		{
			name: "json document: broken element ends the document",
			src: func() Source {
				return NewJSONReader("bad", strings.NewReader("[\n{\"n\":1},\n{\"n\":,},\n{\"n\":3}\n]"))
			},
			want: []readRecord{{"bad:2", `{"n":1}`, ""}, {"bad:3", "", article.ReasonInvalidJSON}},
		},
		{
			name: "json document: unterminated array",
			src:  func() Source { return NewJSONReader("open", strings.NewReader("[\n{\"n\":1}\n")) },
			want: []readRecord{{"open:2", `{"n":1}`, ""}, {"open:3", "", article.ReasonInvalidJSON}},
		},
		{
			name: "json document over the size limit",
			src: func() Source {
				s := NewJSONReader("big", strings.NewReader("[ "+long+" ]"))
				s.maxDoc = 100
				return s
			},
			want: []readRecord{{"big:1", "", article.ReasonTooLarge}},
		},
		{
			name: "empty json document",
			src:  func() Source { return NewJSONReader("empty", strings.NewReader(" \n ")) },
			want: nil,
		},
		{
			name: "text file: title after blank lines, body trimmed",
			src: func() Source {
				return NewTextFile(file("story.txt", "\n\n  Storm hits Lisbon  \n\nRain fell.\nWind blew.\n\n"))
			},
			want: []readRecord{{dir + "/story.txt:3", "Storm hits Lisbon|Rain fell.\nWind blew.", ""}},
		},
		{
			name: "text file over the size limit",
			src: func() Source {
				s := NewTextFile(file("big.txt", "Title\n"+strings.Repeat("word ", 50)))
				s.maxSize = 100
				return s
			},
			want: []readRecord{{dir + "/big.txt:1", "", article.ReasonTooLarge}},
		},
		{
			name: "stdin as json lines",
			src:  func() Source { return NewStdin(strings.NewReader("{\"n\":1}\n{\"n\":2}\n")) },
			want: []readRecord{{"-:1", `{"n":1}`, ""}, {"-:2", `{"n":2}`, ""}},
		},
		{
			name: "stdin as a json array",
			src:  func() Source { return NewStdin(strings.NewReader("\n [{\"n\":1},\n{\"n\":2}]")) },
			want: []readRecord{{"-:2", `{"n":1}`, ""}, {"-:3", `{"n":2}`, ""}},
		},
		{
			name: "empty stdin",
			src:  func() Source { return NewStdin(strings.NewReader("")) },
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, tt.src())
			if len(got) != len(tt.want) {
				t.Fatalf("got %d records %q, want %d %q", len(got), got, len(tt.want), tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("record %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestDirSource(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "b.jsonl"), "{\"n\":\"b1\"}\n{\"n\":\"b2\"}\n")
	writeFile(t, filepath.Join(root, "a", "z.json"), "[{\"n\":\"z\"}]")
	writeFile(t, filepath.Join(root, "a", "note.txt"), "Title\nBody")
	writeFile(t, filepath.Join(root, "a", "README.md"), "# not an article")
	writeFile(t, filepath.Join(root, ".hidden", "x.jsonl"), "{\"n\":\"hidden\"}\n")
	writeFile(t, filepath.Join(root, ".skip.jsonl"), "{\"n\":\"hidden\"}\n")
	writeFile(t, filepath.Join(root, "c.NDJSON"), "{\"n\":\"c\"}\n")
	got := collect(t, NewDir(root))
	want := []readRecord{
		{root + "/a/note.txt:1", "Title|Body", ""},
		{root + "/a/z.json:1", `{"n":"z"}`, ""},
		{root + "/b.jsonl:1", `{"n":"b1"}`, ""},
		{root + "/b.jsonl:2", `{"n":"b2"}`, ""},
		{root + "/c.NDJSON:1", `{"n":"c"}`, ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("record %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, path string
		want       string // type of the source
	}{
		{"stdin", "-", "*producer.sniffed"},
		{"directory", dir, "*producer.Dir"},
		{"json lines", writeFile(t, filepath.Join(dir, "x.jsonl"), ""), "*producer.JSONLines"},
		{"ndjson", writeFile(t, filepath.Join(dir, "x.ndjson"), ""), "*producer.JSONLines"},
		{"json", writeFile(t, filepath.Join(dir, "x.json"), ""), "*producer.JSONDocument"},
		{"text", writeFile(t, filepath.Join(dir, "x.TXT"), ""), "*producer.TextFile"},
		{"unknown extension is sniffed", writeFile(t, filepath.Join(dir, "x.log"), ""), "*producer.sniffed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Open(tt.path, strings.NewReader(""))
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if got := typeName(src); got != tt.want {
				t.Errorf("Open(%q) = %s, want %s", tt.path, got, tt.want)
			}
			if src.Name() != tt.path {
				t.Errorf("Name() = %q, want %q", src.Name(), tt.path)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		if _, err := Open(filepath.Join(dir, "nope.jsonl"), nil); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("Open = %v, want fs.ErrNotExist", err)
		}
	})
	t.Run("sniffed file as an array", func(t *testing.T) {
		src, err := Open(writeFile(t, filepath.Join(dir, "arr.data"), "[{\"n\":1},{\"n\":2}]"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := collect(t, src); len(got) != 2 || got[1].data != `{"n":2}` {
			t.Fatalf("got %q", got)
		}
	})
}

func typeName(v any) string {
	switch v.(type) {
	case *sniffed:
		return "*producer.sniffed"
	case *Dir:
		return "*producer.Dir"
	case *JSONLines:
		return "*producer.JSONLines"
	case *JSONDocument:
		return "*producer.JSONDocument"
	case *TextFile:
		return "*producer.TextFile"
	}
	return "?"
}

// blockingReader blocks until released, like a terminal waiting for input.
type blockingReader struct{ release chan struct{} }

func (b blockingReader) Read(p []byte) (int, error) {
	<-b.release
	return 0, errors.New("released")
}

func TestStdinCancel(t *testing.T) {
	release := make(chan struct{})
	defer close(release) // lets the read-ahead goroutine end before goleak looks
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := NewStdin(blockingReader{release}).Read(ctx, func(Record) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Read = %v, want context.Canceled while the reader blocks", err)
	}
}

func TestSourceEmitError(t *testing.T) {
	stop := errors.New("stop")
	dir := t.TempDir()
	sources := map[string]Source{
		"json lines": NewJSONLinesReader("in", strings.NewReader("{}\n{}\n")),
		"json":       NewJSONReader("in", strings.NewReader("[{},{}]")),
		"dir":        NewDir(filepath.Dir(writeFile(t, filepath.Join(dir, "x.jsonl"), "{}\n{}\n"))),
	}
	for name, src := range sources {
		t.Run(name, func(t *testing.T) {
			n := 0
			err := src.Read(context.Background(), func(Record) error { n++; return stop })
			if !errors.Is(err, stop) || n != 1 {
				t.Fatalf("Read = %v after %d records, want the emit error after 1", err, n)
			}
		})
	}
}
