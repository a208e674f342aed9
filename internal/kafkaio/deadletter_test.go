package kafkaio_test

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/broker/brokertest"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/segmentio/kafka-go"
)

// TestDeadLetterRoundTrip writes dead letters of both kinds through the broker and parses
// them back.
func TestDeadLetterRoundTrip(t *testing.T) {
	t.Parallel()
	_, cfg := brokertest.Start(t, broker.Config{})
	orig := kafka.Message{
		Topic: kafkaio.TopicRaw, Partition: 3, Offset: 41,
		Key: []byte("id-1"), Value: []byte(`{"id":"id-1"`),
		Headers: []kafka.Header{
			kafkaio.StringHeader(article.HeaderSchemaVersion, "1.0"),
			kafkaio.StringHeader(kafkaio.HeaderReason, "spoofed"), // must not survive
		},
	}
	cause := article.Invalid(article.ReasonInvalidJSON, "", "unexpected end of JSON input")
	before := time.Now().Truncate(time.Millisecond)
	fromKafka := kafkaio.DeadLetter(orig, "enricher", article.ReasonOf(cause), cause)
	fromFile := kafkaio.DeadLetterRecord([]byte("id-2"), []byte("not json"), "producer", article.ReasonInvalidJSON, errors.New("line is not JSON"), "input.jsonl:17")
	brokertest.Write(t, cfg, kafkaio.TopicDLQ, fromKafka, fromFile)
	after := time.Now()

	got := map[string]kafka.Message{}
	for _, m := range brokertest.Read(t, cfg, kafkaio.TopicDLQ, "dlq-check", 2, -1) {
		got[string(m.Key)] = m
	}
	tests := []struct {
		name      string
		key       string
		wantValue string
		want      kafkaio.DeadLetterInfo
	}{
		{"from kafka", "id-1", `{"id":"id-1"`, kafkaio.DeadLetterInfo{
			Stage: "enricher", Reason: article.ReasonInvalidJSON, Error: cause.Error(),
			Topic: kafkaio.TopicRaw, Partition: 3, Offset: 41,
		}},
		{"from a file", "id-2", "not json", kafkaio.DeadLetterInfo{
			Stage: "producer", Reason: article.ReasonInvalidJSON, Error: "line is not JSON",
			Partition: -1, Offset: -1, Origin: "input.jsonl:17",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := got[tt.key]
			if !ok {
				t.Fatalf("no dead letter with key %s", tt.key)
			}
			if string(m.Value) != tt.wantValue {
				t.Errorf("value %q, want %q", m.Value, tt.wantValue)
			}
			info, err := kafkaio.ParseDeadLetter(m)
			if err != nil {
				t.Fatalf("ParseDeadLetter: %v", err)
			}
			if info.Time.Before(before) || info.Time.After(after) {
				t.Errorf("dlq_time %v outside [%v, %v]", info.Time, before, after)
			}
			info.Time = time.Time{}
			if info != tt.want {
				t.Errorf("ParseDeadLetter = %+v, want %+v", info, tt.want)
			}
		})
	}
	t.Run("original headers kept, dead-letter names replaced", func(t *testing.T) {
		m := got["id-1"]
		if v, _ := kafkaio.Header(m, article.HeaderSchemaVersion); v != "1.0" {
			t.Errorf("schema-version %q, want 1.0", v)
		}
		n := 0
		for _, h := range m.Headers {
			if h.Key == kafkaio.HeaderReason {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d reason headers, want 1", n)
		}
	})
}

func TestDeadLetterHasNoTopic(t *testing.T) {
	// A writer bound to news.dlq refuses messages that name a topic themselves.
	m := kafkaio.DeadLetter(kafka.Message{Topic: kafkaio.TopicRaw, Partition: 1, Offset: 2}, "sink", article.ReasonStoreRejected, nil)
	if m.Topic != "" || m.Partition != 0 || m.Offset != 0 {
		t.Errorf("dead letter carries topic %q partition %d offset %d", m.Topic, m.Partition, m.Offset)
	}
	if v, _ := kafkaio.Header(m, kafkaio.HeaderError); v != string(article.ReasonStoreRejected) {
		t.Errorf("error header %q without an error, want the reason", v)
	}
}

func TestDeadLetterErrorTruncated(t *testing.T) {
	long := strings.Repeat("é", kafkaio.MaxErrorHeaderBytes) // 2 bytes per rune
	m := kafkaio.DeadLetter(kafka.Message{}, "enricher", article.ReasonInvalidField, errors.New(long))
	v, _ := kafkaio.Header(m, kafkaio.HeaderError)
	if len(v) > kafkaio.MaxErrorHeaderBytes || len(v) < kafkaio.MaxErrorHeaderBytes-1 {
		t.Errorf("error header of %d bytes, want about %d", len(v), kafkaio.MaxErrorHeaderBytes)
	}
	if !utf8.ValidString(v) {
		t.Error("truncated error header is not valid UTF-8")
	}
}

func TestParseDeadLetterErrors(t *testing.T) {
	valid := kafkaio.DeadLetter(kafka.Message{Topic: "t", Partition: 1, Offset: 2}, "sink", article.ReasonStoreRejected, errors.New("x"))
	tests := []struct {
		name   string
		header kafka.Header
	}{
		{"empty stage", kafkaio.StringHeader(kafkaio.HeaderStage, "")},
		{"empty reason", kafkaio.StringHeader(kafkaio.HeaderReason, "")},
		{"bad partition", kafkaio.StringHeader(kafkaio.HeaderPartition, "two")},
		{"negative offset", kafkaio.StringHeader(kafkaio.HeaderOffset, "-5")},
		{"bad time", kafkaio.StringHeader(kafkaio.HeaderDLQTime, "yesterday")},
		{"bad value_bytes", kafkaio.StringHeader(kafkaio.HeaderValueBytes, "many")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := kafkaio.ParseDeadLetter(kafkaio.WithHeaders(valid, tt.header))
			if !errors.Is(err, kafkaio.ErrNotDeadLetter) {
				t.Errorf("ParseDeadLetter = %v, want ErrNotDeadLetter", err)
			}
		})
	}
	t.Run("plain message", func(t *testing.T) {
		if _, err := kafkaio.ParseDeadLetter(kafka.Message{Value: []byte("{}")}); !errors.Is(err, kafkaio.ErrNotDeadLetter) {
			t.Errorf("ParseDeadLetter = %v, want ErrNotDeadLetter", err)
		}
	})
	t.Run("valid", func(t *testing.T) {
		if _, err := kafkaio.ParseDeadLetter(valid); err != nil {
			t.Errorf("ParseDeadLetter: %v", err)
		}
	})
}

