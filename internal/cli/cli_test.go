package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/sample"
)

func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(context.Background(), Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}, args)
	return code, out.String(), errb.String()
}

func TestUnknownCommandIsAUsageError(t *testing.T) {
	code, _, stderr := run(t, "", "frobnicate")
	if code != 2 || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func TestBadFlagValueIsAUsageError(t *testing.T) {
	code, _, stderr := run(t, "", "gen", "--dup-rate", "1.5")
	if code != 2 || !strings.Contains(stderr, "DupRate") {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func TestEnvironmentFillsUnsetFlags(t *testing.T) {
	t.Setenv("NEWSFLOW_ARTICLES", "3")
	t.Setenv("NEWSFLOW_SEED", "not-a-number")
	code, _, stderr := run(t, "", "gen", "--seed", "5", "--bad-rate", "0")
	if code != 0 {
		t.Fatalf("the command line must win over a bad environment value: code %d, %s", code, stderr)
	}
	if !strings.Contains(stderr, "3 records") {
		t.Errorf("NEWSFLOW_ARTICLES not applied: %s", stderr)
	}
	code, _, stderr = run(t, "", "gen")
	if code != 2 || !strings.Contains(stderr, "NEWSFLOW_SEED") {
		t.Errorf("a bad environment value must name its variable: code %d, %s", code, stderr)
	}
}

func TestTagAnswersEveryLineInOrder(t *testing.T) {
	input := `{"id":"a","body":"The central bank raised interest rates on Thursday."}` + "\n\n" +
		`{"id":"b","body":"  "}` + "\n" +
		`{"id":"c","body":"La banque centrale a relevé ses taux jeudi, surprenant les marchés."}` + "\n"
	code, stdout, stderr := run(t, input, "tag")
	if code != 0 {
		t.Fatalf("code %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d output lines, want 3 (blank input lines are skipped):\n%s", len(lines), stdout)
	}
	var first, second, third map[string]any
	for i, dst := range []*map[string]any{&first, &second, &third} {
		if err := json.Unmarshal([]byte(lines[i]), dst); err != nil {
			t.Fatal(err)
		}
	}
	if first["id"] != "a" || first["language"] != "en" || first["enricher_version"] == nil {
		t.Errorf("line 1 not enriched: %v", first)
	}
	if second["reason"] != "empty_body" || second["line"] != float64(3) {
		t.Errorf("line 2 should report input line 3 as empty_body: %v", second)
	}
	if third["id"] != "c" || third["language"] != "fr" {
		t.Errorf("line 3: %v", third)
	}
}

// TestConfigurationDocNamesEveryFlag keeps docs/configuration.md honest.
func TestConfigurationDocNamesEveryFlag(t *testing.T) {
	doc, err := os.ReadFile("../../docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	for name := range commands {
		var help bytes.Buffer
		code := Run(context.Background(), Env{Stdin: strings.NewReader(""), Stdout: &help, Stderr: &help}, name, []string{"--help"})
		if code != 0 {
			t.Fatalf("%s --help: code %d", name, code)
		}
		if !strings.Contains(string(doc), "## newsflow "+name+"\n") {
			t.Errorf("docs/configuration.md has no section for %s", name)
		}
		for _, line := range strings.Split(help.String(), "\n") {
			if f, ok := strings.CutPrefix(strings.TrimSpace(line), "--"); ok {
				f, _, _ = strings.Cut(f, " ")
				if !strings.Contains(string(doc), "--"+f+" ") {
					t.Errorf("docs/configuration.md does not document %s --%s", name, f)
				}
			}
		}
	}
	_ = flag.ErrHelp
}

// TestRunOnceOnTheSampleCorpus is the README's first command with --once: the built-in
// sample corpus flows through the embedded broker, every stage and the embedded store, and
// the summary counts its good articles as stored and its bad records as dead-lettered.
func TestRunOnceOnTheSampleCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole pipeline; skipped with -short")
	}
	dir := t.TempDir()
	code, stdout, stderr := run(t, "", "run", "--once", "--data-dir", dir, "--log-level", "warn")
	if code != 0 {
		t.Fatalf("code %d:\n%s", code, stderr)
	}
	var got runSummary
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("summary %q: %v", stdout, err)
	}
	want := sample.Expect()
	if got.Stored != int64(want.Stored) || got.DeadLettered != int64(want.DeadLettered()) || got.Produced != int64(want.Produced) {
		t.Errorf("summary %+v; want stored %d, dead_lettered %d, produced %d", got, want.Stored, want.DeadLettered(), want.Produced)
	}
	if got.Enriched != got.Produced || got.DurationSeconds <= 0 {
		t.Errorf("summary %+v", got)
	}

	// With the pipeline stopped, `newsflow search` opens the store itself; flags may follow
	// the query words.
	code, stdout, stderr = run(t, "", "search", "central", "bank", "--data-dir", dir, "--json", "--country", "KE")
	if code != 0 {
		t.Fatalf("search: code %d: %s", code, stderr)
	}
	var res struct {
		Total int64
		Hits  []struct{ Title string }
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || res.Total == 0 {
		t.Fatalf("search answer %q: %v", stdout, err)
	}
	for _, h := range res.Hits {
		if !strings.Contains(strings.ToLower(h.Title), "kenya") {
			t.Errorf("hit %q is not about Kenya", h.Title)
		}
	}
	if code, _, stderr := run(t, "", "search", "--data-dir", dir, `"unbalanced`); code != 2 || !strings.Contains(stderr, "quote") {
		t.Errorf("a bad query must be a usage error naming the problem: code %d, %s", code, stderr)
	}
}
