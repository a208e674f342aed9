package producer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/segmentio/kafka-go"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/newsflow/newsflow/internal/synth"
)

var testNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

type harness struct {
	p        *Producer
	raw, dlq *fakeWriter
	reg      *prometheus.Registry
}

// newHarness makes a producer on fake writers and a fresh registry; edit adjusts the config.
func newHarness(t *testing.T, edit func(*Config)) *harness {
	t.Helper()
	h := &harness{raw: &fakeWriter{}, dlq: &fakeWriter{}, reg: prometheus.NewRegistry()}
	cfg := Config{Writer: h.raw, DLQ: h.dlq, Registerer: h.reg, Now: func() time.Time { return testNow }}
	if edit != nil {
		edit(&cfg)
	}
	p, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	h.p = p
	return h
}

func jsonl(lines ...string) Source {
	return NewJSONLinesReader("in.jsonl", strings.NewReader(strings.Join(lines, "\n")+"\n"))
}

// funcSource is a Source made of a function, for records with Done callbacks and for
// sources that block.
type funcSource func(ctx context.Context, emit func(Record) error) error

func (funcSource) Name() string { return "func" }
func (f funcSource) Read(ctx context.Context, emit func(Record) error) error {
	return f(ctx, emit)
}

// outcomes collects Record.Done calls by origin.
type outcomes struct {
	mu sync.Mutex
	m  map[string]Outcome
	n  int
}

func (o *outcomes) done(origin string) func(Outcome) {
	return func(out Outcome) {
		o.mu.Lock()
		defer o.mu.Unlock()
		if o.m == nil {
			o.m = make(map[string]Outcome)
		}
		if _, twice := o.m[origin]; twice {
			panic("Done called twice for " + origin)
		}
		o.m[origin] = out
		o.n++
	}
}

func (o *outcomes) get(origin string) Outcome {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.m[origin]
}

// recordsOf emits each line as a record with a Done callback, origins "rec:1", "rec:2", ...
func recordsOf(o *outcomes, lines ...string) Source {
	return funcSource(func(ctx context.Context, emit func(Record) error) error {
		for i, l := range lines {
			org := origin("rec", i+1)
			if err := emit(Record{Origin: org, Data: []byte(l), Done: o.done(org)}); err != nil {
				return err
			}
		}
		return nil
	})
}

func good(n int) string {
	return fmt.Sprintf(`{"url":"https://news.example/story-%d","title":"Story %d","body":"Body of story %d.","published_at":"2024-03-01T10:00:00Z"}`, n, n, n)
}

