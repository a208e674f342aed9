package kafkaio_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/broker/brokertest"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/segmentio/kafka-go"
)

// kcat returns the path of Debian's kcat (librdkafka), or skips the test: CI installs it
// with apt-get install kcat.
func kcat(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("kcat")
	if err != nil {
		if os.Getenv("NEWSFLOW_REQUIRE_KCAT") != "" {
			t.Fatal("kcat not installed, and NEWSFLOW_REQUIRE_KCAT is set")
		}
		t.Skip("kcat not installed")
	}
	return path
}

// interopKeys are article ids as newsflow makes them plus keys of other shapes: ASCII,
// multi-byte UTF-8, lengths that exercise every tail of the murmur2 loop.
func interopKeys() []string {
	var keys []string
	for i := range 150 {
		u := fmt.Sprintf("https://news.example.org/story/%d", i)
		keys = append(keys, article.NewID(u, "", ""))
	}
	keys = append(keys, "a", "ab", "abc", "abcd", "abcde", "Zürich", "東京", "article-42")
	return keys
}

// TestKcatProducesToNewsflowPartitions produces keyed messages with kcat's murmur2_random
// partitioner, reads them with kafka-go, and checks that kcat put every key in the
// partition newsflow's writers use for it.
func TestKcatProducesToNewsflowPartitions(t *testing.T) {
	t.Parallel()
	bin := kcat(t)
	_, cfg := brokertest.Start(t, broker.Config{})
	keys := interopKeys()
	var in bytes.Buffer
	for _, k := range keys {
		fmt.Fprintf(&in, "%s:{\"id\":\"%s\",\"body\":\"x: y\"}\n", k, k)
	}
	cmd := exec.CommandContext(brokertest.Context(t), bin, "-P", "-b", cfg.Brokers[0], "-t", kafkaio.TopicRaw,
		"-K:", "-X", "partitioner=murmur2_random")
	cmd.Stdin = &in
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("kcat -P: %v\n%s", err, out)
	}

	got := brokertest.Read(t, cfg, kafkaio.TopicRaw, "kcat-check", len(keys), 0)
	seen := map[string]bool{}
	for _, m := range got {
		k := string(m.Key)
		seen[k] = true
		if want := kafkaio.Partition(m.Key, kafkaio.DefaultPartitions); m.Partition != want {
			t.Errorf("key %q: kcat chose partition %d, newsflow %d", k, m.Partition, want)
		}
		if want := fmt.Sprintf(`{"id":"%s","body":"x: y"}`, k); string(m.Value) != want {
			t.Errorf("key %q: value %q, want %q", k, m.Value, want)
		}
	}
	if len(seen) != len(keys) {
		t.Errorf("read %d distinct keys, want %d", len(seen), len(keys))
	}
}

// TestKcatReadsNewsflowWrites writes with a newsflow writer (RequireAll, lz4) and reads
// with kcat: librdkafka decodes our batches and sees each key in Partition's partition.
func TestKcatReadsNewsflowWrites(t *testing.T) {
	t.Parallel()
	bin := kcat(t)
	_, cfg := brokertest.Start(t, broker.Config{})
	keys := interopKeys()
	msgs := make([]kafka.Message, len(keys))
	for i, k := range keys {
		msgs[i] = kafka.Message{Key: []byte(k), Value: []byte("value-of-" + k)}
	}
	brokertest.Write(t, cfg, kafkaio.TopicRaw, msgs...)

	cmd := exec.CommandContext(brokertest.Context(t), bin, "-C", "-b", cfg.Brokers[0], "-t", kafkaio.TopicRaw,
		"-e", "-q", "-X", "fetch.wait.max.ms=10", "-f", "%k\t%p\t%s\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("kcat -C: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(keys) {
		t.Fatalf("kcat read %d messages, want %d", len(lines), len(keys))
	}
	for _, line := range lines {
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			t.Fatalf("kcat line %q", line)
		}
		p, _ := strconv.Atoi(f[1])
		if want := kafkaio.Partition([]byte(f[0]), kafkaio.DefaultPartitions); p != want {
			t.Errorf("key %q in partition %d, want %d", f[0], p, want)
		}
		if f[2] != "value-of-"+f[0] {
			t.Errorf("key %q: kcat read value %q", f[0], f[2])
		}
	}
}
