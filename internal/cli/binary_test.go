package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
	"github.com/newsflow/newsflow/internal/sample"
)

// TestBuiltBinaryStandsAlone builds the newsflow binary and runs it the way a user who only
// downloaded it would: from an empty directory with no ../shared beside it, HOME and the
// cache directories inside that directory, and no NEWSFLOW_* settings. Every model must be
// embedded in the binary, since the data it was trained from cannot be reached.
func TestBuiltBinaryStandsAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped with -short")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH to build the binary with")
	}
	root := t.TempDir()
	bin := filepath.Join(root, "bin", "newsflow")
	// Without a symbol table and DWARF the link takes half the time; the test needs neither.
	build := exec.Command(goTool, "build", "-ldflags=-s -w", "-o", bin, "github.com/newsflow/newsflow/cmd/newsflow")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	work := filepath.Join(root, "work")
	home := filepath.Join(root, "home")
	for _, d := range []string{work, home} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{filepath.Join(work, "..", "shared"), filepath.Join(work, "shared")} {
		if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("%s must not exist for this test (stat: %v)", p, err)
		}
	}
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_DATA_HOME=" + filepath.Join(home, ".local", "share"),
		"TMPDIR=" + root,
	}
	newsflow := func(t *testing.T, stdin string, args ...string) (stdout string) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir, cmd.Env = work, env
		cmd.Stdin = strings.NewReader(stdin)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Fatalf("newsflow %s: %v\nstderr:\n%s", strings.Join(args, " "), err, errb.String())
		}
		return out.String()
	}

	t.Run("run once on the built-in sample", func(t *testing.T) {
		// No --data-dir: the default lies under the cache directory, inside home.
		stdout := newsflow(t, "", "run", "--once", "--log-level", "warn")
		var got runSummary
		if err := json.Unmarshal([]byte(stdout), &got); err != nil {
			t.Fatalf("summary %q: %v", stdout, err)
		}
		want := sample.Expect()
		if got.Stored != int64(want.Stored) || got.DeadLettered != int64(want.DeadLettered()) ||
			got.Produced != int64(want.Produced) || got.Enriched != got.Produced {
			t.Errorf("summary %+v; want produced and enriched %d, stored %d, dead_lettered %d",
				got, want.Produced, want.Stored, want.DeadLettered())
		}
		if _, err := os.Stat(filepath.Join(home, ".cache", "newsflow", "store")); err != nil {
			t.Errorf("the default data directory is not under HOME's cache: %v", err)
		}
	})

	t.Run("tag from stdin", func(t *testing.T) {
		input := `{"id":"en-1","title":"Carmakers cut output as chip shortage drags on","body":"General Motors said on Wednesday that it would halt production at two plants in Michigan for a week because of a shortage of semiconductors. Mary Barra, the company's chief executive, told investors in Detroit that sales in China and Mexico had held up better than expected, and that the carmaker still planned to launch three electric models this year."}` + "\n" +
			`{"id":"fr-1","title":"Les constructeurs réduisent leur production","body":"General Motors a annoncé mercredi l'arrêt de deux usines du Michigan pendant une semaine en raison d'une pénurie de semi-conducteurs, tandis que sa directrice générale se disait confiante pour le reste de l'année."}` + "\n"
		lines := strings.Split(strings.TrimSpace(newsflow(t, input, "tag")), "\n")
		if len(lines) != 2 {
			t.Fatalf("%d output lines, want 2:\n%s", len(lines), strings.Join(lines, "\n"))
		}
		en, err := article.Decode([]byte(lines[0]))
		if err != nil {
			t.Fatalf("line 1: %v: %s", err, lines[0])
		}
		if en.Language != "en" || len(en.Entities) == 0 || len(en.Places) == 0 || len(en.Topics) == 0 {
			t.Errorf("English article: language %q, %d entities, %d places, %d topics; want en and some of each",
				en.Language, len(en.Entities), len(en.Places), len(en.Topics))
		}
		if !strings.Contains(en.EnricherVersion, "ner/") {
			t.Errorf("enricher_version %q names no entity model", en.EnricherVersion)
		}
		fr, err := article.Decode([]byte(lines[1]))
		if err != nil {
			t.Fatalf("line 2: %v: %s", err, lines[1])
		}
		// Labelled, and not run through the English models.
		if fr.Language != "fr" || len(fr.Entities) != 0 || len(fr.Topics) != 0 || len(fr.Places) != 0 {
			t.Errorf("French article: language %q, %d entities, %d topics, %d places; want fr and none",
				fr.Language, len(fr.Entities), len(fr.Topics), len(fr.Places))
		}
	})
}
