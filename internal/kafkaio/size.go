package kafkaio

import (
	"github.com/segmentio/kafka-go"
)

// MessageSize returns an upper bound of the record batch that msg makes on its own: the
// size kafka-go's writer counts for it (key, value, headers and fixed framing) plus the
// batch overhead. A message fits the size setting when MessageSize <= Config.MaxBytes(),
// and then the writer accepts it and the topic stores it (see Config.Fits).
func MessageSize(msg kafka.Message) int {
	n := 4 + 1 + 1 + 8 // length, magic, attributes, timestamp
	n += 4 + len(msg.Key) + 4 + len(msg.Value)
	n += varintLen(int64(len(msg.Headers)))
	for _, h := range msg.Headers {
		n += varintLen(int64(len(h.Key))) + len(h.Key)
		n += varintLen(int64(len(h.Value))) + len(h.Value)
	}
	return n + recordBatchOverhead
}

// Fits reports whether msg fits c's size setting, i.e. whether a writer made by NewWriter
// with c would accept it. Stages check this before writing what they built (an enriched
// article), so that an oversized message is trimmed or dead-lettered as too_large rather
// than retried.
func (c Config) Fits(msg kafka.Message) bool {
	return MessageSize(msg) <= c.MaxBytes()
}

// varintLen is the length of n as a zigzag varint, Kafka's encoding of record lengths.
func varintLen(n int64) int {
	u := uint64((n << 1) ^ (n >> 63))
	l := 1
	for u >= 0x80 {
		u >>= 7
		l++
	}
	return l
}
