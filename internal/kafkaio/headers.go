package kafkaio

import (
	"github.com/segmentio/kafka-go"
)

// Header returns the value of msg's header name. Kafka allows a name to repeat; like the
// Java client's lastHeader, the last one wins.
func Header(msg kafka.Message, name string) (string, bool) {
	for i := len(msg.Headers) - 1; i >= 0; i-- {
		if msg.Headers[i].Key == name {
			return string(msg.Headers[i].Value), true
		}
	}
	return "", false
}

// WithHeaders returns msg with headers set: each replaces every existing header of the same
// name, the others are kept in order. msg's own Headers slice is not modified.
func WithHeaders(msg kafka.Message, headers ...kafka.Header) kafka.Message {
	replaced := make(map[string]bool, len(headers))
	for _, h := range headers {
		replaced[h.Key] = true
	}
	out := make([]kafka.Header, 0, len(msg.Headers)+len(headers))
	for _, h := range msg.Headers {
		if !replaced[h.Key] {
			out = append(out, h)
		}
	}
	msg.Headers = append(out, headers...)
	return msg
}

// StringHeader is a header with a string value.
func StringHeader(name, value string) kafka.Header {
	return kafka.Header{Key: name, Value: []byte(value)}
}