func TestRunBadRecords(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.Limits.MaxBodyBytes = 500
		c.MaxMessageBytes = 4096
	})
	lines := []string{
		good(1),
		`{"title": "cut short", "body": `,
		"{\"title\":\"x\",\"body\":\"caf\xe9\"}",
		`{"body":"b","schema_version":"2.0"}`,
		`{"title":"x","body":"   "}`,
		`{"body":"b","published_at":"yesterday"}`,
		`{"url":"ftp://files.example/a","body":"b"}`,
		`{"body":"` + strings.Repeat("long ", 120) + `"}`,
		`{"body":"small","html":"` + strings.Repeat("<p>", 2000) + `"}`,
		``,
		good(2),
	}
	wantBad := []BadRecord{
		{Origin: "in.jsonl:2", Reason: article.ReasonInvalidJSON},
		{Origin: "in.jsonl:3", Reason: article.ReasonInvalidUTF8},
		{Origin: "in.jsonl:4", Reason: article.ReasonUnsupportedSchema},
		{Origin: "in.jsonl:5", Reason: article.ReasonEmptyBody},
		{Origin: "in.jsonl:6", Reason: article.ReasonInvalidDate},
		{Origin: "in.jsonl:7", Reason: article.ReasonInvalidField},
		{Origin: "in.jsonl:8", Reason: article.ReasonBodyTooLarge},
		{Origin: "in.jsonl:9", Reason: article.ReasonTooLarge},
	}
	rep, err := h.p.Run(context.Background(), jsonl(lines...))
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if rep.Produced != 2 || rep.Read != 10 || rep.RejectedTotal() != int64(len(wantBad)) {
		t.Errorf("read %d, produced %d, rejected %d; want 10, 2, %d", rep.Read, rep.Produced, rep.RejectedTotal(), len(wantBad))
	}
	if len(rep.Bad) != len(wantBad) {
		t.Fatalf("Bad = %v, want %d records", rep.Bad, len(wantBad))
	}
	dlq := h.dlq.messages()
	if len(dlq) != len(wantBad) {
		t.Fatalf("%d dead letters, want %d", len(dlq), len(wantBad))
	}
	for i, want := range wantBad {
		t.Run(string(want.Reason), func(t *testing.T) {
			got := rep.Bad[i]
			if got.Origin != want.Origin || got.Reason != want.Reason || got.Err == nil {
				t.Errorf("Bad[%d] = %v, want %v with an error", i, got, want)
			}
			if rep.Rejected[want.Reason] != 1 {
				t.Errorf("Rejected[%s] = %d, want 1", want.Reason, rep.Rejected[want.Reason])
			}
			m := dlq[i]
			if header(m, kafkaio.HeaderOrigin) != want.Origin || header(m, kafkaio.HeaderReason) != string(want.Reason) ||
				header(m, kafkaio.HeaderStage) != "producer" || header(m, kafkaio.HeaderError) == "" {
				t.Errorf("dead letter headers %v", m.Headers)
			}
			if !(kafkaio.Config{MaxMessageBytes: 4096}).Fits(m) {
				t.Errorf("dead letter of %d bytes does not fit the size setting", kafkaio.MessageSize(m))
			}
			if want.Reason == article.ReasonTooLarge {
				if header(m, kafkaio.HeaderValueBytes) != strconv.Itoa(len(lines[8])) || !bytes.HasPrefix([]byte(lines[8]), m.Value) {
					t.Errorf("too_large dead letter: value_bytes %q, value %.40q", header(m, kafkaio.HeaderValueBytes), m.Value)
				}
			} else if string(m.Value) != lines[i+1] {
				t.Errorf("dead letter value %.60q, want the line as read %.60q", m.Value, lines[i+1])
			}
		})
	}
	metric := func(name string, labels ...string) float64 {
		switch name {
		case "articles":
			return testutil.ToFloat64(h.p.metrics.articles.WithLabelValues(labels...))
		default:
			return testutil.ToFloat64(h.p.metrics.rejected.WithLabelValues(labels...))
		}
	}
	if metric("articles", "produced") != 2 || metric("articles", "rejected") != 8 || metric("articles", "duplicate") != 0 {
		t.Errorf("articles_total produced %v, rejected %v, duplicate %v", metric("articles", "produced"), metric("articles", "rejected"), metric("articles", "duplicate"))
	}
	for _, r := range article.Reasons {
		want := 0.0
		if rep.Rejected[r] > 0 {
			want = 1
		}
		if got := metric("rejected", string(r)); got != want {
			t.Errorf("rejected_total{reason=%s} = %v, want %v", r, got, want)
		}
	}
	if n, err := testutil.GatherAndCount(h.reg, "newsflow_producer_rejected_total"); err != nil || n != len(article.Reasons) {
		t.Errorf("rejected_total has %d series (%v), want one per reason: %d", n, err, len(article.Reasons))
	}
	if got := testutil.ToFloat64(h.p.metrics.bytes); got != float64(rep.Bytes) || got == 0 {
		t.Errorf("produced_bytes_total = %v, report says %d", got, rep.Bytes)
	}
}

func TestRunSynthetic(t *testing.T) {
	var in bytes.Buffer
	st, err := synth.Generate(&in, synth.Config{Articles: 400, Seed: 11, DupRate: 0.2, BadRate: 0.1,
		MaxBodyBytes: 32 << 10, MaxMessageBytes: 64 << 10})
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, func(c *Config) {
		c.Limits.MaxBodyBytes = 32 << 10
		c.MaxMessageBytes = 64 << 10
		c.BatchSize = 50
		c.Workers = 4 // results arrive out of order and must be put back in order
	})
	rep, err := h.p.Run(context.Background(), NewJSONLinesReader("gen.jsonl", &in))
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if got, want := strings.Join(h.raw.keys(), " "), strings.Join(st.IDs(), " "); got != want {
		t.Errorf("produced keys differ from the distinct good ids (%d vs %d)", len(h.raw.keys()), len(st.IDs()))
	}
	if rep.Duplicates != int64(st.Count(synth.URLVariant)) {
		t.Errorf("Duplicates = %d, want the URL variants: %d", rep.Duplicates, st.Count(synth.URLVariant))
	}
	want := st.BadLines()
	if len(rep.Bad) != len(want) {
		t.Fatalf("%d bad records, want %d", len(rep.Bad), len(want))
	}
	for _, b := range rep.Bad {
		line, _ := strconv.Atoi(strings.TrimPrefix(b.Origin, "gen.jsonl:"))
		if want[line] != b.Reason {
			t.Errorf("%s: reason %s, generator says %q", b.Origin, b.Reason, want[line])
		}
	}
	for i, m := range h.dlq.messages() {
		if header(m, kafkaio.HeaderOrigin) != rep.Bad[i].Origin {
			t.Errorf("dead letter %d has origin %q, want %q", i, header(m, kafkaio.HeaderOrigin), rep.Bad[i].Origin)
		}
	}
}

