package kafkaio

import (
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"
)

// NewWriterCollector returns a prometheus.Collector of w's kafka-go statistics, read at
// scrape time, labelled with w's topic:
//
//	newsflow_<stage>_kafka_writer_messages_total        messages written
//	newsflow_<stage>_kafka_writer_bytes_total           bytes of those messages
//	newsflow_<stage>_kafka_writer_requests_total        produce requests
//	newsflow_<stage>_kafka_writer_errors_total          failed produce requests
//	newsflow_<stage>_kafka_writer_retries_total         retried produce requests
//	newsflow_<stage>_kafka_writer_request_duration_seconds  summary of produce round trips
//
// kafka-go resets its counters on every Writer.Stats call, so the collector owns that call:
// nothing else may call w.Stats, or its deltas are lost here. Writers of different topics
// may be registered side by side; the same topic twice under one stage is a duplicate.
func NewWriterCollector(stage string, w *kafka.Writer) prometheus.Collector {
	prefix := "kafka_writer_"
	labels := prometheus.Labels{"topic": w.Topic}
	return &statsCollector[kafka.WriterStats]{
		stats: w.Stats,
		counters: []statSpec[kafka.WriterStats]{
			{newDesc(stage, prefix+"messages_total", "Messages written to Kafka.", labels), func(s kafka.WriterStats) int64 { return s.Messages }},
			{newDesc(stage, prefix+"bytes_total", "Bytes of the messages written to Kafka.", labels), func(s kafka.WriterStats) int64 { return s.Bytes }},
			{newDesc(stage, prefix+"requests_total", "Produce requests sent.", labels), func(s kafka.WriterStats) int64 { return s.Writes }},
			{newDesc(stage, prefix+"errors_total", "Produce requests that failed.", labels), func(s kafka.WriterStats) int64 { return s.Errors }},
			{newDesc(stage, prefix+"retries_total", "Produce requests retried.", labels), func(s kafka.WriterStats) int64 { return s.Retries }},
		},
		durations: []durationSpec[kafka.WriterStats]{
			{newDesc(stage, prefix+"request_duration_seconds", "Produce request round trips, acknowledgement included.", labels), func(s kafka.WriterStats) kafka.DurationStats { return s.WriteTime }},
		},
		totals: make(map[*prometheus.Desc]*durationTotal),
	}
}

// NewReaderCollector returns a prometheus.Collector of r's kafka-go statistics, read at
// scrape time, labelled with r's topic:
//
//	newsflow_<stage>_kafka_reader_messages_total     messages fetched
//	newsflow_<stage>_kafka_reader_bytes_total        bytes of those messages
//	newsflow_<stage>_kafka_reader_fetches_total      fetch requests
//	newsflow_<stage>_kafka_reader_errors_total       reader errors
//	newsflow_<stage>_kafka_reader_timeouts_total     fetches that timed out
//	newsflow_<stage>_kafka_reader_rebalances_total   consumer group rebalances
//	newsflow_<stage>_kafka_reader_queue_messages     fetched messages waiting to be read
//
// As for NewWriterCollector, the collector owns r.Stats: kafka-go resets the counters on
// every call.
func NewReaderCollector(stage string, r *kafka.Reader) prometheus.Collector {
	prefix := "kafka_reader_"
	labels := prometheus.Labels{"topic": r.Config().Topic}
	return &statsCollector[kafka.ReaderStats]{
		stats: r.Stats,
		counters: []statSpec[kafka.ReaderStats]{
			{newDesc(stage, prefix+"messages_total", "Messages fetched from Kafka.", labels), func(s kafka.ReaderStats) int64 { return s.Messages }},
			{newDesc(stage, prefix+"bytes_total", "Bytes of the messages fetched from Kafka.", labels), func(s kafka.ReaderStats) int64 { return s.Bytes }},
			{newDesc(stage, prefix+"fetches_total", "Fetch requests sent.", labels), func(s kafka.ReaderStats) int64 { return s.Fetches }},
			{newDesc(stage, prefix+"errors_total", "Reader errors.", labels), func(s kafka.ReaderStats) int64 { return s.Errors }},
			{newDesc(stage, prefix+"timeouts_total", "Fetch requests that timed out.", labels), func(s kafka.ReaderStats) int64 { return s.Timeouts }},
			{newDesc(stage, prefix+"rebalances_total", "Consumer group rebalances this reader took part in.", labels), func(s kafka.ReaderStats) int64 { return s.Rebalances }},
		},
		gauges: []statSpec[kafka.ReaderStats]{
			{newDesc(stage, prefix+"queue_messages", "Fetched messages waiting in the reader's queue.", labels), func(s kafka.ReaderStats) int64 { return s.QueueLength }},
		},
		totals: make(map[*prometheus.Desc]*durationTotal),
	}
}

func newDesc(stage, name, help string, labels prometheus.Labels) *prometheus.Desc {
	return stageDesc(stage, name, help, nil, labels)
}

type statSpec[S any] struct {
	desc *prometheus.Desc
	get  func(S) int64
}

type durationSpec[S any] struct {
	desc *prometheus.Desc
	get  func(S) kafka.DurationStats
}

type durationTotal struct {
	count uint64
	sum   float64 // seconds
}

// statsCollector turns kafka-go's reset-on-read statistics into Prometheus counters by
// adding each snapshot's deltas to running totals.
type statsCollector[S any] struct {
	stats     func() S
	counters  []statSpec[S]
	gauges    []statSpec[S]
	durations []durationSpec[S]

	mu      sync.Mutex // serialises scrapes: a snapshot's deltas must be added exactly once
	counted []int64
	totals  map[*prometheus.Desc]*durationTotal
}

func (c *statsCollector[S]) Describe(ch chan<- *prometheus.Desc) {
	for _, s := range c.counters {
		ch <- s.desc
	}
	for _, s := range c.gauges {
		ch <- s.desc
	}
	for _, s := range c.durations {
		ch <- s.desc
	}
}

func (c *statsCollector[S]) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	snap := c.stats()
	if c.counted == nil {
		c.counted = make([]int64, len(c.counters))
	}
	for i, s := range c.counters {
		c.counted[i] += s.get(snap)
		ch <- prometheus.MustNewConstMetric(s.desc, prometheus.CounterValue, float64(c.counted[i]))
	}
	for _, s := range c.gauges {
		ch <- prometheus.MustNewConstMetric(s.desc, prometheus.GaugeValue, float64(s.get(snap)))
	}
	for _, s := range c.durations {
		d := s.get(snap)
		t := c.totals[s.desc]
		if t == nil {
			t = &durationTotal{}
			c.totals[s.desc] = t
		}
		t.count += uint64(d.Count)
		t.sum += d.Sum.Seconds()
		ch <- prometheus.MustNewConstSummary(s.desc, t.count, t.sum, nil)
	}
}
