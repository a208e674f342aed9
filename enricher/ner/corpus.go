package ner

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// Entity types in the CoNLL-2003 convention. The tagger predicts these; the article
// mapping to article.Type* happens in Tag.
const (
	PER  = "PER"
	ORG  = "ORG"
	LOC  = "LOC"
	MISC = "MISC"
)

// Types lists the entity types the tagger knows, in label order.
var Types = []string{PER, ORG, LOC, MISC}

// Corpus formats understood by ReadCorpus.
const (
	FormatCoNLL   = "conll"   // CoNLL-2003: "word POS chunk NER", IOB1, -DOCSTART- between documents
	FormatWikiANN = "wikiann" // WikiANN: "en:token<TAB>BIO"
	FormatRe3d    = "re3d"    // re3d: "token<TAB>BIO" with long type names
	FormatGMB     = "gmb"     // GMB "Annotated Corpus for NER": CSV, latin-1, IOB2
)

// ErrFormat reports a corpus line that does not fit its declared format.
var ErrFormat = errors.New("ner: bad corpus format")

// Sentence is one tokenised sentence with gold entity spans over token indices.
type Sentence struct {
	Words []string
	Spans []TokenSpan
}

// TokenSpan is an entity over tokens [Start, End) of a sentence.
type TokenSpan struct {
	Start, End int
	Type       string
}

// Document is a run of sentences that belong together (a CoNLL -DOCSTART- document).
// Corpora without document boundaries yield one document per sentence.
type Document struct {
	Sentences []Sentence
}

// ReadCorpusFile reads a corpus file in the given format.
func ReadCorpusFile(path, format string) ([]Document, error) {
	return readCorpusFile(path, format, 0)
}

func readCorpusFile(path, format string, max int) ([]Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	defer f.Close()
	docs, err := readCorpus(f, format, max)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return docs, nil
}

// ReadCorpus reads documents from r. Entity types outside PER/ORG/LOC/MISC (after the
// format's mapping) are dropped, so that every format scores on the same types.
func ReadCorpus(r io.Reader, format string) ([]Document, error) {
	return readCorpus(r, format, 0)
}

// readCorpus reads at most max sentences (0: all).
func readCorpus(r io.Reader, format string, max int) ([]Document, error) {
	switch format {
	case FormatCoNLL, "":
		return readColumns(r, columnsCoNLL, max)
	case FormatWikiANN:
		return readColumns(r, columnsWikiANN, max)
	case FormatRe3d:
		return readColumns(r, columnsRe3d, max)
	case FormatGMB:
		return readGMB(r, max)
	}
	return nil, fmt.Errorf("%w: unknown format %q", ErrFormat, format)
}

// columnParser extracts word and raw tag from one non-blank line; docStart reports a
// document separator line.
type columnParser func(line string) (word, tag string, docStart bool, err error)

func columnsCoNLL(line string) (string, string, bool, error) {
	f := strings.Fields(line)
	if len(f) < 2 {
		return "", "", false, fmt.Errorf("%w: %q", ErrFormat, line)
	}
	if f[0] == "-DOCSTART-" {
		return "", "", true, nil
	}
	return f[0], mapTag(f[len(f)-1], nil), false, nil
}

func columnsWikiANN(line string) (string, string, bool, error) {
	w, t, ok := strings.Cut(line, "\t")
	if !ok {
		return "", "", false, fmt.Errorf("%w: %q", ErrFormat, line)
	}
	w = strings.TrimPrefix(w, "en:")
	return w, mapTag(strings.TrimSpace(t), nil), false, nil
}

var re3dTypes = map[string]string{"Person": PER, "Organisation": ORG, "Location": LOC}

func columnsRe3d(line string) (string, string, bool, error) {
	w, t, ok := strings.Cut(line, "\t")
	if !ok {
		return "", "", false, fmt.Errorf("%w: %q", ErrFormat, line)
	}
	return w, mapTag(strings.TrimSpace(t), re3dTypes), false, nil
}

