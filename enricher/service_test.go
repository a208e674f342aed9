package enricher

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"
	"go.uber.org/goleak"

	"github.com/newsflow/newsflow/enricher/lang"
	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/kafkaio/kafkatest"
	"github.com/newsflow/newsflow/internal/telemetry/telemetrytest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func testDeadLetter(orig kafka.Message, stage string, reason article.Reason, err error) kafka.Message {
	return kafka.Message{Key: orig.Key, Value: orig.Value, Headers: []kafka.Header{
		{Key: "reason", Value: []byte(reason)}, {Key: "stage", Value: []byte(stage)},
		{Key: "offset", Value: []byte(fmt.Sprint(orig.Offset))}, {Key: "error", Value: []byte(err.Error())},
	}}
}

func rawMessages(t *testing.T) (msgs []kafka.Message, good int, bad map[int64]article.Reason) {
	t.Helper()
	bad = map[int64]article.Reason{}
	offsets := map[int]int64{}
	add := func(p int, value string, reason article.Reason) {
		m := kafka.Message{Topic: "news.raw", Partition: p, Offset: offsets[p], Value: []byte(value),
			Time: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)}
		offsets[p]++
		if reason != "" {
			bad[int64(p)<<32|m.Offset] = reason
		} else {
			good++
		}
		msgs = append(msgs, m)
	}
	for i := range 40 {
		p := i % 3
		switch i % 10 {
		case 3:
			add(p, `{"title":"x","body":"  "}`, article.ReasonEmptyBody)
		case 7:
			add(p, `{"title":"x",`, article.ReasonInvalidJSON)
		case 9:
			add(p, `{"body":"x","schema_version":"9.0"}`, article.ReasonUnsupportedSchema)
		default:
			add(p, fmt.Sprintf(`{"url":"https://example.com/a/%d","title":"Story %d","body":"The minister said on Monday that the economy grew faster than expected in the quarter, story %d.","vendor":"kept"}`, i, i, i), "")
		}
	}
	return msgs, good, bad
}

func runService(t *testing.T, cfg Config, r *kafkatest.Reader) {
	t.Helper()
	svc, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	kafkatest.RunUntilCommitted(t, r, svc.Run)
}

func TestServiceEnrichesDeadLettersAndCommits(t *testing.T) {
	msgs, good, bad := rawMessages(t)
	r := kafkatest.NewReader(msgs)
	out, dlq := &kafkatest.Writer{}, &kafkatest.Writer{}
	out.FailWrites(2)
	r.FailCommits(1)
	reg := prometheus.NewRegistry()
	runService(t, Config{
		Reader: r, Output: out, DLQ: dlq, DeadLetter: testDeadLetter,
		Taggers: []Tagger{lang.New()}, Concurrency: 3, BatchSize: 7, Registerer: reg,
		Backoff: fastBackoff,
	}, r)

	if len(out.Messages()) < good {
		t.Fatalf("published %d enriched articles, want at least %d", len(out.Messages()), good)
	}
	seen := map[string]bool{}
	for _, m := range out.Messages() {
		a, err := article.Decode(m.Value)
		if err != nil {
			t.Fatalf("published invalid article: %v", err)
		}
		if string(m.Key) != a.ID {
			t.Errorf("key %q != id %q", m.Key, a.ID)
		}
		if a.Language != "en" || a.EnricherVersion == "" || a.EnrichedAt == nil {
			t.Errorf("article not enriched: language %q version %q", a.Language, a.EnricherVersion)
		}
		if string(a.Extra["vendor"]) != `"kept"` {
			t.Errorf("unknown field not passed on: %v", a.Extra)
		}
		seen[a.ID] = true
	}
	if len(seen) != good {
		t.Errorf("%d distinct enriched ids, want %d", len(seen), good)
	}
	if len(dlq.Messages()) != len(bad) {
		t.Fatalf("dead-lettered %d, want %d", len(dlq.Messages()), len(bad))
	}
	for _, m := range dlq.Messages() {
		if h, _ := header(m, "stage"); h != Stage {
			t.Errorf("stage header %q", h)
		}
	}
	if got := telemetrytest.Value(t, reg, "newsflow_enricher_articles_total", "result", resultEnriched); int(got) != good {
		t.Errorf("enriched metric = %v, want %d", got, good)
	}
	for _, reason := range []article.Reason{article.ReasonEmptyBody, article.ReasonInvalidJSON, article.ReasonUnsupportedSchema} {
		want := 0
		for _, r := range bad {
			if r == reason {
				want++
			}
		}
		got := telemetrytest.Value(t, reg, "newsflow_enricher_dlq_total", "reason", string(reason))
		if int(got) != want {
			t.Errorf("dlq{reason=%s} = %v, want %d", reason, got, want)
		}
	}
	if got := telemetrytest.Value(t, reg, "newsflow_enricher_publish_retries_total"); got != 3 {
		t.Errorf("retries = %v, want 3 (2 publish failures, 1 commit failure)", got)
	}
}