func TestRunDuplicates(t *testing.T) {
	const body = `"title":"Same","body":"The same story."`
	variant := func(u string) string {
		return `{"url":"` + u + `",` + body + `,"published_at":"2024-03-01T10:00:00Z"}`
	}
	tests := []struct {
		name       string
		capacity   int
		lines      []string
		produced   int64
		duplicates int64
	}{
		{
			name: "URL variants collapse to one id",
			lines: []string{
				variant("https://news.example/a"),
				variant("https://news.example/a?utm_source=x&utm_medium=y"),
				variant("HTTPS://NEWS.Example:443/a#top"),
				variant("https://news.example/a?fbclid=z"),
			},
			produced: 1, duplicates: 3,
		},
		{
			name:     "undated copies without URL are duplicates whatever the fetch time",
			lines:    []string{`{` + body + `}`, `{` + body + `}`, `{"title":"same","body":"The   same story."}`},
			produced: 1, duplicates: 2,
		},
		{
			name: "a correction (later modified_at) is published",
			lines: []string{
				variant("https://news.example/a"),
				`{"url":"https://news.example/a",` + body + `,"published_at":"2024-03-01T10:00:00Z","modified_at":"2024-03-01T12:00:00Z"}`,
			},
			produced: 2,
		},
		{
			name:     "disabled filter",
			capacity: -1,
			lines:    []string{variant("https://news.example/a"), variant("https://news.example/a#x")},
			produced: 2,
		},
		{
			name:     "a full filter forgets the oldest id",
			capacity: 1,
			lines:    []string{good(1), good(2), good(1), good(2), good(2)},
			produced: 4, duplicates: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ticks atomic.Int64 // every record gets another fetch time
			h := newHarness(t, func(c *Config) {
				c.DedupCapacity = tt.capacity
				c.Now = func() time.Time { return testNow.Add(time.Duration(ticks.Add(1)) * time.Second) }
			})
			rep, err := h.p.Run(context.Background(), jsonl(tt.lines...))
			if err != nil {
				t.Fatal(err)
			}
			if rep.Produced != tt.produced || rep.Duplicates != tt.duplicates {
				t.Errorf("produced %d, duplicates %d; want %d, %d", rep.Produced, rep.Duplicates, tt.produced, tt.duplicates)
			}
			if got := testutil.ToFloat64(h.p.metrics.articles.WithLabelValues("duplicate")); got != float64(tt.duplicates) {
				t.Errorf("articles_total{result=duplicate} = %v, want %d", got, tt.duplicates)
			}
		})
	}
}

func TestRunMessages(t *testing.T) {
	h := newHarness(t, nil)
	lines := []string{
		good(1),
		`{"title":"No URL","body":"Text only.","schema_version":"1.1","desk":"extra"}`,
	}
	if _, err := h.p.Run(context.Background(), jsonl(lines...)); err != nil {
		t.Fatal(err)
	}
	msgs := h.raw.messages()
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want 2", len(msgs))
	}
	wantIDs := []string{article.NewID("https://news.example/story-1", "", ""), article.NewID("", "No URL", "Text only.")}
	wantVersions := []string{article.SchemaVersion, "1.1"}
	for i, m := range msgs {
		a, err := article.Decode(m.Value)
		if err != nil {
			t.Fatalf("message %d does not decode: %v", i, err)
		}
		if string(m.Key) != wantIDs[i] || a.ID != wantIDs[i] {
			t.Errorf("message %d: key %s, id %s, want %s", i, m.Key, a.ID, wantIDs[i])
		}
		if header(m, article.HeaderSchemaVersion) != wantVersions[i] || header(m, article.HeaderContentType) != article.ContentType {
			t.Errorf("message %d headers %v", i, m.Headers)
		}
		if !a.FetchedAt.Equal(testNow) || a.Revision == 0 {
			t.Errorf("message %d: fetched_at %v, revision %d", i, a.FetchedAt, a.Revision)
		}
	}
	if a, _ := article.Decode(msgs[1].Value); string(a.Extra["desk"]) != `"extra"` {
		t.Errorf("unknown field not kept: %v", a.Extra)
	}
}

func TestRunTextFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "good.txt"), "Storm hits Lisbon\n\nHeavy rain fell on Lisbon.")
	writeFile(t, filepath.Join(dir, "latin1.txt"), "Caf\xe9 opens\n\nA new caf\xe9.")
	h := newHarness(t, nil)
	rep, err := h.p.Run(context.Background(), NewDir(dir))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Produced != 1 || len(rep.Bad) != 1 || rep.Bad[0].Origin != filepath.Join(dir, "latin1.txt")+":1" || rep.Bad[0].Reason != article.ReasonInvalidUTF8 {
		t.Fatalf("produced %d, bad %v", rep.Produced, rep.Bad)
	}
	a, _ := article.Decode(h.raw.messages()[0].Value)
	if a.Title != "Storm hits Lisbon" || a.Body != "Heavy rain fell on Lisbon." || a.ModifiedAt == nil {
		t.Errorf("text article %+v", a)
	}
}

// failedOrUnread expects Failed, or no outcome for a record the source never handed over
// because the run had already stopped.
const failedOrUnread Result = 100

func TestRunWriterErrors(t *testing.T) {
	boom := errors.New("broker unavailable")
	tests := []struct {
		name      string
		raw, dlq  func(call int, msgs []kafka.Message) error
		batchSize int
		lines     []string
		produced  int64
		rejected  int64
		calls     []int
		results   []Result // by record
	}{
		{
			name:     "articles writer fails",
			raw:      func(int, []kafka.Message) error { return boom },
			lines:    []string{good(1), good(2)},
			calls:    []int{2},
			results:  []Result{Failed, Failed},
			produced: 0,
		},
		{
			name: "some messages of a batch fail",
			raw: func(_ int, msgs []kafka.Message) error {
				return kafka.WriteErrors{nil, boom, nil}
			},
			lines:    []string{good(1), good(2), good(3)},
			calls:    []int{3},
			results:  []Result{Produced, Failed, Produced},
			produced: 2,
		},
		{
			name: "second batch fails and the run stops",
			raw: func(call int, _ []kafka.Message) error {
				if call == 2 {
					return boom
				}
				return nil
			},
			batchSize: 2,
			lines:     []string{good(1), good(2), good(3), good(4), good(5), good(6)},
			calls:     []int{2, 2},
			results:   []Result{Produced, Produced, Failed, Failed, failedOrUnread, failedOrUnread},
			produced:  2,
		},
		{
			name:     "dead-letter writer fails",
			dlq:      func(int, []kafka.Message) error { return boom },
			lines:    []string{good(1), `{"body":""}`},
			calls:    []int{1},
			results:  []Result{Produced, Failed},
			produced: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, func(c *Config) { c.BatchSize = tt.batchSize })
			h.raw.fail, h.dlq.fail = tt.raw, tt.dlq
			var o outcomes
			rep, err := h.p.Run(context.Background(), recordsOf(&o, tt.lines...))
			if !errors.Is(err, boom) {
				t.Fatalf("Run = %v, want the writer error", err)
			}
			if rep.Produced != tt.produced || rep.RejectedTotal() != tt.rejected {
				t.Errorf("produced %d, rejected %d; want %d, %d", rep.Produced, rep.RejectedTotal(), tt.produced, tt.rejected)
			}
			if fmt.Sprint(h.raw.calls) != fmt.Sprint(tt.calls) {
				t.Errorf("writer calls %v, want %v", h.raw.calls, tt.calls)
			}
			for i, want := range tt.results {
				got := o.get(origin("rec", i+1))
				if want == failedOrUnread && got.Result == 0 {
					continue // the source stopped before handing it over
				} else if want == failedOrUnread {
					want = Failed
				}
				if got.Result != want || (want == Failed) != (got.Err != nil) {
					t.Errorf("record %d: outcome %v (%v), want %v", i+1, got.Result, got.Err, want)
				}
			}
			if got := testutil.ToFloat64(h.p.metrics.articles.WithLabelValues("produced")); got != float64(tt.produced) {
				t.Errorf("articles_total{result=produced} = %v, want %d", got, tt.produced)
			}
		})
	}
}

