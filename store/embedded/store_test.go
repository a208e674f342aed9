package embedded

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/store"
	"github.com/newsflow/newsflow/store/storetest"
)

// lockChildEnv names the data directory a child test process holds open.
const lockChildEnv = "NEWSFLOW_EMBEDDED_LOCK_CHILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(lockChildEnv); dir != "" {
		os.Exit(lockChild(dir))
	}
	if dir := os.Getenv(fullDiskChildEnv); dir != "" {
		os.Exit(fullDiskChild(dir))
	}
	code := m.Run()
	benchCleanup()
	if code == 0 {
		// bleve's shared analysis workers live for the whole process.
		if err := goleak.Find(goleak.IgnoreAnyFunction("github.com/blevesearch/bleve_index_api.AnalysisWorker")); err != nil {
			fmt.Fprintln(os.Stderr, "goleak:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// lockChild opens the store, says "ready" on stdout and holds it until stdin closes.
func lockChild(dir string) int {
	s, err := Open(dir, Options{})
	if err != nil {
		fmt.Println("open:", err)
		return 1
	}
	fmt.Println("ready")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	if err := s.Close(); err != nil {
		return 1
	}
	return 0
}

func openT(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func doc(t *testing.T, a *article.Article) store.Document {
	t.Helper()
	d, err := store.FromArticle(a)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// openWithin runs Open and fails the test if it has not answered within the limit the
// issue sets for a locked directory.
func openWithin(t *testing.T, dir string) (*Store, error) {
	t.Helper()
	type answer struct {
		s   *Store
		err error
	}
	ch := make(chan answer, 1)
	go func() {
		s, err := Open(dir, Options{})
		ch <- answer{s, err}
	}()
	select {
	case a := <-ch:
		return a.s, a.err
	case <-time.After(2 * time.Second):
		t.Fatal("Open of a locked directory did not answer within 2 s")
		return nil, nil
	}
}

func TestOpenLockedByAnotherProcess(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), lockChildEnv+"="+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		stdin.Close()
		_ = cmd.Wait()
		t.Fatalf("child: %q, %v", line, err)
	}

	s, err := openWithin(t, dir)
	if err == nil {
		s.Close()
		t.Fatal("Open succeeded while another process holds the directory")
	}
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "locked by another process") {
		t.Errorf("Open = %v, want an error saying %q", err, "locked by another process")
	}

	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	s, err = openWithin(t, dir)
	if err != nil {
		t.Fatalf("Open after the other process left: %v", err)
	}
	s.Close()
}

func TestOpenLockedInProcess(t *testing.T) {
	dir := t.TempDir()
	openT(t, dir)
	if _, err := openWithin(t, dir); !errors.Is(err, ErrLocked) {
		t.Errorf("second Open = %v, want ErrLocked", err)
	}
}

func TestOpenCorrupt(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(t *testing.T, index string)
	}{
		{"empty index directory", func(t *testing.T, index string) {
			if err := os.RemoveAll(index); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(index, 0o755); err != nil {
				t.Fatal(err)
			}
		}},
		{"garbage meta", func(t *testing.T, index string) {
			writeFile(t, filepath.Join(index, "index_meta.json"), "{not json")
		}},
		{"garbage root", func(t *testing.T, index string) {
			writeFile(t, filepath.Join(index, "store", "root.bolt"), strings.Repeat("x", 8192))
		}},
		{"other mapping version", func(t *testing.T, index string) {
			s, err := Open(filepath.Dir(index), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.idx.SetInternal(internalMappingKey, []byte("0")); err != nil {
				t.Fatal(err)
			}
			s.Close()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			s := openT(t, dir)
			if _, err := s.Write(context.Background(), []store.Document{doc(t, storetest.NewCorpus().Rates)}); err != nil {
				t.Fatal(err)
			}
			s.Close()
			tt.corrupt(t, indexDir(dir))
			s2, err := Open(dir, Options{})
			if err == nil {
				s2.Close()
				t.Fatal("Open of a corrupt index succeeded")
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("Open = %v, want ErrCorrupt", err)
			}
		})
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWriteResults(t *testing.T) {
	s := openT(t, t.TempDir())
	c := storetest.NewCorpus()
	bad := doc(t, c.Savers)
	bad.ID = ""
	noArticle := doc(t, c.Paris)
	noArticle.Article = nil
	docs := []store.Document{doc(t, c.Rates), bad, noArticle}
	res, err := s.Write(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		outcome store.Outcome
		status  int
		reason  string
	}{
		{store.OutcomeStored, 201, ""},
		{store.OutcomeRejected, 400, ReasonInvalidID},
		{store.OutcomeRejected, 400, ReasonEncode},
	}
	for i, w := range want {
		if res[i].Outcome != w.outcome || res[i].Status != w.status || !strings.HasPrefix(res[i].Reason, w.reason) {
			t.Errorf("result %d = %+v, want %s %d %q...", i, res[i], w.outcome, w.status, w.reason)
		}
	}
	res, err = s.Write(context.Background(), docs[:1])
	if err != nil || res[0].Status != 200 || res[0].Outcome != store.OutcomeStored {
		t.Errorf("rewrite = %+v, %v; want stored 200", res, err)
	}
}

func TestWriteConcurrentKeepsHighestRevision(t *testing.T) {
	s := openT(t, t.TempDir())
	// No cache: every write reads the stored revision back from the index.
	s.opts.RevisionCache = -1
	base := storetest.NewCorpus().Rates
	const writers = 8
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			for r := range 5 {
				a := *base
				a.Revision = int64(1 + (w*7+r*3)%40)
				a.Title = fmt.Sprintf("revision %d", a.Revision)
				d, err := store.FromArticle(&a)
				if err != nil {
					errs <- err
					return
				}
				if _, err := s.Write(context.Background(), []store.Document{d}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var max int64
	for w := range writers {
		for r := range 5 {
			max = maxOf(max, int64(1+(w*7+r*3)%40))
		}
	}
	a, found, err := s.Article(context.Background(), base.ID)
	if err != nil || !found || a.Revision != max || a.Title != fmt.Sprintf("revision %d", max) {
		t.Errorf("stored %+v (found %v, %v), want revision %d", a, found, err, max)
	}
}

func maxOf(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

func TestClosed(t *testing.T) {
	s, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
	ctx := context.Background()
	_, werr := s.Write(ctx, nil)
	_, serr := s.Search(ctx, store.Query{})
	_, _, aerr := s.Article(ctx, "x")
	_, sterr := s.Stats(ctx)
	for name, err := range map[string]error{"Write": werr, "Search": serr, "Article": aerr, "Stats": sterr} {
		if !errors.Is(err, store.ErrClosed) {
			t.Errorf("%s after Close = %v, want ErrClosed", name, err)
		}
	}
}

func TestWriteCanceled(t *testing.T) {
	s := openT(t, t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := s.Write(ctx, []store.Document{doc(t, storetest.NewCorpus().Rates)})
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Errorf("Write with a canceled context = %v, %v", res, err)
	}
	st, err := s.Stats(context.Background())
	if err != nil || st.Documents != 0 {
		t.Errorf("after a canceled write: %+v, %v; want nothing stored", st, err)
	}
}

func TestSnippetsEscapeHTML(t *testing.T) {
	s := openT(t, t.TempDir())
	a := *storetest.NewCorpus().Savers
	a.Body = `Savers asked: is <script>alert("x")</script> & co. safe?`
	a.ID = article.NewID("", a.Title, a.Body)
	a.URL, a.Places = "", nil
	if _, err := s.Write(context.Background(), []store.Document{doc(t, &a)}); err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(context.Background(), store.Query{Text: "script", Highlight: true})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("Search = %+v, %v", res, err)
	}
	got := res.Hits[0].Snippets
	want := `Savers asked: is &lt;<mark>script</mark>&gt;alert(&#34;x&#34;)&lt;/<mark>script</mark>&gt; &amp; co. safe?`
	if !slices.Equal(got, []string{want}) {
		t.Errorf("snippets = %q, want %q", got, want)
	}
}

func TestMapping(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	if m.IndexDynamic || m.StoreDynamic || m.DocValuesDynamic || m.DefaultMapping.Dynamic {
		t.Error("the mapping indexes or stores dynamic fields")
	}
	vectors := map[string]bool{}
	for name, sub := range m.DefaultMapping.Properties {
		for _, f := range sub.Fields {
			if f.IncludeInAll {
				t.Errorf("field %s is in _all", name)
			}
			if f.IncludeTermVectors {
				vectors[name] = true
			}
			if name == fArticle && (f.Index || !f.Store) {
				t.Errorf("article field: index %v store %v, want stored only", f.Index, f.Store)
			}
		}
	}
	for _, f := range []string{fTitle, fBody} {
		if !vectors[f] {
			t.Errorf("field %s has no term vectors", f)
		}
	}
}
