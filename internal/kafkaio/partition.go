package kafkaio

import (
	"github.com/segmentio/kafka-go"
)

// Partition returns the partition, out of partitions, that every newsflow writer puts a
// message keyed key in: kafka-go's Murmur2Balancer, which is the Java client's default
// partitioner and librdkafka's (kcat's) murmur2_random. It returns -1 for a nil key (the
// writers spread unkeyed messages at random) or a non-positive partition count.
func Partition(key []byte, partitions int) int {
	if key == nil || partitions <= 0 {
		return -1
	}
	ids := make([]int, partitions)
	for i := range ids {
		ids[i] = i
	}
	return kafka.Murmur2Balancer{}.Balance(kafka.Message{Key: key}, ids...)
}