func TestServiceKeepsPartitionOrder(t *testing.T) {
	var msgs []kafka.Message
	for i := range 60 {
		msgs = append(msgs, kafka.Message{Topic: "news.raw", Partition: 0, Offset: int64(i),
			Value: fmt.Appendf(nil, `{"id":"a-%02d","body":"%s"}`, i, strings.Repeat("word ", 1+(60-i)*20))})
	}
	r := kafkatest.NewReader(msgs)
	out := &kafkatest.Writer{}
	runService(t, Config{Reader: r, Output: out, DLQ: &kafkatest.Writer{}, DeadLetter: testDeadLetter,
		Concurrency: 4, BatchSize: 5}, r)
	for i, m := range out.Messages() {
		if want := fmt.Sprintf("a-%02d", i); string(m.Key) != want {
			t.Fatalf("message %d has key %s, want %s: output order differs from input order", i, m.Key, want)
		}
	}
}

type panicTagger struct{}

func (panicTagger) Name() string { return "panicky" }
func (panicTagger) Tag(_ context.Context, a *article.Article) error {
	if strings.Contains(a.Body, "boom") {
		panic("index out of range")
	}
	return nil
}

func TestServiceDeadLettersTaggerPanic(t *testing.T) {
	msgs := []kafka.Message{
		{Partition: 0, Offset: 0, Value: []byte(`{"id":"ok","body":"fine"}`)},
		{Partition: 0, Offset: 1, Value: []byte(`{"id":"bad","body":"boom"}`)},
		{Partition: 0, Offset: 2, Value: []byte(`{"id":"ok2","body":"fine too"}`)},
	}
	r := kafkatest.NewReader(msgs)
	out, dlq := &kafkatest.Writer{}, &kafkatest.Writer{}
	runService(t, Config{Reader: r, Output: out, DLQ: dlq, DeadLetter: testDeadLetter,
		Taggers: []Tagger{panicTagger{}}}, r)
	if len(out.Messages()) != 2 || len(dlq.Messages()) != 1 {
		t.Fatalf("out %d dlq %d, want 2 and 1", len(out.Messages()), len(dlq.Messages()))
	}
	if h, _ := header(dlq.Messages()[0], "reason"); h != string(article.ReasonEnrichFailed) {
		t.Errorf("reason %q", h)
	}
}

func TestServiceTooLarge(t *testing.T) {
	body := strings.Repeat("Paris ", 2000)
	msgs := []kafka.Message{{Partition: 0, Offset: 0, Value: fmt.Appendf(nil, `{"id":"big","body":%q}`, body)}}
	r := kafkatest.NewReader(msgs)
	out, dlq := &kafkatest.Writer{}, &kafkatest.Writer{}
	runService(t, Config{Reader: r, Output: out, DLQ: dlq, DeadLetter: testDeadLetter,
		MaxMessageBytes: 4096}, r)
	if len(out.Messages()) != 0 || len(dlq.Messages()) != 1 {
		t.Fatalf("out %d dlq %d, want 0 and 1", len(out.Messages()), len(dlq.Messages()))
	}
	if h, _ := header(dlq.Messages()[0], "reason"); h != string(article.ReasonTooLarge) {
		t.Errorf("reason %q, want too_large", h)
	}
}
