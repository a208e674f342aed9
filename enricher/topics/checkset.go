package topics

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// DefaultCheckSet is the hand-written check set, seen from the repository root.
const DefaultCheckSet = "enricher/topics/testdata/checkset.jsonl"

// checkItem is one hand-written check-set article.
type checkItem struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Body   string   `json:"body"`
	Topics []string `json:"topics"` // expected codes, main topic first
}

func readCheckSet(path string) ([]checkItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read check set: %w", err)
	}
	defer f.Close()
	var items []checkItem
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var it checkItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return nil, fmt.Errorf("read check set: line %d: %w", len(items)+1, err)
		}
		if len(it.Topics) == 0 {
			return nil, fmt.Errorf("read check set: %s has no expected topic", it.ID)
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read check set: %w", err)
	}
	return items, nil
}

// CheckResult is the tagger's score on the check set.
type CheckResult struct {
	Articles int
	Hits     int // main topic within the top 3
	Top1     int // main topic first
	// Codes and CodeHits count every expected code (main and secondary) and those within
	// the top 3.
	Codes, CodeHits int
	PerTopic        map[string][3]int // main code -> {top-3 hits, articles, top-1 hits}
	Misses          []string          // "id: expected main, got top 3"
}

// Recall is the top-3 recall of the main topics.
func (r *CheckResult) Recall() float64 { return float64(r.Hits) / float64(max(r.Articles, 1)) }

// EvaluateCheckSet scores t on the check set at path. Topics are ranked by score whatever
// the threshold, so that the top 3 always has three entries; subjects are not ranked.
func EvaluateCheckSet(t *Tagger, path string) (*CheckResult, error) {
	items, err := readCheckSet(path)
	if err != nil {
		return nil, err
	}
	res := &CheckResult{Articles: len(items), PerTopic: map[string][3]int{}}
	for _, it := range items {
		top3 := t.topLevelRanking(it.Title+"\n"+it.Body, 3)
		main := it.Topics[0]
		pt := res.PerTopic[main]
		pt[1]++
		if slices.Contains(top3, main) {
			res.Hits++
			pt[0]++
		} else {
			res.Misses = append(res.Misses, fmt.Sprintf("%s (%s): expected %s, got %s", it.ID, it.Title, label(main), strings.Join(labels(top3), "; ")))
		}
		if len(top3) > 0 && top3[0] == main {
			res.Top1++
			pt[2]++
		}
		res.PerTopic[main] = pt
		for _, c := range it.Topics {
			res.Codes++
			if slices.Contains(top3, c) {
				res.CodeHits++
			}
		}
	}
	return res, nil
}

// topLevelRanking returns the codes of the n best top-level topics of text.
func (t *Tagger) topLevelRanking(text string, n int) []string {
	var out []string
	for _, c := range t.score(text) {
		if len(out) == n {
			break
		}
		if isTopLevel(c.code) {
			out = append(out, c.code)
		}
	}
	return out
}

func isTopLevel(code string) bool { return strings.HasSuffix(code, "000000") }

func label(code string) string {
	for _, tl := range topLevel {
		if tl.Code == code {
			return tl.Label
		}
	}
	return code
}

func labels(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = label(c)
	}
	return out
}

// Write prints the check-set result as Markdown.
func (r *CheckResult) Write(w io.Writer) {
	fmt.Fprintf(w, "Check set (%d hand-written articles): top-3 recall %.3f (%d/%d), top-1 %.3f, all expected codes in top 3 %.3f (%d/%d)\n\n",
		r.Articles, r.Recall(), r.Hits, r.Articles, float64(r.Top1)/float64(max(r.Articles, 1)),
		float64(r.CodeHits)/float64(max(r.Codes, 1)), r.CodeHits, r.Codes)
	fmt.Fprintf(w, "| topic | top-3 hits | top-1 hits |\n|---|---|---|\n")
	for _, tl := range topLevel {
		pt := r.PerTopic[tl.Code]
		fmt.Fprintf(w, "| %s %s | %d/%d | %d/%d |\n", tl.Code, tl.Label, pt[0], pt[1], pt[2], pt[1])
	}
	fmt.Fprintln(w)
	if len(r.Misses) > 0 {
		fmt.Fprintf(w, "Misses:\n\n")
		for _, m := range r.Misses {
			fmt.Fprintf(w, "- %s\n", m)
		}
		fmt.Fprintln(w)
	}
}
