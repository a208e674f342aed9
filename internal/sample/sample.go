// Package sample holds the corpus that `newsflow run` ingests when it is given no input: news
// articles the project wrote itself (see README.md), embedded in the binary so that the
// command works from any directory without ../shared. Expect computes, from the corpus
// itself, what a run over it must report.
package sample

import (
	"bytes"
	_ "embed"
	"sort"
	"sync"
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

//go:embed articles.jsonl
var articles []byte

// Articles returns the corpus as JSON Lines: one article per line, some of them deliberately
// bad. The slice is the caller's own copy.
func Articles() []byte { return bytes.Clone(articles) }

// Origin is the name under which the corpus is read, for record origins and progress.
const Origin = "sample:articles.jsonl"

// BadLine is a corpus line the producer rejects.
type BadLine struct {
	// Line is the 1-based line number in Articles.
	Line int
	// Reason is the dead-letter reason the producer gives it.
	Reason article.Reason
	// Err is the rejection error's text.
	Err string
}

// Expectation is what one `newsflow run --once` over the corpus, into an empty store, must
// report. Every figure is computed from the corpus with the producer's own path
// (article.Decode, Normalize, Validate), never written down by hand.
type Expectation struct {
	// Lines is the number of non-blank lines, each of which the producer reads as a record.
	Lines int
	// Good is the number of lines that decode and validate.
	Good int
	// Produced is the number of distinct (id, revision) pairs among the good lines: the
	// producer drops an in-run duplicate of both, so re-publications of one article under
	// URL variants are produced once, and a correction (same id, higher revision) is
	// produced beside the version it corrects.
	Produced int
	// Stored is the number of distinct ids among the good lines: the store keeps one
	// document per id, the highest revision.
	Stored int
	// IDs are those distinct ids, sorted.
	IDs []string
	// Bad are the rejected lines in file order; len(Bad) is the run's dead_lettered.
	Bad []BadLine
}

// DeadLettered is the number of records the run sends to the dead-letter topic.
func (e Expectation) DeadLettered() int { return len(e.Bad) }

// Reasons counts the bad lines by reason.
func (e Expectation) Reasons() map[article.Reason]int {
	m := make(map[article.Reason]int, len(e.Bad))
	for _, b := range e.Bad {
		m[b.Reason]++
	}
	return m
}

var expect = sync.OnceValue(func() Expectation { return compute(articles) })

// compute derives the expectation for any JSON Lines input.
func compute(data []byte) Expectation {
	var e Expectation
	type key struct {
		id  string
		rev int64
	}
	ids := make(map[string]bool)
	pairs := make(map[key]bool)
	for _, l := range parse(data) {
		e.Lines++
		if l.err != nil {
			e.Bad = append(e.Bad, BadLine{Line: l.n, Reason: article.ReasonOf(l.err), Err: l.err.Error()})
			continue
		}
		e.Good++
		ids[l.a.ID] = true
		pairs[key{l.a.ID, l.a.Revision}] = true
	}
	e.Produced, e.Stored = len(pairs), len(ids)
	for id := range ids {
		e.IDs = append(e.IDs, id)
	}
	sort.Strings(e.IDs)
	return e
}

// Expect returns the truth about the corpus (computed once per process). The caller may
// modify the result.
func Expect() Expectation {
	e := expect()
	e.IDs = append([]string(nil), e.IDs...)
	e.Bad = append([]BadLine(nil), e.Bad...)
	return e
}

// normalizeTime is the fetch time Normalize is given. Every good article in the corpus has a
// published_at, so neither its id nor its revision depends on it.
var normalizeTime = time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)

// line is one non-blank corpus line after the producer's checks: an article or an error.
type line struct {
	n   int
	raw []byte
	a   *article.Article
	err error
}

// parse splits data the way the producer reads JSON Lines (line endings \n or \r\n, blank
// lines skipped, a byte order mark at the start dropped) and decodes, normalises and
// validates every line.
func parse(data []byte) []line {
	var out []line
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	for i, raw := range bytes.Split(data, []byte("\n")) {
		raw = bytes.TrimSuffix(raw, []byte("\r"))
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		l := line{n: i + 1, raw: raw}
		l.a, l.err = article.Decode(raw)
		if l.err == nil {
			l.a.Normalize(normalizeTime)
			if l.err = l.a.Validate(article.Limits{}); l.err != nil {
				l.a = nil
			}
		}
		out = append(out, l)
	}
	return out
}
