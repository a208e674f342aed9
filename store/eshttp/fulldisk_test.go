//go:build linux

package eshttp

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/elastic"
	"github.com/newsflow/newsflow/store/embedded"
	"github.com/newsflow/newsflow/store/storetest"
)

// fullDiskEnv names the data directory of the child process of TestFullDisk.
const fullDiskEnv = "NEWSFLOW_ESHTTP_FULLDISK_CHILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(fullDiskEnv); dir != "" {
		os.Exit(fullDiskChild(dir))
	}
	os.Exit(m.Run())
}

// bigBatch is 120 articles of about 4 KB each: their segment is far larger than the file
// size limit of the child.
func bigBatch() ([]store.Document, error) {
	base := *storetest.NewCorpus().Paris
	docs := make([]store.Document, 0, 120)
	for i := range 120 {
		a := base
		a.URL = fmt.Sprintf("https://lemonde.example/taux/%03d", i)
		a.ID = article.NewID(a.URL, "", "")
		a.Body = strings.Repeat(fmt.Sprintf("Note %d sur les taux de la Banque de France, semaine après semaine. ", i), 60)
		a.Places = nil
		d, err := store.FromArticle(&a)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// fullDiskChild runs fullDiskSteps and turns their failure into exit code 1.
func fullDiskChild(dir string) int {
	signal.Ignore(syscall.SIGXFSZ) // EFBIG from write(2) instead of death
	if err := fullDiskSteps(dir); err != nil {
		fmt.Println("failed:", err)
		return 1
	}
	return 0
}

// fullDiskSteps serve the embedded store in dir and write to it with store/elastic, as a
// sink does: a first batch, then under RLIMIT_FSIZE a batch whose segment cannot be
// written (as on a full disk), then the same batch again once the limit is lifted. They
// print one line per step.
func fullDiskSteps(dir string) error {
	st, err := embedded.Open(dir, embedded.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	h, err := New(Config{Store: st})
	if err != nil {
		return err
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	es, err := elastic.New(elastic.Config{URLs: []string{srv.URL}})
	if err != nil {
		return err
	}
	defer es.Close()
	ctx := context.Background()
	big, err := bigBatch()
	if err != nil {
		return err
	}
	first, err := store.FromArticle(storetest.NewCorpus().Rates)
	if err != nil {
		return err
	}
	if err := es.EnsureTemplate(ctx); err != nil {
		return err
	}
	if res, err := es.Write(ctx, []store.Document{first}); err != nil || res[0].Outcome != store.OutcomeStored {
		return fmt.Errorf("first write: %v, %v", res, err)
	}
	fmt.Println("first write stored")

	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		return err
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: 128 << 10, Max: lim.Max}); err != nil {
		return err
	}
	res, err := es.Write(ctx, big)
	status := 0
	if re := (*elastic.ResponseError)(nil); errors.As(err, &re) {
		status = re.Status
	}
	fmt.Printf("full disk: results=%d unavailable=%v status=%d\n", len(res), errors.Is(err, store.ErrUnavailable), status)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		return err
	}
	if res, err = es.Write(ctx, big); err != nil {
		return fmt.Errorf("retry: %w", err)
	}
	stored := 0
	for _, r := range res {
		if r.Outcome == store.OutcomeStored {
			stored++
		}
	}
	if stored != len(big) {
		return fmt.Errorf("retry: %d of %d stored: %+v", stored, len(big), res)
	}
	fmt.Println("retry stored")
	return st.Close()
}

// TestFullDisk runs the server in a child process under RLIMIT_FSIZE: the bulk request whose
// write cannot be persisted is a 503 (store/elastic: store.ErrUnavailable, no results, so
// the sink retries every document), the retry after the limit is lifted stores all, and the
// reopened store holds every article.
func TestFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("writes about a megabyte in a child process; skipped with -short")
	}
	dir := t.TempDir()
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), fullDiskEnv+"="+dir)
	out, err := child.CombinedOutput()
	want := "first write stored\nfull disk: results=0 unavailable=true status=503\nretry stored\n"
	if err != nil || string(out) != want {
		t.Fatalf("child: %v; output:\n%s\nwant:\n%s", err, out, want)
	}
	// Reopened, the store holds the first article and every one of the retried batch.
	st, err := embedded.Open(dir, embedded.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	big, err := bigBatch()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	missing := 0
	for _, d := range big {
		if _, found, err := st.Article(ctx, d.ID); err != nil || !found {
			missing++
		}
	}
	if n, err := st.Stats(ctx); missing > 0 || err != nil || n.Documents != int64(len(big)+1) {
		t.Errorf("after the full disk: %d of %d retried articles missing; stats %+v, %v", missing, len(big), n, err)
	}
}
