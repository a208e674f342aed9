package geo

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestRunEval(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr bool
		want    string
	}{
		{"ambiguity table only", []string{"--reuters", "", "--ambiguity", "testdata/ambiguity.tsv"}, false, "Ambiguity table: "},
		{"nothing to do", []string{"--reuters", "", "--ambiguity", ""}, false, "Places tagger lexicon-"},
		{"missing table", []string{"--reuters", "", "--ambiguity", "testdata/none.tsv"}, true, ""},
		{"missing Reuters", []string{"--reuters", t.TempDir(), "--ambiguity", ""}, true, ""},
		{"stray argument", []string{"--reuters", "", "extra"}, true, ""},
		{"unknown flag", []string{"--nope"}, true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := RunEval(context.Background(), tc.args, &out, &errOut)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err %v, want error %v (stderr %q)", err, tc.wantErr, errOut.String())
			}
			if !strings.Contains(out.String(), tc.want) {
				t.Errorf("output %q lacks %q", out.String(), tc.want)
			}
		})
	}
}
