package dedup

// Scores measure Resolve against known stories.
type Scores struct {
	// Articles is the number of items; Copies of them are copies in the truth (not their
	// story's root).
	Articles, Copies int
	// Pairs counts pairs of items in one story: TruePairs in the truth, FoundPairs by Resolve,
	// BothPairs in both.
	TruePairs, FoundPairs, BothPairs int
	// RootsRight counts the items whose duplicate_of (their root, or none) is the truth's.
	RootsRight int
}

// Precision is the share of the pairs Resolve put in one story that are in one story (1 when
// it found none).
func (s Scores) Precision() float64 {
	if s.FoundPairs == 0 {
		return 1
	}
	return float64(s.BothPairs) / float64(s.FoundPairs)
}

// Recall is the share of the true pairs that Resolve put in one story (1 when there are none).
func (s Scores) Recall() float64 {
	if s.TruePairs == 0 {
		return 1
	}
	return float64(s.BothPairs) / float64(s.TruePairs)
}

// Evaluate resolves items and compares the result with story, the true story label of each
// item (items with equal labels are copies of one story). The true root of a story is found
// by the same rule as Resolve's (earliest Date, then smallest ID), so RootsRight counts
// linking errors, not ordering ones.
func Evaluate(items []Item, story []int) Scores {
	roots := Resolve(items)
	found := func(i int) string {
		if r, ok := roots[items[i].ID]; ok {
			return r
		}
		return items[i].ID
	}
	trueRoot := make(map[int]int)
	for i := range items {
		r, ok := trueRoot[story[i]]
		if !ok || Compare(items[i].Date, items[i].ID, items[r].Date, items[r].ID) < 0 {
			trueRoot[story[i]] = i
		}
	}
	s := Scores{Articles: len(items)}
	byStory := make(map[int][]int)
	byFound := make(map[string][]int)
	for i := range items {
		byStory[story[i]] = append(byStory[story[i]], i)
		byFound[found(i)] = append(byFound[found(i)], i)
		want := items[trueRoot[story[i]]].ID
		if want != items[i].ID {
			s.Copies++
		}
		if found(i) == want {
			s.RootsRight++
		}
	}
	for _, members := range byStory {
		s.TruePairs += len(members) * (len(members) - 1) / 2
	}
	for _, members := range byFound {
		n := len(members)
		s.FoundPairs += n * (n - 1) / 2
		same := make(map[int]int)
		for _, i := range members {
			same[story[i]]++
		}
		for _, k := range same {
			s.BothPairs += k * (k - 1) / 2
		}
	}
	return s
}
