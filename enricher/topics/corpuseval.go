package topics

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// CorpusResult is the whole tagger (trained head, subject heads and lexicons) run over the
// corpora's texts. The shipped head was trained on every BBC article, so the BBC figure
// does not measure the head: it shows how often a lexicon topic displaces the article's
// BBC topic from first place (sometimes rightly: a business story about a fraud trial).
// The Reuters test stories were never trained on by the head; all of them are economy
// news.
type CorpusResult struct {
	BBC      int
	BBCFirst map[string]map[string]int // BBC folder -> first topic code -> articles
	Reuters  int
	// ReutersTop1 and ReutersTop3 count the test stories with economy first and within
	// the top 3; ReutersFirst counts their first topics.
	ReutersTop1, ReutersTop3 int
	ReutersFirst             map[string]int
}

// EvaluateTaggerOnCorpora runs t over every BBC article and every Reuters-21578 ModApte
// test story under dataDir (at most maxDocs of each when positive).
func EvaluateTaggerOnCorpora(t *Tagger, dataDir string, maxDocs int) (*CorpusResult, error) {
	bbc, err := readBBC(dataDir)
	if err != nil {
		return nil, err
	}
	_, test, err := readReuters(dataDir)
	if err != nil {
		return nil, err
	}
	if maxDocs > 0 {
		bbc = spread(bbc, maxDocs)
		test = test[:min(len(test), maxDocs)]
	}
	res := &CorpusResult{BBCFirst: map[string]map[string]int{}, ReutersFirst: map[string]int{}}
	for _, d := range bbc {
		folder := bbcClasses[d.labels[0]].Folder
		if res.BBCFirst[folder] == nil {
			res.BBCFirst[folder] = map[string]int{}
		}
		if r := t.topLevelRanking(d.text, 1); len(r) > 0 {
			res.BBCFirst[folder][r[0]]++
		}
		res.BBC++
	}
	econ := topLevel[topEconomy].Code
	for _, d := range test {
		r := t.topLevelRanking(d.text, 3)
		if len(r) == 0 {
			continue
		}
		res.Reuters++
		res.ReutersFirst[r[0]]++
		if r[0] == econ {
			res.ReutersTop1++
		}
		if slices.Contains(r, econ) {
			res.ReutersTop3++
		}
	}
	return res, nil
}

// BBCAgreement is the share of BBC articles whose first topic is their folder's topic.
func (r *CorpusResult) BBCAgreement() float64 {
	n := 0
	for _, c := range bbcClasses {
		n += r.BBCFirst[c.Folder][topLevel[c.Top].Code]
	}
	return float64(n) / float64(max(r.BBC, 1))
}

// Write prints the result as Markdown.
func (r *CorpusResult) Write(w io.Writer) {
	fmt.Fprintf(w, "Whole tagger on the corpora (head trained on all BBC articles; lexicons included)\n\n")
	fmt.Fprintf(w, "BBC (%d articles): first topic = the folder's topic %.4f\n\n", r.BBC, r.BBCAgreement())
	fmt.Fprintf(w, "| folder | first = folder | other first topics |\n|---|---|---|\n")
	for _, c := range bbcClasses {
		own := topLevel[c.Top].Code
		n := 0
		for _, k := range r.BBCFirst[c.Folder] {
			n += k
		}
		fmt.Fprintf(w, "| %s | %d/%d | %s |\n", c.Folder, r.BBCFirst[c.Folder][own], n, others(r.BBCFirst[c.Folder], own))
	}
	econ := topLevel[topEconomy].Code
	fmt.Fprintf(w, "\nReuters ModApte test (%d stories, all economy news): economy first %.4f, in the top 3 %.4f; other first topics: %s\n\n",
		r.Reuters, float64(r.ReutersTop1)/float64(max(r.Reuters, 1)), float64(r.ReutersTop3)/float64(max(r.Reuters, 1)), others(r.ReutersFirst, econ))
}

// others lists the counts of the codes other than own, most frequent first (ties by code).
func others(counts map[string]int, own string) string {
	var codes []string
	for c := range counts {
		if c != own {
			codes = append(codes, c)
		}
	}
	slices.SortFunc(codes, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprintf("%s %d", strings.SplitN(label(c), ",", 2)[0], counts[c])
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