func TestFitDeadLetter(t *testing.T) {
	cfg := kafkaio.Config{Brokers: []string{"a:1"}, MaxMessageBytes: 8 << 10}
	tests := []struct {
		name      string
		valueLen  int
		wantCut   bool
		wantBytes int
	}{
		{"small", 100, false, 0},
		{"too large", 20 << 10, true, 20 << 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := kafkaio.DeadLetterRecord([]byte("k"), make([]byte, tt.valueLen), "producer", article.ReasonTooLarge, errors.New("too large"), "f:1")
			m := kafkaio.FitDeadLetter(cfg, orig)
			if !cfg.Fits(m) {
				t.Fatalf("FitDeadLetter result of %d bytes does not fit %d", kafkaio.MessageSize(m), cfg.MaxBytes())
			}
			info, err := kafkaio.ParseDeadLetter(m)
			if err != nil {
				t.Fatalf("ParseDeadLetter: %v", err)
			}
			if cut := len(m.Value) < tt.valueLen; cut != tt.wantCut {
				t.Errorf("value cut = %v, want %v", cut, tt.wantCut)
			}
			if info.ValueBytes != tt.wantBytes {
				t.Errorf("ValueBytes = %d, want %d", info.ValueBytes, tt.wantBytes)
			}
			if tt.wantCut && kafkaio.MessageSize(m) != cfg.MaxBytes() {
				t.Errorf("cut message of %d bytes, want exactly the limit %d", kafkaio.MessageSize(m), cfg.MaxBytes())
			}
		})
	}
}
