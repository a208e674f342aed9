package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/broker"
	"github.com/newsflow/newsflow/internal/broker/brokertest"
	"github.com/newsflow/newsflow/internal/kafkaio"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/elastic"
	"github.com/newsflow/newsflow/store/storetest"
	"github.com/newsflow/newsflow/web"
)

// storeLockChildEnv names the data directory a child process (this test binary, re-run)
// tries to serve while the parent holds it.
const storeLockChildEnv = "NEWSFLOW_STORE_LOCK_CHILD"

// runningStore is `newsflow store` running in this process.
type runningStore struct {
	base, admin string // http://host:port of the store and of its admin server
	cancel      context.CancelFunc
	done        chan int
}

var servingLine = regexp.MustCompile(`^newsflow store: serving .* on (http://[^/]+)/ .*metrics on (http://[^/]+)/metrics`)

// startStore runs `newsflow store` on dir with free ports and waits for its serving line.
func startStore(t *testing.T, dir string) *runningStore {
	t.Helper()
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	rs := &runningStore{cancel: cancel, done: make(chan int, 1)}
	go func() {
		rs.done <- Main(ctx, Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: pw},
			[]string{"store", "--data-dir", dir, "--listen", "127.0.0.1:0", "--admin-addr", "127.0.0.1:0", "--log-level", "warn"})
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	var seen []string
	for sc.Scan() {
		seen = append(seen, sc.Text())
		if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
			rs.base, rs.admin = m[1], m[2]
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if rs.base == "" {
		cancel()
		t.Fatalf("newsflow store did not start:\n%s", strings.Join(seen, "\n"))
	}
	t.Cleanup(func() { rs.stop(t) })
	return rs
}

func (rs *runningStore) stop(t *testing.T) {
	t.Helper()
	if rs.cancel == nil {
		return
	}
	rs.cancel()
	rs.cancel = nil
	if code := <-rs.done; code != 0 {
		t.Errorf("newsflow store exited with %d", code)
	}
}

func get(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

// TestStoreCommand runs `newsflow store` and uses it as the sink does (store/elastic,
// unchanged), then searches what was written through the search API on the same port,
// checks GET / for a browser and for a client, the metrics, and that a second process on
// the same data directory fails at once with "locked by another process".
func TestStoreCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	rs := startStore(t, dir)

	es, err := elastic.New(elastic.Config{URLs: []string{rs.base}})
	if err != nil {
		t.Fatal(err)
	}
	defer es.Close()
	if err := es.Ping(ctx); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	if err := es.EnsureTemplate(ctx); err != nil {
		t.Fatalf("EnsureTemplate: %v", err)
	}
	corpus := storetest.NewCorpus()
	var docs []store.Document
	for _, a := range corpus.All()[:6] {
		d, err := store.FromArticle(a)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	res, err := es.Write(ctx, docs)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	for i, r := range res {
		if r.Outcome != store.OutcomeStored {
			t.Errorf("document %d: %+v", i, r)
		}
	}

	t.Run("search API on the same port", func(t *testing.T) {
		resp, body := get(t, rs.base+`/api/search?q=%22interest+rates%22`)
		var sr web.SearchResponse
		if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &sr) != nil || sr.Total != 3 {
			t.Errorf("search: %d %s; want 3 articles with the phrase", resp.StatusCode, body)
		}
	})
	t.Run("GET / from a browser is the page", func(t *testing.T) {
		resp, body := get(t, rs.base+"/", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, "<html") {
			t.Errorf("page: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if resp, _ := get(t, rs.base+"/app.js"); resp.StatusCode != 200 {
			t.Errorf("app.js: %d", resp.StatusCode)
		}
	})
	t.Run("GET / from anything else is Elasticsearch's info", func(t *testing.T) {
		resp, body := get(t, rs.base+"/")
		var info struct {
			Version struct{ Number string } `json:"version"`
		}
		if resp.Header.Get("X-Elastic-Product") != "Elasticsearch" || json.Unmarshal([]byte(body), &info) != nil || !strings.HasPrefix(info.Version.Number, "8.") {
			t.Errorf("info: %d %q %s", resp.StatusCode, resp.Header.Get("X-Elastic-Product"), body)
		}
	})
	t.Run("metrics", func(t *testing.T) {
		_, body := get(t, rs.admin+"/metrics")
		if want := `newsflow_store_bulk_items_total{outcome="stored"} 6`; !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
		if !strings.Contains(body, "newsflow_web_requests_total") {
			t.Error("metrics lack the search API's")
		}
	})
	t.Run("ready", func(t *testing.T) {
		if resp, body := get(t, rs.admin+"/readyz"); resp.StatusCode != 200 {
			t.Errorf("readyz: %d %s", resp.StatusCode, body)
		}
	})
	t.Run("newsflow search finds it", func(t *testing.T) {
		b, err := os.ReadFile(filepath.Join(dir, searchAddrFile))
		if err != nil || "http://"+strings.TrimSpace(string(b)) != rs.base {
			t.Errorf("%s: %q, %v; want %s", searchAddrFile, b, err, rs.base)
		}
	})
	t.Run("a second process is locked out", func(t *testing.T) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestStoreLockChild$")
		cmd.Env = append(os.Environ(), storeLockChildEnv+"="+dir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("child: %v\n%s", err, out)
		}
		m := regexp.MustCompile(`code=(\d+) seconds=([0-9.]+)`).FindSubmatch(out)
		if m == nil {
			t.Fatalf("child output:\n%s", out)
		}
		seconds, _ := strconv.ParseFloat(string(m[2]), 64)
		if string(m[1]) != "1" || !strings.Contains(string(out), "locked by another process") {
			t.Errorf("the second store must fail with code 1 and \"locked by another process\":\n%s", out)
		}
		// The bound: the lock never waits, so this holds with a wide margin.
		if seconds >= 2 {
			t.Errorf("the second store took %.3f s to fail, more than 2 s", seconds)
		}
	})

	rs.stop(t)
	if _, err := os.Stat(filepath.Join(dir, searchAddrFile)); !os.IsNotExist(err) {
		t.Errorf("%s left behind after shutdown: %v", searchAddrFile, err)
	}
	// Restart: everything is there.
	rs = startStore(t, dir)
	resp, body := get(t, rs.base+"/api/stats")
	var stats web.StatsResponse
	if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &stats) != nil || stats.Documents != 6 {
		t.Errorf("stats after restart: %d %s; want 6 documents", resp.StatusCode, body)
	}
}

