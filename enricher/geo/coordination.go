package geo

import (
	"github.com/newsflow/newsflow/enricher/geo/internal/token"
	"github.com/newsflow/newsflow/internal/article"
)

// maxChain bounds how many members on each side of a mention a coordination is followed,
// keeping the work linear in long lists of names.
const maxChain = 8

// coordSep reads tokens [from, to) between two mentions as a coordination's separator: ",",
// "and", "or", ", and", ", or". ok says it is one; conj that it has "and" or "or".
func coordSep(text string, toks []token.Token, from, to int) (ok, conj bool) {
	if from < to && text[toks[from].Start:toks[from].End] == "," {
		from++
		if from == to {
			return true, false
		}
	}
	if to-from != 1 || toks[from].Is(token.Para) {
		return false, false
	}
	w := text[toks[from].Start:toks[from].End]
	return w == "and", w == "and"
}

// coordinated returns the resolved city nearest to one of mention k's city candidates, in
// its country and within nearKm, among the other members of a coordination of names that
// contains k ("between London and Reading", "Leeds, Reading and York"): a list of places
// names places, so a common word in it ("Reading") is a city when another member is a city
// next to one of its namesakes. It returns the candidate entry, ok false when there is none.
// Members that were themselves dropped or are not cities do not count.
func coordinated(text string, s *scratch, k int) (entry, bool) {
	ms := s.mentions
	if j := ms[k].j; j < len(s.toks) && s.toks[j].Is(token.Word|token.Upper) && !s.toks[j].Is(token.Para) {
		return entry{}, false // "Preston North End": weak proof, so no capitalised word may follow
	}
	lo, hi, conj := k, k, false
	for lo > 0 && k-lo < maxChain {
		ok, c := coordSep(text, s.toks, ms[lo-1].j, ms[lo].i)
		if !ok {
			break
		}
		lo, conj = lo-1, conj || c
	}
	for hi+1 < len(ms) && hi-k < maxChain {
		ok, c := coordSep(text, s.toks, ms[hi].j, ms[hi+1].i)
		if !ok {
			break
		}
		hi, conj = hi+1, conj || c
	}
	if !conj {
		return entry{}, false
	}
	best, bestKm := entry{}, float64(nearKm)+1
	for o := lo; o <= hi; o++ {
		c := ms[o].place
		if o == k || ms[o].drop || c == nil || c.Kind != article.PlaceCity {
			continue
		}
		for _, e := range s.entries[ms[k].lo:ms[k].hi] {
			if !e.isCity() || e.flags&flagPerson != 0 || e.place == c || e.place.CountryCode != c.CountryCode {
				continue
			}
			if d := distanceKm(c.Location, e.place.Location); d <= nearKm && d < bestKm {
				best, bestKm = e, d
			}
		}
	}
	return best, best.place != nil
}

// proveCoordinated revives the mentions dropped for want of proof that a coordination with a
// resolved city proves (see coordinated), each as its namesake nearest that city. The
// decisions are taken before any is applied, so a revived mention proves no other.
func (t *Tagger) proveCoordinated(text string, s *scratch) {
	picks := 0
	for _, k := range s.unproven {
		if e, ok := coordinated(text, s, k); ok {
			s.unproven[picks] = k
			s.mentions[k].place, s.mentions[k].form = e.place, e.form
			picks++
		}
	}
	for _, k := range s.unproven[:picks] {
		s.mentions[k].drop = false
	}
}
