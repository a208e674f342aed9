package kafkaio

import (
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/segmentio/kafka-go"
)

// Header names of news.dlq messages.
const (
	// HeaderError is the error message text, at most MaxErrorHeaderBytes.
	HeaderError = "error"
	// HeaderReason is the article.Reason, a closed list.
	HeaderReason = "reason"
	// HeaderStage is the stage that dead-lettered the message: producer, enricher, sink.
	HeaderStage = "stage"
	// HeaderTopic, HeaderPartition and HeaderOffset locate the original message, when it
	// came from Kafka.
	HeaderTopic     = "topic"
	HeaderPartition = "partition"
	HeaderOffset    = "offset"
	// HeaderOrigin locates a record that never was on Kafka, e.g. "file.jsonl:17".
	HeaderOrigin = "origin"
	// HeaderDLQTime is when the message was dead-lettered, RFC 3339 UTC with milliseconds.
	HeaderDLQTime = "dlq_time"
	// HeaderValueBytes is set only when FitDeadLetter cut the value to fit: the original
	// value's length in bytes.
	HeaderValueBytes = "value_bytes"
)

// MaxErrorHeaderBytes bounds the error header: an error may quote its input.
const MaxErrorHeaderBytes = 1024

// dlqTimeLayout is HeaderDLQTime's layout.
const dlqTimeLayout = "2006-01-02T15:04:05.000Z07:00"

// ErrNotDeadLetter is matched (errors.Is) by ParseDeadLetter's errors: the message lacks a
// dead-letter header or has a malformed one.
var ErrNotDeadLetter = errors.New("not a dead letter")

// dlqHeaders are the headers DeadLetter sets; copies of them on the original are dropped.
var dlqHeaders = map[string]bool{
	HeaderError: true, HeaderReason: true, HeaderStage: true, HeaderTopic: true,
	HeaderPartition: true, HeaderOffset: true, HeaderOrigin: true, HeaderDLQTime: true,
	HeaderValueBytes: true,
}

// DeadLetter builds the news.dlq message for orig, a message read from Kafka that stage
// could not process: the same key and value, orig's headers (schema version, raw
// timestamp, ...) except any named like a dead-letter header, then error, reason, stage,
// orig's topic, partition and offset, and dlq_time. The result has no Topic, Partition or
// Offset of its own, so it can be written with a writer bound to TopicDLQ.
func DeadLetter(orig kafka.Message, stage string, reason article.Reason, err error) kafka.Message {
	msg := deadLetter(orig.Key, orig.Value, orig.Headers, stage, reason, err)
	msg.Headers = append(msg.Headers,
		StringHeader(HeaderTopic, orig.Topic),
		StringHeader(HeaderPartition, strconv.Itoa(orig.Partition)),
		StringHeader(HeaderOffset, strconv.FormatInt(orig.Offset, 10)),
	)
	return msg
}

// DeadLetterRecord builds the news.dlq message for a record that never was on Kafka, such
// as a bad input line of the producer: key and value as given, headers error, reason,
// stage, origin (where the record came from, e.g. "file.jsonl:17") and dlq_time.
func DeadLetterRecord(key, value []byte, stage string, reason article.Reason, err error, origin string) kafka.Message {
	msg := deadLetter(key, value, nil, stage, reason, err)
	msg.Headers = append(msg.Headers, StringHeader(HeaderOrigin, origin))
	return msg
}

func deadLetter(key, value []byte, headers []kafka.Header, stage string, reason article.Reason, err error) kafka.Message {
	text := string(reason)
	if err != nil {
		text = err.Error()
	}
	out := make([]kafka.Header, 0, len(headers)+8)
	for _, h := range headers {
		if !dlqHeaders[h.Key] {
			out = append(out, h)
		}
	}
	out = append(out,
		StringHeader(HeaderError, truncateUTF8(text, MaxErrorHeaderBytes)),
		StringHeader(HeaderReason, string(reason)),
		StringHeader(HeaderStage, stage),
		StringHeader(HeaderDLQTime, time.Now().UTC().Format(dlqTimeLayout)),
	)
	return kafka.Message{Key: key, Value: value, Headers: out}
}

// FitDeadLetter returns msg cut to fit cfg's size setting, so that dead-lettering a
// too_large message cannot fail for the same reason: if msg does not fit, its value is
// truncated and HeaderValueBytes records the original length. A message that fits is
// returned unchanged.
func FitDeadLetter(cfg Config, msg kafka.Message) kafka.Message {
	if cfg.Fits(msg) {
		return msg
	}
	msg = WithHeaders(msg, StringHeader(HeaderValueBytes, strconv.Itoa(len(msg.Value))))
	excess := MessageSize(msg) - cfg.MaxBytes()
	keep := max(len(msg.Value)-excess, 0)
	msg.Value = msg.Value[:keep:keep]
	return msg
}

// DeadLetterInfo is what ParseDeadLetter reads from a news.dlq message.
type DeadLetterInfo struct {
	Stage  string
	Reason article.Reason
	Error  string
	// Topic, Partition and Offset locate the original message; Topic is "" and the
	// numbers -1 for a record that never was on Kafka.
	Topic     string
	Partition int
	Offset    int64
	// Origin locates a record that never was on Kafka; "" otherwise.
	Origin string
	// Time is when the message was dead-lettered; zero if the header is absent.
	Time time.Time
	// ValueBytes is the original value length when FitDeadLetter cut the value; 0 if it
	// was not cut.
	ValueBytes int
}

// ParseDeadLetter reads the dead-letter headers of msg. The stage and reason headers are
// required; every header present must be well formed. Errors match ErrNotDeadLetter.
func ParseDeadLetter(msg kafka.Message) (DeadLetterInfo, error) {
	info := DeadLetterInfo{Partition: -1, Offset: -1}
	var ok bool
	if info.Stage, ok = Header(msg, HeaderStage); !ok || info.Stage == "" {
		return info, fmt.Errorf("%w: no %s header", ErrNotDeadLetter, HeaderStage)
	}
	reason, ok := Header(msg, HeaderReason)
	if !ok || reason == "" {
		return info, fmt.Errorf("%w: no %s header", ErrNotDeadLetter, HeaderReason)
	}
	info.Reason = article.Reason(reason)
	info.Error, _ = Header(msg, HeaderError)
	info.Topic, _ = Header(msg, HeaderTopic)
	info.Origin, _ = Header(msg, HeaderOrigin)
	if v, ok := Header(msg, HeaderPartition); ok {
		p, err := strconv.Atoi(v)
		if err != nil || p < 0 {
			return info, fmt.Errorf("%w: %s header %q", ErrNotDeadLetter, HeaderPartition, v)
		}
		info.Partition = p
	}
	if v, ok := Header(msg, HeaderOffset); ok {
		o, err := strconv.ParseInt(v, 10, 64)
		if err != nil || o < 0 {
			return info, fmt.Errorf("%w: %s header %q", ErrNotDeadLetter, HeaderOffset, v)
		}
		info.Offset = o
	}
	if v, ok := Header(msg, HeaderDLQTime); ok {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return info, fmt.Errorf("%w: %s header %q", ErrNotDeadLetter, HeaderDLQTime, v)
		}
		info.Time = t
	}
	if v, ok := Header(msg, HeaderValueBytes); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return info, fmt.Errorf("%w: %s header %q", ErrNotDeadLetter, HeaderValueBytes, v)
		}
		info.ValueBytes = n
	}
	return info, nil
}

// truncateUTF8 cuts s to at most n bytes without splitting a rune.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
