package synth

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsflow/newsflow/internal/article"
)

// testLimits keep the oversized bad records small, so that the tests stay fast.
const (
	testMaxBody    = 32 << 10
	testMaxMessage = 64 << 10
)

var testNow = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

func generate(t *testing.T, cfg Config) ([]byte, Stats) {
	t.Helper()
	var buf bytes.Buffer
	st, err := Generate(&buf, cfg)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	if st.Bytes != int64(buf.Len()) {
		t.Fatalf("Stats.Bytes = %d, wrote %d", st.Bytes, buf.Len())
	}
	return buf.Bytes(), st
}

func splitLines(t *testing.T, out []byte) [][]byte {
	t.Helper()
	if len(out) > 0 && out[len(out)-1] != '\n' {
		t.Fatalf("output does not end with a newline")
	}
	lines := bytes.Split(out, []byte("\n"))
	return lines[:len(lines)-1]
}

// outcome runs a line through the producer's checks: decode, normalise, validate, and the
// encoded size against the message limit.
func outcome(line []byte, maxBody, maxMessage int) (*article.Article, article.Reason, error) {
	a, err := article.Decode(line)
	if err != nil {
		return nil, article.ReasonOf(err), err
	}
	a.Normalize(testNow)
	if err := a.Validate(article.Limits{MaxBodyBytes: maxBody}); err != nil {
		return a, article.ReasonOf(err), err
	}
	enc, err := article.Encode(a)
	if err != nil {
		return a, "encode", err
	}
	if len(enc) > maxMessage {
		return a, article.ReasonTooLarge, nil
	}
	return a, "", nil
}

func TestGenerateTruth(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"small limits", Config{Articles: 600, Seed: 7, DupRate: 0.2, BadRate: 0.1, MaxBodyBytes: testMaxBody, MaxMessageBytes: testMaxMessage}},
		{"default limits", Config{Articles: 80, Seed: 3, DupRate: 0.3, BadRate: 0.1}},
		{"only good", Config{Articles: 50, Seed: 1}},
		{"mostly bad", Config{Articles: 40, Seed: 2, DupRate: 0.05, BadRate: 0.9, MaxBodyBytes: testMaxBody, MaxMessageBytes: testMaxMessage}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, st := generate(t, tt.cfg)
			cfg := tt.cfg.withDefaults()
			lines := splitLines(t, out)
			if len(lines) != cfg.Articles || len(st.Lines) != cfg.Articles {
				t.Fatalf("%d lines, %d in stats, want %d", len(lines), len(st.Lines), cfg.Articles)
			}
			articles := make([]*article.Article, len(lines))
			for i, line := range lines {
				want := st.Lines[i]
				a, reason, err := outcome(line, cfg.MaxBodyBytes, cfg.MaxMessageBytes)
				articles[i] = a
				if !want.Good() {
					if reason != want.Reason {
						t.Errorf("line %d: reason %q (%v), stats say %q", i+1, reason, err, want.Reason)
					}
					continue
				}
				if reason != "" {
					t.Errorf("line %d (%v): rejected as %q: %v", i+1, want.Kind, reason, err)
					continue
				}
				if a.ID != want.ID {
					t.Errorf("line %d: id %s, stats say %s", i+1, a.ID, want.ID)
				}
				if n := countWords([]byte(a.Body)); n < MinWords || n > MaxWords {
					t.Errorf("line %d: %d words, want %d..%d", i+1, n, MinWords, MaxWords)
				}
			}
			checkCopies(t, st, articles)
			checkCounts(t, cfg, st)
		})
	}
}

// checkCopies checks that URL variants are exact re-publications (same id and revision as
// the line they copy) and near-copies are distinct articles with nearly the same text.
func checkCopies(t *testing.T, st Stats, articles []*article.Article) {
	t.Helper()
	for i, l := range st.Lines {
		switch l.Kind {
		case Original:
			if l.CopyOf != -1 || l.Story != i {
				t.Errorf("line %d: original with CopyOf %d, Story %d", i+1, l.CopyOf, l.Story)
			}
		case URLVariant, NearCopy:
			if l.CopyOf < 0 || l.CopyOf >= i || !st.Lines[l.CopyOf].Good() {
				t.Errorf("line %d: CopyOf %d is not an earlier good line", i+1, l.CopyOf)
				continue
			}
			if root := st.Lines[l.Story]; root.Kind != Original || st.Lines[l.CopyOf].Story != l.Story {
				t.Errorf("line %d: Story %d is not the root of line %d", i+1, l.Story, l.CopyOf+1)
			}
			a, src := articles[i], articles[l.CopyOf]
			if l.Kind == URLVariant {
				if a.URL == src.URL || a.ID != src.ID || a.Revision != src.Revision || a.Body != src.Body {
					t.Errorf("line %d: URL variant %q of %q: id %s vs %s, revision %d vs %d", i+1, a.URL, src.URL, a.ID, src.ID, a.Revision, src.Revision)
				}
				continue
			}
			if a.ID == src.ID || a.Source == src.Source || a.Body == src.Body {
				t.Errorf("line %d: near-copy of line %d has the same id, source or body", i+1, l.CopyOf+1)
			}
			if shared := sharedSentences(src.Body, a.Body); shared < 0.6 {
				t.Errorf("line %d: near-copy has only %.2f of the sentences of line %d", i+1, shared, l.CopyOf+1)
			}
		}
	}
}

// sharedSentences returns the share of the sentences of a found verbatim in b.
func sharedSentences(a, b string) float64 {
	sentences := strings.Split(strings.ReplaceAll(a, "\n\n", " "), ". ")
	n := 0
	for _, s := range sentences {
		if strings.Contains(b, s) {
			n++
		}
	}
	return float64(n) / float64(len(sentences))
}

