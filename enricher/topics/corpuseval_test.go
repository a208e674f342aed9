package topics

import (
	"bytes"
	"strings"
	"testing"
)

// TestEvaluateTaggerOnCorpora runs the whole tagger over a sample of the corpora: the
// counts add up, and most articles keep their corpus topic first.
func TestEvaluateTaggerOnCorpora(t *testing.T) {
	needData(t)
	res, err := EvaluateTaggerOnCorpora(mustDefault(t), dataDir, 200)
	if err != nil {
		t.Fatal(err)
	}
	if res.BBC != 200 || res.Reuters == 0 || res.Reuters > 200 {
		t.Fatalf("BBC %d Reuters %d, want 200 and 1..200", res.BBC, res.Reuters)
	}
	n := 0
	for _, m := range res.BBCFirst {
		for _, k := range m {
			n += k
		}
	}
	if n != res.BBC {
		t.Errorf("first topics of BBC articles add up to %d, want %d", n, res.BBC)
	}
	if a := res.BBCAgreement(); a < 0.6 {
		t.Errorf("BBC agreement %.3f, want >= 0.6", a)
	}
	if res.ReutersTop3 < res.ReutersTop1 || float64(res.ReutersTop1) < 0.6*float64(res.Reuters) {
		t.Errorf("Reuters economy first %d, top 3 %d of %d", res.ReutersTop1, res.ReutersTop3, res.Reuters)
	}
	var buf bytes.Buffer
	res.Write(&buf)
	if !strings.Contains(buf.String(), "| sport |") {
		t.Errorf("output lacks the sport row:\n%s", buf.String())
	}
}

func TestOthers(t *testing.T) {
	tests := []struct {
		name   string
		counts map[string]int
		want   string
	}{
		{"none", map[string]int{"medtop:15000000": 3}, "none"},
		{"by count then code", map[string]int{"medtop:15000000": 9, "medtop:02000000": 2, "medtop:17000000": 5, "medtop:01000000": 2}, "weather 5, arts 2, crime 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := others(tc.counts, "medtop:15000000"); got != tc.want {
				t.Errorf("others = %q, want %q", got, tc.want)
			}
		})
	}
}
