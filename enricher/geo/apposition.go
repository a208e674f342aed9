package geo

import "github.com/newsflow/newsflow/enricher/geo/internal/token"

// appositionArticles open an apposition that describes the name before it ("Newcastle, the
// Australian port", "Kingston, a Jamaican city").
var appositionArticles = map[string]bool{"the": true, "a": true, "an": true}

// demonymApposition reports whether mention n describes mention m as "m, the <Demonym>
// <lower-case word>" (or "a"/"an"): n is a demonym still standing after the filters and
// the word after it is in lower case, so the demonym qualifies a common noun ("port",
// "city") that m is an instance of. The demonym's country then locates m (confirmPattern).
func demonymApposition(text string, s *scratch, m, n *mention) bool {
	toks := s.toks
	j := m.j
	if n.i != j+2 || text[toks[j].Start:toks[j].End] != "," || !appositionArticles[text[toks[j+1].Start:toks[j+1].End]] {
		return false
	}
	demonym := false
	for _, e := range s.entries[n.lo:n.hi] {
		demonym = demonym || e.form == FormDemonym
	}
	if !demonym || n.j >= len(toks) || toks[n.j].Is(token.Para) {
		return false
	}
	next := toks[n.j]
	return next.Is(token.Word|token.Lower|token.Letter) && !next.Is(token.Upper)
}

// kindWords name what a place is, between a demonym and "of": "the Lebanese city of Tripoli",
// "the Belgian province of Luxembourg". A subdivision word makes it the region.
var kindWords = map[string]bool{
	"city": true, "town": true, "port": true, "capital": true, "village": true,
	"province": true, "state": true, "region": true, "county": true, "district": true, "department": true,
}

// subdivisionKinds are the kindWords that name a subdivision.
var subdivisionKinds = map[string]bool{"province": true, "state": true, "region": true, "county": true, "district": true, "department": true}

// demonymKind reports whether mention m is placed by the demonym mention n before it as
// "<Demonym> <kind> of m", and whether the kind is a subdivision.
func demonymKind(text string, s *scratch, n, m *mention) (ok, subdivision bool) {
	toks := s.toks
	if n.j+2 != m.i || text[toks[n.j+1].Start:toks[n.j+1].End] != "of" {
		return false, false
	}
	kind := text[toks[n.j].Start:toks[n.j].End]
	if !kindWords[kind] {
		return false, false
	}
	for _, e := range s.entries[n.lo:n.hi] {
		if e.form == FormDemonym {
			return true, subdivisionKinds[kind]
		}
	}
	return false, false
}
