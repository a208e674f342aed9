//go:build integration

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/esfake"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/newsflow/newsflow/internal/synth"
	"github.com/newsflow/newsflow/producer"
	"github.com/newsflow/newsflow/store/elastic"
)

// The consumer groups of `newsflow run` (its defaults, the stage commands' defaults).
var runGroups = map[string]string{kafkaio.TopicRaw: "newsflow-enricher", kafkaio.TopicEnriched: "newsflow-sink"}

// TestRealKafka runs the newsflow binary's `run --once --kafka-brokers
// $NEWSFLOW_KAFKA_BROKERS` on generated articles: the producer, enricher and sink speak to a
// real Kafka cluster (topic creation, lz4 batches, consumer groups, commits) and write to an
// esfake in this process (--es-url). It checks the summary, that the store holds exactly the
// distinct good articles, that the bad records reached news.dlq with their reasons, and that
// both groups committed everything. (A child process, not cli.Main: the embedded store's
// bleve would leave its global workers running for goleak to find.)
//
// The cluster must have no backlog for newsflow's groups on news.raw and news.enriched (a
// throwaway cluster, or one where newsflow's stages have consumed everything): the test
// checks that first and fails naming the group otherwise.
func TestRealKafka(t *testing.T) {
	brokers := os.Getenv("NEWSFLOW_KAFKA_BROKERS")
	if brokers == "" {
		t.Skip("skipped: set NEWSFLOW_KAFKA_BROKERS (host:port,...) to run against a real Kafka cluster")
	}
	kcfg := kafkaio.Config{Brokers: strings.Split(brokers, ","), ClientID: "newsflow-integration-test"}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := kafkaio.EnsureTopics(ctx, kcfg, 0, kafkaio.Topics...); err != nil {
		t.Fatal(err)
	}
	for topic, group := range runGroups {
		if n := totalLag(ctx, t, kcfg, topic, group); n != 0 {
			t.Fatalf("group %s has %d records of %s left to consume: run against a cluster without newsflow backlog", group, n, topic)
		}
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "articles.jsonl")
	var input bytes.Buffer
	truth, err := synth.Generate(&input, synth.Config{Articles: 400, Seed: time.Now().UnixNano(), DupRate: 0.15, BadRate: 0.03})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, input.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	es := esfake.New(esfake.Options{})
	srv := httptest.NewServer(es)
	defer srv.Close()
	bin := buildBinaries(t, "newsflow")["newsflow"]
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "run", "--once", "--kafka-brokers", brokers, "--es-url", srv.URL,
		"--data-dir", filepath.Join(dir, "data"), "--input", path, "--log-level", "warn")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("newsflow run: %v\n%s", err, stderr.String())
	}
	var sum struct {
		Produced, Enriched, Stored int64
		DeadLettered               int64 `json:"dead_lettered"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil {
		t.Fatalf("summary %q: %v", stdout.String(), err)
	}
	ids := truth.IDs()
	bad := truth.BadLines()
	if sum.Produced != int64(len(ids)) || sum.Enriched != sum.Produced || sum.Stored != sum.Produced || sum.DeadLettered != int64(len(bad)) {
		t.Errorf("summary %+v; want %d produced, enriched and stored, %d dead-lettered", sum, len(ids), len(bad))
	}

	// The store holds exactly the distinct good articles, once each.
	wantIDs := map[string]bool{}
	for _, id := range ids {
		wantIDs[id] = true
	}
	gotIDs := map[string]bool{}
	for _, d := range es.Docs(elastic.DefaultAlias) {
		if gotIDs[d.ID] {
			t.Errorf("id %s stored twice behind the alias", d.ID)
		}
		gotIDs[d.ID] = true
	}
	if !reflect.DeepEqual(gotIDs, wantIDs) {
		t.Errorf("stored %d ids, want the %d distinct good ids (missing %v, extra %v)",
			len(gotIDs), len(wantIDs), diff(wantIDs, gotIDs), diff(gotIDs, wantIDs))
	}

	// Every bad record reached news.dlq on the real cluster with its reason (other runs'
	// dead letters, with other origins, are skipped).
	want := map[string]article.Reason{}
	for line, reason := range bad {
		want[fmt.Sprintf("%s:%d", path, line)] = reason
	}
	got := readDeadLetters(ctx, t, kcfg, path+":", len(want))
	for origin, reason := range want {
		if got[origin] != reason {
			t.Errorf("dead letter for %s: %q, want %q", origin, got[origin], reason)
		}
	}

	// Both stages committed what they consumed.
	for topic, group := range runGroups {
		if n := totalLag(ctx, t, kcfg, topic, group); n != 0 {
			t.Errorf("group %s: %d records of %s not committed after the run", group, n, topic)
		}
	}
}

// totalLag is the group's lag summed over the topic's partitions.
func totalLag(ctx context.Context, t *testing.T, kcfg kafkaio.Config, topic, group string) int64 {
	t.Helper()
	lags, err := kafkaio.NewLagCollector(kafkaio.LagConfig{Brokers: kcfg.Brokers, GroupID: group, Topic: topic,
		Stage: "integration_test", Timeout: 10 * time.Second, ClientID: kcfg.ClientID}).Lag(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, l := range lags {
		n += l
	}
	return n
}

// readDeadLetters reads news.dlq from the start in a group of its own until it has seen n
// dead letters whose origin starts with prefix, and returns their reasons by origin.
func readDeadLetters(ctx context.Context, t *testing.T, kcfg kafkaio.Config, prefix string, n int) map[string]article.Reason {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	r := kafkaio.NewReader(kcfg, kafkaio.TopicDLQ, fmt.Sprintf("newsflow-integration-%d", time.Now().UnixNano()))
	defer r.Close()
	got := map[string]article.Reason{}
	for len(got) < n {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			t.Fatalf("read %s after %d of %d dead letters: %v", kafkaio.TopicDLQ, len(got), n, err)
		}
		info, err := kafkaio.ParseDeadLetter(m)
		if err != nil {
			t.Fatal(err)
		}
		if info.Stage == producer.Stage && strings.HasPrefix(info.Origin, prefix) {
			got[info.Origin] = info.Reason
		}
	}
	return got
}