// TestRunEveryRecordSettled checks that every record handed to the producer gets exactly one
// outcome however the run ends (outcomes panics on a second one).
func TestRunEveryRecordSettled(t *testing.T) {
	boom := errors.New("broker unavailable")
	tests := []struct {
		name   string
		fail   func(int, []kafka.Message) error
		cancel int // cancel the run after this many records; 0 = never
	}{
		{name: "writer fails", fail: func(call int, _ []kafka.Message) error {
			if call == 3 {
				return boom
			}
			return nil
		}},
		{name: "cancelled", cancel: 150},
		{name: "completes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, func(c *Config) { c.BatchSize, c.Workers = 7, 3 })
			h.raw.fail = tt.fail
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var o outcomes
			handed := 0
			src := funcSource(func(ctx context.Context, emit func(Record) error) error {
				for i := 1; i <= 400; i++ {
					if i == tt.cancel {
						cancel()
					}
					org := origin("rec", i)
					line := good(i % 300) // some duplicates
					if i%13 == 0 {
						line = `{"body":""}`
					}
					handed++
					if err := emit(Record{Origin: org, Data: []byte(line), Done: o.done(org)}); err != nil {
						return err
					}
				}
				return nil
			})
			rep, err := h.p.Run(ctx, src)
			if (tt.fail == nil && tt.cancel == 0) != (err == nil) {
				t.Fatalf("Run = %v", err)
			}
			if o.n != handed {
				t.Fatalf("%d outcomes for %d records handed over", o.n, handed)
			}
			counted := rep.Produced + rep.Duplicates + rep.RejectedTotal()
			failed := 0
			for _, out := range o.m {
				if out.Result == Failed {
					failed++
				}
			}
			if counted+int64(failed) != int64(handed) {
				t.Errorf("produced+duplicates+rejected %d + failed %d != %d handed over", counted, failed, handed)
			}
		})
	}
}

func TestRunOutcomes(t *testing.T) {
	h := newHarness(t, nil)
	var o outcomes
	_, err := h.p.Run(context.Background(), recordsOf(&o, good(1), good(1), `{"body":""}`))
	if err != nil {
		t.Fatal(err)
	}
	id := article.NewID("https://news.example/story-1", "", "")
	want := map[string]Outcome{
		"rec:1": {Result: Produced, ID: id},
		"rec:2": {Result: Duplicate, ID: id},
		"rec:3": {Result: Rejected, ID: article.NewID("", "", ""), Reason: article.ReasonEmptyBody},
	}
	for org, w := range want {
		got := o.get(org)
		if got.Result != w.Result || got.ID != w.ID || got.Reason != w.Reason {
			t.Errorf("%s: %+v, want %+v", org, got, w)
		}
	}
}

func TestRunBatching(t *testing.T) {
	tests := []struct {
		name       string
		batchSize  int
		batchBytes int
		bodyBytes  int
		records    int
		calls      []int
	}{
		{"by count", 3, 0, 10, 10, []int{3, 3, 3, 1}},
		{"by bytes", 100, 4096, 1500, 7, []int{3, 3, 1}},
		{"one batch", 0, 0, 10, 10, []int{10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, func(c *Config) {
				c.BatchSize, c.BatchBytes, c.MaxMessageBytes = tt.batchSize, tt.batchBytes, 4096
			})
			lines := make([]string, tt.records)
			for i := range lines {
				lines[i] = fmt.Sprintf(`{"url":"https://news.example/%d","body":"%s"}`, i, strings.Repeat("x", tt.bodyBytes))
			}
			rep, err := h.p.Run(context.Background(), jsonl(lines...))
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(h.raw.calls) != fmt.Sprint(tt.calls) || rep.Produced != int64(tt.records) {
				t.Errorf("calls %v, produced %d; want %v, %d", h.raw.calls, rep.Produced, tt.calls, tt.records)
			}
		})
	}
}

// TestRunLinger checks that a partial batch is written without waiting for more input: the
// source waits for its first record's acknowledgement before it ends, which only the linger
// timer can bring.
func TestRunLinger(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Linger = time.Millisecond })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	acked := make(chan Outcome, 1)
	src := funcSource(func(ctx context.Context, emit func(Record) error) error {
		if err := emit(Record{Origin: "push:1", Data: []byte(good(1)), Done: func(o Outcome) { acked <- o }}); err != nil {
			return err
		}
		select {
		case o := <-acked:
			if o.Result != Produced {
				return fmt.Errorf("outcome %v", o.Result)
			}
			return nil
		case <-ctx.Done():
			return errors.New("the partial batch was never written")
		}
	})
	if rep, err := h.p.Run(ctx, src); err != nil || rep.Produced != 1 {
		t.Fatalf("Run = %d produced, %v", rep.Produced, err)
	}
}

