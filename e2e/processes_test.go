package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/broker/brokertest"
	"github.com/newsflow/newsflow/internal/kafkaio"
)

// TestSeparateProcessesWithKcat runs `newsflow broker`, `newsflow esfake` and the three stage
// binaries as separate processes. The same articles are produced twice, once by Debian's kcat
// (librdkafka, murmur2_random partitioner) and once by newsflow's producer: every article must
// reach the store once, and both clients must put each id in the same partition.
func TestSeparateProcessesWithKcat(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts five processes; skipped with -short")
	}
	kcat, err := exec.LookPath("kcat")
	if err != nil {
		if os.Getenv("NEWSFLOW_REQUIRE_KCAT") != "" {
			t.Fatal("kcat not installed, and NEWSFLOW_REQUIRE_KCAT is set")
		}
		t.Skip("kcat not installed (apt-get install kcat); .ci/run installs it")
	}
	bin := buildBinaries(t, "newsflow", "producer", "enricher", "sink")
	brokerAddr, esAddr := freeAddr(t), freeAddr(t)

	start(t, bin["newsflow"], "broker", "--listen", brokerAddr)
	waitDial(t, brokerAddr)
	start(t, bin["newsflow"], "esfake", "--listen", esAddr)
	waitDial(t, esAddr)
	kafkaFlag := "--kafka-brokers=" + brokerAddr
	start(t, bin["enricher"], kafkaFlag, "--admin-addr=127.0.0.1:0")
	start(t, bin["sink"], kafkaFlag, "--admin-addr=127.0.0.1:0", "--es-url=http://"+esAddr, "--batch-age=50ms")

	// The articles, keyed by their ids.
	const n = 60
	var lines, keyed bytes.Buffer
	ids := map[string]bool{}
	for i := range n {
		a := map[string]any{
			"url":          fmt.Sprintf("https://wire.example.net/world/2024/06/%02d/story-%d", 1+i%28, i),
			"title":        fmt.Sprintf("Ministers meet in Brussels, story %d", i),
			"body":         fmt.Sprintf("Ministers from France and Germany met in Brussels on Monday to discuss trade, story %d.", i),
			"published_at": "2024-06-01T09:00:00Z",
		}
		id := article.NewID(a["url"].(string), "", "")
		a["id"] = id
		ids[id] = true
		b, _ := json.Marshal(a)
		lines.Write(append(b, '\n'))
		fmt.Fprintf(&keyed, "%s\t%s\n", id, b)
	}
	cmd := exec.Command(kcat, "-P", "-b", brokerAddr, "-t", kafkaio.TopicRaw, "-K\t", "-X", "partitioner=murmur2_random")
	cmd.Stdin = &keyed
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("kcat: %v\n%s", err, out)
	}
	path := filepath.Join(t.TempDir(), "articles.jsonl")
	if err := os.WriteFile(path, lines.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin["producer"], kafkaFlag, path).CombinedOutput(); err != nil {
		t.Fatalf("producer: %v\n%s", err, out)
	}

	// kcat and newsflow put each id in the same partition, the one kafkaio.Partition names.
	kcfg := kafkaio.Config{Brokers: []string{brokerAddr}}
	partitionOf := map[string]int{}
	for _, m := range brokertest.Read(t, kcfg, kafkaio.TopicRaw, "e2e-partitions", 2*n, 0) {
		key := string(m.Key)
		if want := kafkaio.Partition(m.Key, kafkaio.DefaultPartitions); m.Partition != want {
			t.Errorf("id %s in partition %d, murmur2 says %d", key, m.Partition, want)
		}
		if p, ok := partitionOf[key]; ok && p != m.Partition {
			t.Errorf("id %s in partitions %d and %d", key, p, m.Partition)
		}
		partitionOf[key] = m.Partition
	}
	if len(partitionOf) != n {
		t.Errorf("%d distinct keys in news.raw, want %d", len(partitionOf), n)
	}

	// Every article reaches the store, once.
	waitFor(t, "all articles in the store", func() bool { return esCount(t, esAddr) == n })
	for id := range ids {
		resp, err := http.Get("http://" + esAddr + "/news/_doc/" + id)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("article %s: GET _doc answered %d", id, resp.StatusCode)
		}
	}
}

func buildBinaries(t *testing.T, names ...string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	out := map[string]string{}
	args := []string{"build", "-o", dir + string(os.PathSeparator)}
	for _, n := range names {
		args = append(args, "github.com/newsflow/newsflow/cmd/"+n)
		out[n] = filepath.Join(dir, n)
	}
	cmd := exec.Command("go", args...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	return out
}

// start runs a long-lived process; at the end of the test it gets SIGTERM and must exit 0
// within its drain timeout, which checks the graceful shutdown path too.
func start(t *testing.T, bin string, args ...string) {
	t.Helper()
	var logs bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("%s %s: exit after SIGTERM: %v\n%s", filepath.Base(bin), strings.Join(args, " "), err, logs.String())
			}
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			t.Errorf("%s did not stop within 30s of SIGTERM\n%s", filepath.Base(bin), logs.String())
		}
	})
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitDial(t *testing.T, addr string) {
	t.Helper()
	waitFor(t, addr+" to listen", func() bool {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
		}
		return err == nil
	})
}

func esCount(t *testing.T, addr string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://"+addr+"/news/_count", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	var body struct{ Count int }
	if resp.StatusCode != 200 || json.NewDecoder(resp.Body).Decode(&body) != nil {
		return -1
	}
	return body.Count
}
