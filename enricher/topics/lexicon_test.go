package topics

import (
	"testing"
)

// lexScores returns the lexicon score of every top-level topic of text, by topLevel index.
func lexScores(t *testing.T, text string) map[int]float64 {
	t.Helper()
	var out [len(lexiconTopics)]float64
	sharedLexicon().score(tokens(nil, text), out[:], nil)
	m := map[int]float64{}
	for i, q := range out {
		m[lexiconTopics[i].top] = q
	}
	return m
}

// TestLexiconPairOverridesWords checks that a listed pair of another topic than its words
// speaks for both words, and that a pair of the words' own topic still adds to them.
func TestLexiconPairOverridesWords(t *testing.T) {
	const labour, politics = 8, 10
	tests := []struct {
		name, text   string
		top          int
		wantPositive bool
	}{
		{"european union is not labour", "ministers of the european union met", labour, false},
		{"european union is politics", "ministers of the european union met", politics, true},
		{"labour party is not labour", "the labour party chose its leader", labour, false},
		{"trade union is labour", "the trade union met the firm", labour, true},
		{"union alone is labour", "the union met the firm", labour, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := lexScores(t, tc.text)[tc.top]
			if (got > 0) != tc.wantPositive {
				t.Fatalf("score of %s = %.3f, want positive %v", topLevel[tc.top].Code, got, tc.wantPositive)
			}
		})
	}
	// A pair of the words' own topic keeps the words' evidence too.
	if a, b := lexScores(t, "the trade union met")[labour], lexScores(t, "the trade talks met")[labour]; a <= b {
		t.Errorf("labour: trade union %.3f <= trade talks %.3f", a, b)
	}
}

// TestCombineHeadTopicLexicon checks that a lexicon of a topic the head knows raises that
// topic without discounting the head, while a lexicon topic the head lacks discounts it.
func TestCombineHeadTopicLexicon(t *testing.T) {
	idx := func(top int) int {
		for i, lt := range lexiconTopics {
			if lt.top == top {
				return i
			}
		}
		t.Fatalf("no lexicon for %s", topLevel[top].Code)
		return -1
	}
	scoreOf := func(out []scored, code string) float64 {
		for _, c := range out {
			if c.code == code {
				return c.score
			}
		}
		return -1
	}
	top := make([]float64, len(bbcClasses))
	top[0] = 0.9 // business
	top[2] = 0.1 // politics
	subj := make([]float64, len(reutersSubjects))
	econ, pol := topLevel[topEconomy].Code, topLevel[topPolitics].Code

	lex := make([]float64, len(lexiconTopics))
	lex[idx(topPolitics)] = 0.8
	out := combine(top, subj, lex, DefaultGate)
	if got := scoreOf(out, econ); got != 0.9 {
		t.Errorf("economy with a politics lexicon score = %.3f, want the head's 0.9", got)
	}
	if got := scoreOf(out, pol); got != 0.8 {
		t.Errorf("politics = %.3f, want the lexicon's 0.8", got)
	}

	lex = make([]float64, len(lexiconTopics))
	lex[idx(16)] = 0.8 // weather
	out = combine(top, subj, lex, DefaultGate)
	if got, want := scoreOf(out, econ), 0.9*(1-DefaultGate*0.8); got != want {
		t.Errorf("economy with a weather lexicon score = %.3f, want %.3f", got, want)
	}
}

// TestTagForeignNewsAndResearch checks two kinds of news the trained head never saw
// (diplomacy between other countries, research outside consumer technology), in text
// written for this test.
func TestTagForeignNewsAndResearch(t *testing.T) {
	tg := mustDefault(t)
	tests := []struct {
		name, text, want string
	}{
		{"diplomacy", "Envoys resume talks on disputed islands\nDiplomats from the two neighbouring countries met in Geneva for a new round of negotiations on the sovereignty of a chain of islands. The foreign ministry said both delegations hoped a treaty could be signed before the summit in spring.", topLevel[topPolitics].Code},
		{"election abroad", "Opposition leads early count\nVoters turned out in large numbers for the presidential election, and the electoral commission said the opposition candidate led with a third of ballots counted. Parliament will meet next month to confirm the result.", topLevel[topPolitics].Code},
		{"research", "Fern genome mapped\nA team of scientists sequenced the genome of a fern whose fossils date back 300 million years. The researchers said the laboratory work, published in a peer-reviewed journal, could help biologists understand how plants evolved.", topLevel[topScience].Code},
		{"space", "Probe reaches asteroid\nThe spacecraft entered orbit around a small asteroid on Monday after a four-year flight, the space agency said. Astronomers hope its instruments will show what the early solar system was made of.", topLevel[topScience].Code},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tg.topLevelRanking(tc.text, 1)
			if len(got) == 0 || got[0] != tc.want {
				t.Fatalf("first topic = %v, want %s", labels(got), label(tc.want))
			}
		})
	}
}
