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