// mapTag normalises a raw tag to "O", "B-T" or "I-T" with T in Types; types may rename
// the raw type (nil keeps it). Unknown types become "O".
func mapTag(raw string, types map[string]string) string {
	if raw == "O" || len(raw) < 3 || raw[1] != '-' {
		return "O"
	}
	t := raw[2:]
	if types != nil {
		t = types[t]
	}
	switch t {
	case PER, ORG, LOC, MISC:
		return raw[:2] + t
	}
	return "O"
}

func readColumns(r io.Reader, parse columnParser, max int) ([]Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var (
		docs  []Document
		cur   Document
		words []string
		tags  []string
	)
	flushSentence := func() {
		if len(words) > 0 {
			cur.Sentences = append(cur.Sentences, Sentence{Words: words, Spans: tagsToSpans(tags)})
		}
		words, tags = nil, nil
	}
	flushDoc := func() {
		flushSentence()
		if len(cur.Sentences) > 0 {
			docs = append(docs, cur)
		}
		cur = Document{}
	}
	n := 0
	for sc.Scan() && (max <= 0 || n < max) {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			if len(words) > 0 {
				n++
			}
			flushSentence()
			continue
		}
		w, t, docStart, err := parse(line)
		if err != nil {
			return nil, err
		}
		if docStart {
			flushDoc()
			continue
		}
		words = append(words, w)
		tags = append(tags, t)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("scan corpus: %w", err)
	}
	flushDoc()
	return docs, nil
}

var gmbTypes = map[string]string{"geo": LOC, "gpe": MISC, "per": PER, "org": ORG, "eve": MISC, "art": MISC}

// readGMB reads the GMB CSV ("Sentence #,Word,POS,Tag", latin-1). Each sentence becomes its
// own document because the corpus keeps no document boundaries.
func readGMB(r io.Reader, max int) ([]Document, error) {
	cr := csv.NewReader(latin1Reader{bufio.NewReader(r)})
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	var (
		docs  []Document
		words []string
		tags  []string
	)
	flush := func() {
		if len(words) > 0 {
			docs = append(docs, Document{Sentences: []Sentence{{Words: words, Spans: tagsToSpans(tags)}}})
		}
		words, tags = nil, nil
	}
	first := true
	for max <= 0 || len(docs) < max {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		if first {
			first = false
			continue
		}
		if len(rec) < 4 {
			return nil, fmt.Errorf("%w: short record %q", ErrFormat, rec)
		}
		if rec[0] != "" {
			flush()
		}
		words = append(words, rec[1])
		tags = append(tags, mapTag(rec[len(rec)-1], gmbTypes))
	}
	flush()
	return docs, nil
}

// latin1Reader decodes ISO-8859-1 bytes to UTF-8.
type latin1Reader struct{ r *bufio.Reader }

func (l latin1Reader) Read(p []byte) (int, error) {
	n := 0
	for n+utf8.UTFMax <= len(p) {
		b, err := l.r.ReadByte()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		n += utf8.EncodeRune(p[n:], rune(b))
	}
	return n, nil
}

// tagsToSpans reads IOB1 or IOB2 tags ("O", "B-T", "I-T") into spans. An I- tag after a
// different type (or after O) starts a span, as IOB1 requires; B- always starts one.
func tagsToSpans(tags []string) []TokenSpan {
	var spans []TokenSpan
	open := -1
	typ := ""
	for i, t := range tags {
		if t == "O" {
			if open >= 0 {
				spans = append(spans, TokenSpan{open, i, typ})
				open = -1
			}
			continue
		}
		prefix, tt := t[0], t[2:]
		if open >= 0 && (prefix == 'B' || tt != typ) {
			spans = append(spans, TokenSpan{open, i, typ})
			open = -1
		}
		if open < 0 {
			open, typ = i, tt
		}
	}
	if open >= 0 {
		spans = append(spans, TokenSpan{open, len(tags), typ})
	}
	return spans
}
