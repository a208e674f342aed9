package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/newsflow/newsflow/enricher/keywords/internal/words"
)

// docFreq counts, for every lower-case word with a letter, the documents it occurs in.
type docFreq struct {
	docs int
	df   map[string]int
	seen map[string]bool
	buf  []byte
}

func (d *docFreq) add(text string) {
	clear(d.seen)
	for i := 0; ; {
		w, next, ok := words.Next(text, i)
		if !ok {
			break
		}
		i = next
		if w.Digit {
			continue
		}
		d.buf = words.AppendLower(d.buf[:0], text[w.Start:w.End])
		if !d.seen[string(d.buf)] {
			d.seen[string(d.buf)] = true
		}
	}
	for k := range d.seen {
		d.df[k]++
	}
	d.docs++
}

// readBBC feeds every BBC article (title and body) to d.
func readBBC(dir string, d *docFreq) error {
	files, err := filepath.Glob(filepath.Join(dir, "topic", "bbc", "*", "*.txt"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no BBC articles under %s", dir)
	}
	slices.Sort(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		d.add(string(b))
	}
	return nil
}

// readReuters feeds the body of every ModApte TRAIN story to d (titles are in capitals).
func readReuters(dir string, d *docFreq) error {
	files, err := filepath.Glob(filepath.Join(dir, "topic", "reuters21578", "reut2-*.sgm"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no Reuters files under %s", dir)
	}
	slices.Sort(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		for _, rec := range strings.Split(string(b), "<REUTERS ")[1:] {
			head, _, _ := strings.Cut(rec, ">")
			if !strings.Contains(head, `LEWISSPLIT="TRAIN"`) {
				continue
			}
			_, body, ok := strings.Cut(rec, "<BODY>")
			if !ok {
				continue
			}
			body, _, _ = strings.Cut(body, "</BODY>")
			d.add(unescape(body))
		}
	}
	return nil
}

// unescape undoes the SGML entities that matter for word splitting.
func unescape(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&#3;", " ").Replace(s)
}

// classCounts counts, per lower-case word, its part-of-speech tags by class.
type classCounts map[string]*[4]int // noun, adjective, verb, other

const (
	classNoun = iota
	classAdj
	classVerb
	classOther
)

func (c classCounts) add(word, pos string) {
	k := strings.ToLower(word)
	n := c[k]
	if n == nil {
		n = new([4]int)
		c[k] = n
	}
	switch {
	case strings.HasPrefix(pos, "NN"):
		n[classNoun]++
	case strings.HasPrefix(pos, "JJ"):
		n[classAdj]++
	case strings.HasPrefix(pos, "VB"):
		n[classVerb]++
	default:
		n[classOther]++
	}
}

// readCoNLL adds the POS tags of a CoNLL-2003 file ("word POS chunk NER" lines).
func readCoNLL(path string, c classCounts) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 2 || fs[0] == "-DOCSTART-" {
			continue
		}
		c.add(fs[0], fs[1])
	}
	return sc.Err()
}

// readGMB adds the POS tags of the GMB CSV ("Sentence #,Word,POS,Tag", latin-1).
func readGMB(path string, c classCounts) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(latin1{bufio.NewReader(f)})
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	if _, err := r.Read(); err != nil {
		return err
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if len(rec) >= 3 {
			c.add(rec[1], rec[2])
		}
	}
}

// latin1 decodes ISO 8859-1 bytes into UTF-8.
type latin1 struct{ r *bufio.Reader }

func (l latin1) Read(p []byte) (int, error) {
	n := 0
	for n+2 <= len(p) {
		b, err := l.r.ReadByte()
		if err != nil {
			return n, err
		}
		if b < 0x80 {
			p[n] = b
			n++
			continue
		}
		p[n], p[n+1] = 0xc0|b>>6, 0x80|b&0x3f
		n += 2
	}
	return n, nil
}