func checkCounts(t *testing.T, cfg Config, st Stats) {
	t.Helper()
	nBad := st.Count(Bad)
	if want := int(float64(cfg.Articles)*cfg.BadRate + 0.5); nBad != want {
		t.Errorf("%d bad lines, want %d", nBad, want)
	}
	nDup := st.Count(URLVariant) + st.Count(NearCopy)
	if want := int(float64(cfg.Articles)*cfg.DupRate + 0.5); nDup != want && !(nDup == want-1 && nBad+want == cfg.Articles) {
		t.Errorf("%d copies, want %d", nDup, want)
	}
	if nBad >= len(BadReasons) {
		got := st.Reasons()
		for _, r := range BadReasons {
			if got[r] == 0 {
				t.Errorf("no bad line with reason %s", r)
			}
		}
	}
	if len(st.BadLines()) != nBad {
		t.Errorf("BadLines has %d entries, want %d", len(st.BadLines()), nBad)
	}
	if ids := st.IDs(); len(ids) != cfg.Articles-nBad-st.Count(URLVariant) {
		t.Errorf("%d distinct ids, want good lines less URL variants: %d", len(ids), cfg.Articles-nBad-st.Count(URLVariant))
	}
}

func TestGenerateDeterministic(t *testing.T) {
	cfg := Config{Articles: 300, Seed: 42, DupRate: 0.2, BadRate: 0.1, MaxBodyBytes: testMaxBody, MaxMessageBytes: testMaxMessage}
	a, sa := generate(t, cfg)
	b, sb := generate(t, cfg)
	if !bytes.Equal(a, b) {
		t.Fatal("same config gave different bytes")
	}
	for i := range sa.Lines {
		if sa.Lines[i] != sb.Lines[i] {
			t.Fatalf("line %d: stats differ: %+v vs %+v", i+1, sa.Lines[i], sb.Lines[i])
		}
	}
	cfg.Seed = 43
	if c, _ := generate(t, cfg); bytes.Equal(a, c) {
		t.Fatal("another seed gave the same bytes")
	}
	cfg.Seed = 42
	cfg.Start = DefaultStart.Add(time.Hour)
	if c, _ := generate(t, cfg); bytes.Equal(a, c) {
		t.Fatal("another start gave the same bytes")
	}
}

// TestGenerateVariety checks that the text gives the enricher something to find: every
// topic, non-ASCII place names, and a spread of lengths.
func TestGenerateVariety(t *testing.T) {
	out, st := generate(t, Config{Articles: 300, Seed: 5})
	lines := splitLines(t, out)
	topicSeen := map[string]bool{}
	var short, long, nonASCII, noURL int
	for i, line := range lines {
		a, reason, err := outcome(line, article.DefaultMaxBodyBytes, DefaultMaxMessageBytes)
		if reason != "" {
			t.Fatalf("line %d: %s: %v", i+1, reason, err)
		}
		for _, tp := range topics {
			if strings.Contains(a.URL, "/"+tp.name+"/") {
				topicSeen[tp.name] = true
			}
		}
		if a.URL == "" {
			noURL++
		}
		switch n := countWords([]byte(a.Body)); {
		case n < 400:
			short++
		case n > 1000:
			long++
		}
		if !isASCII(a.Body) {
			nonASCII++
		}
	}
	if len(topicSeen) != len(topics) {
		t.Errorf("topics seen in URLs: %v, want all %d", topicSeen, len(topics))
	}
	if short == 0 || long == 0 || nonASCII == 0 || noURL == 0 {
		t.Errorf("short %d, long %d, non-ASCII %d, without URL %d: want some of each", short, long, nonASCII, noURL)
	}
	if st.Count(Original) != 300 {
		t.Errorf("%d originals, want 300", st.Count(Original))
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name  string
		cfg   Config
		field string
	}{
		{"zero is valid", Config{}, ""},
		{"negative articles", Config{Articles: -1}, "Articles"},
		{"dup rate over one", Config{DupRate: 1.5}, "DupRate"},
		{"bad rate negative", Config{BadRate: -0.1}, "BadRate"},
		{"rates over one together", Config{DupRate: 0.6, BadRate: 0.5}, "DupRate"},
		{"tiny body limit", Config{MaxBodyBytes: 1000}, "MaxBodyBytes"},
		{"tiny message limit", Config{MaxMessageBytes: 1000}, "MaxMessageBytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tt.field) {
				t.Fatalf("Validate = %v, want ErrConfig naming %s", err, tt.field)
			}
			if _, gerr := Generate(io.Discard, tt.cfg); !errors.Is(gerr, ErrConfig) {
				t.Fatalf("Generate = %v, want ErrConfig", gerr)
			}
		})
	}
}

type failingWriter struct{ after int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.after -= len(p); w.after < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestGenerateWriteError(t *testing.T) {
	_, err := Generate(&failingWriter{after: 100 << 10}, Config{Articles: 500, Seed: 1})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Generate = %v, want the write error", err)
	}
}

func TestAppendString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", `"plain"`},
		{"a \"q\" \\ b", `"a \"q\" \\ b"`},
		{"l1\nl2\tx\r", `"l1\nl2\tx\r"`},
		{"bell\x07", `"bell\u0007"`},
		{"Zürich", `"Zürich"`},
		{"bad \xff byte", "\"bad \xff byte\""},
	}
	for _, tt := range tests {
		if got := string(appendString(nil, tt.in)); got != tt.want {
			t.Errorf("appendString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	const n = 1000
	var size int64
	for b.Loop() {
		st, err := Generate(io.Discard, Config{Articles: n, Seed: 1, DupRate: 0.1, BadRate: 0.01})
		if err != nil {
			b.Fatal(err)
		}
		size = st.Bytes
	}
	b.SetBytes(size)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/article")
}
