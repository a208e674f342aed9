package producer

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
)

// Dir walks a directory tree in lexical order and reads every .jsonl and .ndjson (JSON
// Lines), .json (JSON document) and .txt (text article) file in it. Other files, and files
// and directories whose names start with a dot, are skipped, and symbolic links are not
// followed. A file that cannot be opened ends the read with an error.
type Dir struct {
	root string
}

// NewDir walks the directory at root.
func NewDir(root string) *Dir { return &Dir{root: root} }

// Name implements Source.
func (s *Dir) Name() string { return s.root }

// Read implements Source.
func (s *Dir) Read(ctx context.Context, emit func(Record) error) error {
	err := filepath.WalkDir(s.root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if path != s.root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		src := fileSource(path)
		if src == nil {
			return nil
		}
		return src.Read(ctx, emit)
	})
	if err != nil {
		return fmt.Errorf("walk %s: %w", s.root, err)
	}
	return nil
}
