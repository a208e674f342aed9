//go:build linux

package embedded

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/storetest"
)

// fullDiskChildEnv names the data directory of a child that writes under RLIMIT_FSIZE.
const fullDiskChildEnv = "NEWSFLOW_EMBEDDED_FULLDISK_CHILD"

// fullDiskLimit is the largest file the child may write once the store is open: the
// small write fits, the big one's segment (about 500 KB) does not.
const fullDiskLimit = 256 << 10

// fullDiskDocs are the big write: 150 articles of about 3 KB.
func fullDiskDocs() ([]store.Document, error) {
	base := storetest.NewCorpus().Savers
	docs := make([]store.Document, 150)
	for i := range docs {
		a := *base
		a.Body = strings.Repeat(fmt.Sprintf("Savers note %d of the rates paid this year. ", i), 70)
		a.URL = fmt.Sprintf("https://ap.example/savers/%d", i)
		a.ID = article.NewID(a.URL, "", "")
		a.Places = nil
		d, err := store.FromArticle(&a)
		if err != nil {
			return nil, err
		}
		docs[i] = d
	}
	return docs, nil
}

// fullDiskChild opens the store, writes one article, then under a file size limit writes
// 150 (which must fail with store.ErrUnavailable, as a full disk does), then lifts the limit
// and writes them again, as the sink's retry would. It prints one line per step.
func fullDiskChild(dir string) int {
	signal.Ignore(syscall.SIGXFSZ) // get EFBIG from write(2) instead of dying
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		fmt.Println("getrlimit:", err)
		return 1
	}
	hard := lim.Max
	s, err := Open(dir, Options{})
	if err != nil {
		fmt.Println("open:", err)
		return 1
	}
	docs, err := fullDiskDocs()
	if err != nil {
		fmt.Println("convert:", err)
		return 1
	}
	small, err := store.FromArticle(storetest.NewCorpus().Rates)
	if err != nil {
		fmt.Println("convert:", err)
		return 1
	}
	ctx := context.Background()
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: fullDiskLimit, Max: hard}); err != nil {
		fmt.Println("setrlimit:", err)
		return 1
	}
	if _, err := s.Write(ctx, []store.Document{small}); err != nil {
		fmt.Println("small write:", err)
		return 1
	}
	fmt.Println("small write ok")
	_, err = s.Write(ctx, docs)
	fmt.Printf("limited write unavailable=%v: %v\n", errors.Is(err, store.ErrUnavailable), err)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: hard, Max: hard}); err != nil {
		fmt.Println("setrlimit:", err)
		return 1
	}
	res, err := s.Write(ctx, docs)
	if err != nil {
		fmt.Println("retry:", err)
		return 1
	}
	for _, r := range res {
		if r.Outcome != store.OutcomeStored {
			fmt.Println("retry outcome:", r)
			return 1
		}
	}
	fmt.Println("retry ok")
	if err := s.Close(); err != nil {
		fmt.Println("close:", err)
		return 1
	}
	return 0
}

// TestFullDisk runs a store in a child process under RLIMIT_FSIZE: the write that cannot
// be persisted fails with store.ErrUnavailable (never a silent success), the retry after
// space returns stores everything, and a reopen finds every article.
func TestFullDisk(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), fullDiskChildEnv+"="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	for _, want := range []string{"small write ok", "limited write unavailable=true", "retry ok"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("child output lacks %q:\n%s", want, out)
		}
	}
	s := openT(t, dir)
	docs, err := fullDiskDocs()
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{storetest.NewCorpus().Rates.ID}
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	for _, id := range ids {
		if _, found, err := s.Article(context.Background(), id); err != nil || !found {
			t.Errorf("article %s after the full disk: found %v, %v", id, found, err)
		}
	}
	st, err := s.Stats(context.Background())
	if err != nil || st.Documents != int64(len(ids)) {
		t.Errorf("stats %+v, %v; want %d documents", st, err, len(ids))
	}
}