// TestStoreLockChild is the second process of TestStoreCommand: it runs `newsflow store` on
// the directory the parent holds and prints its exit code and how long it took.
func TestStoreLockChild(t *testing.T) {
	dir := os.Getenv(storeLockChildEnv)
	if dir == "" {
		t.Skip("the child of TestStoreCommand")
	}
	start := time.Now()
	code := Main(context.Background(), Env{Stdin: strings.NewReader(""), Stdout: os.Stdout, Stderr: os.Stdout},
		[]string{"store", "--data-dir", dir, "--listen", "127.0.0.1:0", "--admin-addr", "127.0.0.1:0"})
	fmt.Printf("code=%d seconds=%.3f\n", code, time.Since(start).Seconds())
}

func TestPageRequest(t *testing.T) {
	tests := []struct {
		method, path, accept string
		page                 bool
	}{
		{"GET", "/", "text/html,application/xhtml+xml", true},
		{"HEAD", "/", "text/html", true},
		{"GET", "/", "", false},
		{"GET", "/", "application/json", false},
		{"HEAD", "/", "*/*", false},
		{"GET", "/api/search", "application/json", true},
		{"POST", "/api/search", "", true},
		{"GET", "/app.js", "*/*", true},
		{"GET", "/style.css", "", true},
		{"GET", "/news", "", false},
		{"GET", "/news/_doc/abc", "text/html", false},
		{"POST", "/news/_bulk", "", false},
		{"GET", "/_alias/news", "", false},
		{"GET", "/_cluster/health", "", false},
		{"PUT", "/index.html", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path+" "+tc.accept, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, tc.path, nil)
			if tc.accept != "" {
				r.Header.Set("Accept", tc.accept)
			}
			if got := pageRequest(r); got != tc.page {
				t.Errorf("pageRequest = %v, want %v", got, tc.page)
			}
		})
	}
}

