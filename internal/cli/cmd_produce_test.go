package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProduceIngestFlagsAreCheckedFirst(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("https://a.example/rss Not-A-Name\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"nothing to read", nil, "or --feeds or --listen"},
		{"listen without token", []string{"--listen", "127.0.0.1:0"}, "--push-token"},
		{"bad feed list", []string{"--feeds", bad}, "line 1: name"},
		{"missing feed list", []string{"--feeds", filepath.Join(dir, "none.txt")}, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A usage error (code 2) before any connection: the broker address is unreachable.
			args := append([]string{"produce", "--kafka-brokers", "127.0.0.1:1"}, tt.args...)
			code, _, stderr := run(t, "", args...)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("code %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
		})
	}
}