// TestRunCancel checks that records read before cancellation are still written.
func TestRunCancel(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Linger = time.Hour })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	src := funcSource(func(ctx context.Context, emit func(Record) error) error {
		for i := 1; i <= 2; i++ {
			if err := emit(Record{Origin: origin("s", i), Data: []byte(good(i))}); err != nil {
				return err
			}
		}
		cancel()
		<-ctx.Done()
		return ctx.Err()
	})
	rep, err := h.p.Run(ctx, src)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	if rep.Produced != 2 || len(h.raw.messages()) != 2 {
		t.Fatalf("produced %d, wrote %d; want the 2 records read before the cancellation", rep.Produced, len(h.raw.messages()))
	}
}

func TestRunSourceError(t *testing.T) {
	dir := t.TempDir()
	first := NewJSONLinesFile(writeFile(t, filepath.Join(dir, "a.jsonl"), good(1)+"\n"+good(2)+"\n"))
	missing := NewJSONLinesFile(filepath.Join(dir, "missing.jsonl"))
	h := newHarness(t, nil)
	rep, err := h.p.Run(context.Background(), first, missing, NewJSONLinesReader("never", strings.NewReader(good(3))))
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "missing.jsonl") {
		t.Fatalf("Run = %v, want a not-exist error naming the source", err)
	}
	if rep.Produced != 2 {
		t.Fatalf("produced %d, want the 2 records of the first file", rep.Produced)
	}
}

func TestRunProgress(t *testing.T) {
	var out bytes.Buffer
	h := newHarness(t, func(c *Config) { c.Progress = &out })
	if _, err := h.p.Run(context.Background(), jsonl(good(1), good(1), `{}`, good(2))); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	if !strings.HasSuffix(s, "\n") || !strings.Contains(s, "produced 2 articles") || !strings.Contains(s, "1 duplicates, 1 bad") {
		t.Errorf("progress output %q", s)
	}
}

func TestConfigValidate(t *testing.T) {
	w := &fakeWriter{}
	tests := []struct {
		name  string
		cfg   Config
		field string
	}{
		{"minimal", Config{Writer: w}, ""},
		{"no writer", Config{}, "Writer"},
		{"negative body limit", Config{Writer: w, Limits: article.Limits{MaxBodyBytes: -1}}, "Limits.MaxBodyBytes"},
		{"tiny message size", Config{Writer: w, MaxMessageBytes: 100}, "MaxMessageBytes"},
		{"negative batch size", Config{Writer: w, BatchSize: -1}, "BatchSize"},
		{"negative batch bytes", Config{Writer: w, BatchBytes: -1}, "BatchBytes"},
		{"negative linger", Config{Writer: w, Linger: -time.Second}, "Linger"},
		{"negative workers", Config{Writer: w, Workers: -1}, "Workers"},
		{"negative report bound", Config{Writer: w, MaxReportedBad: -1}, "MaxReportedBad"},
		{"negative flush timeout", Config{Writer: w, FlushTimeout: -time.Second}, "FlushTimeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tt.field+":") {
				t.Fatalf("New = %v, want ErrConfig naming %s", err, tt.field)
			}
		})
	}
	t.Run("registering twice fails", func(t *testing.T) {
		reg := prometheus.NewRegistry()
		if _, err := New(Config{Writer: w, Registerer: reg}); err != nil {
			t.Fatal(err)
		}
		if _, err := New(Config{Writer: w, Registerer: reg}); err == nil {
			t.Fatal("second New on the same registry succeeded")
		}
	})
}

func TestReportBound(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.MaxReportedBad = 2 })
	rep, err := h.p.Run(context.Background(), jsonl(`{}`, `{}`, `{}`, `{}`, good(1)))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Bad) != 2 || rep.BadOmitted != 2 || rep.Rejected[article.ReasonEmptyBody] != 4 || rep.Bad[1].Origin != "in.jsonl:2" {
		t.Fatalf("Bad %v, omitted %d, rejected %v", rep.Bad, rep.BadOmitted, rep.Rejected)
	}
}