// TestSinksWriteToStore starts `newsflow store` and two `newsflow sink` processes' commands
// (in this process) on an embedded broker, as one would run them: the sinks, unchanged,
// write every enriched article to the store through its Elasticsearch API, and an older
// revision published after the newer one is stale, not stored.
func TestSinksWriteToStore(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a broker, a store and two sinks; skipped with -short")
	}
	rs := startStore(t, t.TempDir())
	_, kcfg := brokertest.Start(t, broker.Config{Partitions: 2})
	ctx := brokertest.Context(t)
	if err := kafkaio.EnsureTopics(ctx, kcfg, 2, kafkaio.Topics...); err != nil {
		t.Fatal(err)
	}
	sinkCtx, stopSinks := context.WithCancel(ctx)
	codes := make(chan int, 2)
	for range 2 {
		go func() {
			codes <- Main(sinkCtx, Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard}, []string{
				"sink", "--kafka-brokers", strings.Join(kcfg.Brokers, ","), "--es-url", rs.base,
				"--admin-addr", "127.0.0.1:0", "--partitions", "2", "--batch-age", "20ms", "--log-level", "warn"})
		}()
	}
	defer func() {
		stopSinks()
		for range 2 {
			if code := <-codes; code != 0 {
				t.Errorf("a sink exited with %d", code)
			}
		}
	}()

	corpus := storetest.NewCorpus()
	all := corpus.All()
	older := *corpus.Rates
	older.Revision, older.Title = corpus.Rates.Revision-1, "an older revision"
	var msgs []kafka.Message
	for _, a := range append(all, &older) {
		b, err := article.Encode(a)
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, kafka.Message{Key: []byte(a.ID), Value: b})
	}
	brokertest.Write(t, kcfg, kafkaio.TopicEnriched, msgs...)

	es, err := elastic.New(elastic.Config{URLs: []string{rs.base}})
	if err != nil {
		t.Fatal(err)
	}
	defer es.Close()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for n := int64(0); n < int64(len(all)); {
		select {
		case <-ctx.Done():
			t.Fatalf("the sinks stored %d of %d articles before the deadline", n, len(all))
		case <-tick.C:
		}
		if n, err = es.Count(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// The stale revision came after the newer one in its partition: once the sinks have
	// caught up, the store keeps the newer one.
	_, body := get(t, rs.admin+"/metrics")
	for !strings.Contains(body, `newsflow_store_bulk_items_total{outcome="stale"} 1`) {
		select {
		case <-ctx.Done():
			t.Fatalf("no stale item counted:\n%s", body)
		case <-tick.C:
		}
		_, body = get(t, rs.admin+"/metrics")
	}
	d, found, err := es.Get(ctx, corpus.Rates.ID)
	if err != nil || !found || d.Title != corpus.Rates.Title || d.Revision != corpus.Rates.Revision {
		t.Errorf("stored %q revision %d (%v, %v); want %q revision %d", d.Title, d.Revision, found, err, corpus.Rates.Title, corpus.Rates.Revision)
	}
}

// TestStoreCorruptDataDir: a data directory whose index cannot be read is a clear error at
// start, never a silent new empty index.
func TestStoreCorruptDataDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "store", "index"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "store", "index", "index_meta.json"), []byte("not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "", "store", "--data-dir", dir, "--listen", "127.0.0.1:0", "--admin-addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(stderr, "corrupt or unreadable search index") {
		t.Errorf("code %d, stderr %q; want 1 and a corrupt index error", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, searchAddrFile)); !os.IsNotExist(err) {
		t.Errorf("%s written for a store that did not start", searchAddrFile)
	}
}
