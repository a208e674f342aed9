package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/synth"
)

// TestTagLinksNearDuplicates: every planted near-copy (and URL variant of one) gets
// duplicate_of = its story's original (the earliest copy: synth publishes copies later), every
// other article none, and the output
// still answers every input line in order. With --duplicates=false nothing is linked.
func TestTagLinksNearDuplicates(t *testing.T) {
	var in bytes.Buffer
	truth, err := synth.Generate(&in, synth.Config{Articles: 40, Seed: 9, DupRate: 0.4})
	if err != nil {
		t.Fatal(err)
	}
	// The copies come first, so that a streaming answer could not know their originals yet.
	lines := strings.SplitAfter(in.String(), "\n")
	var reordered strings.Builder
	var order []int
	for pass := range 2 {
		for i, l := range truth.Lines {
			if (l.Kind == synth.NearCopy) == (pass == 0) {
				reordered.WriteString(lines[i])
				order = append(order, i)
			}
		}
	}
	tests := []struct {
		name string
		args []string
		link bool
	}{
		{"linked", []string{"tag"}, true},
		{"not linked", []string{"tag", "--duplicates=false"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, reordered.String(), tt.args...)
			if code != 0 {
				t.Fatalf("code %d: %s", code, stderr)
			}
			out := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			if len(out) != len(order) {
				t.Fatalf("%d output lines for %d input lines", len(out), len(order))
			}
			copies := 0
			for k, i := range order {
				l := truth.Lines[i]
				var a struct {
					ID          string `json:"id"`
					DuplicateOf string `json:"duplicate_of"`
				}
				if err := json.Unmarshal([]byte(out[k]), &a); err != nil {
					t.Fatal(err)
				}
				if a.ID != l.ID {
					t.Fatalf("output line %d is article %s, want %s", k+1, a.ID, l.ID)
				}
				// A URL variant has the id of the line it re-publishes, so it answers as that line.
				want := ""
				if root := truth.Lines[l.Story].ID; l.ID != root && tt.link {
					want = root
					copies++
				}
				if a.DuplicateOf != want {
					t.Errorf("line %d (%s of line %d): duplicate_of = %q, want %q", k+1, l.Kind, l.Story+1, a.DuplicateOf, want)
				}
			}
			if tt.link && copies < 5 {
				t.Fatalf("only %d near-copies: the test measures nothing", copies)
			}
		})
	}
}
