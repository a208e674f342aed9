package ner

// Document context: a capitalised word usually keeps its type within one article, and its
// other occurrences often say more than the one at hand ("Blackburn" alone, after "Peter
// Blackburn"; "JAPAN" in a headline, "Japan" in the text). These features aggregate, for
// each capitalised word, the contexts of all its occurrences in the document. They use no
// predicted labels, so training and tagging see them the same way.

const maxDocNeighbours = 6

type docAgg struct {
	left, right []uint64 // distinct neighbour hashes, first seen first
	runPos      uint64   // bit set: 1 alone, 2 first, 4 inside, 8 last of a capitalised run
	midCap      bool     // seen capitalised not at sentence start, outside headlines
}

func addUnique(xs []uint64, x uint64) []uint64 {
	if len(xs) >= maxDocNeighbours {
		return xs
	}
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// docKey is the form under which occurrences are grouped: headline words in title case.
func docKey(w string, t *tokInfo, capsLine bool) string {
	if capsLine {
		return titleCase(t.lowerStr)
	}
	return w
}

func addDocContext(doc [][]string, sents []sentData) {
	aggs := map[string]*docAgg{}
	lowerSeen := map[uint64]bool{}
	for si, words := range doc {
		sd := &sents[si]
		for i, w := range words {
			t := sd.tok[i]
			if t.flags&flInitCap == 0 {
				if t.flags&flNoLetter == 0 {
					lowerSeen[t.lower] = true
				}
				continue
			}
			if sd.capsLine {
				continue
			}
			a := aggs[w]
			if a == nil {
				a = &docAgg{}
				aggs[w] = a
			}
			left, right := hashBOS[1], hashEOS[1]
			if i > 0 {
				left = sd.tok[i-1].lower
			}
			if i+1 < len(words) {
				right = sd.tok[i+1].lower
			}
			a.left = addUnique(a.left, left)
			a.right = addUnique(a.right, right)
			if i > 0 {
				a.midCap = true
			}
			prevCap := i > 0 && sd.tok[i-1].flags&flInitCap != 0
			nextCap := i+1 < len(words) && sd.tok[i+1].flags&flInitCap != 0
			switch {
			case !prevCap && !nextCap:
				a.runPos |= 1
			case !prevCap:
				a.runPos |= 2
			case nextCap:
				a.runPos |= 4
			default:
				a.runPos |= 8
			}
		}
	}
	// One backing array for the whole document; each token's features are a capped
	// sub-slice of it, read-only afterwards.
	var flat []uint64
	for si, words := range doc {
		sd := &sents[si]
		sd.ctx = make([][]uint64, len(words))
		for i, w := range words {
			t := sd.tok[i]
			if t.flags&flInitCap == 0 {
				continue
			}
			a := aggs[docKey(w, t, sd.capsLine)]
			start := len(flat)
			f := flat
			if a != nil {
				for _, h := range a.left {
					f = append(f, mix(tDocLeft, h))
				}
				for _, h := range a.right {
					f = append(f, mix(tDocRight, h))
				}
				f = append(f, mix(tDocRun, a.runPos))
			}
			if i == 0 || sd.capsLine {
				mid := uint64(0)
				if a != nil && a.midCap {
					mid = 1
				}
				f = append(f, mix(tDocMidCap, mid))
				if lowerSeen[t.lower] {
					f = append(f, mix(tDocLower, 1))
				}
			}
			flat = f
			sd.ctx[i] = flat[start:len(flat):len(flat)]
		}
	}
}
