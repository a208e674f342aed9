package ner

// The tagger predicts one BILOU label per token: O, or Begin/Inside/Last/Unit of a type.
// Label 0 is O; type t (index in Types) owns labels 1+4t .. 4+4t in the order B, I, L, U.
const numLabels = 1 + 4*4

const (
	partB = iota
	partI
	partL
	partU
)

func labelOf(typeIdx, part int) uint8 { return uint8(1 + 4*typeIdx + part) }

// labelType returns the type index of a label (-1 for O) and its BILOU part.
func labelType(l uint8) (typeIdx, part int) {
	if l == 0 {
		return -1, -1
	}
	return int(l-1) / 4, int(l-1) % 4
}

func typeIndex(t string) int {
	for i, x := range Types {
		if x == t {
			return i
		}
	}
	return -1
}

// labelName is used in diagnostics only.
func labelName(l uint8) string {
	t, p := labelType(l)
	if t < 0 {
		return "O"
	}
	return string("BILU"[p]) + "-" + Types[t]
}

// encodeBILOU writes the labels of n tokens carrying spans into dst (len n).
func encodeBILOU(dst []uint8, spans []TokenSpan) {
	for i := range dst {
		dst[i] = 0
	}
	for _, s := range spans {
		t := typeIndex(s.Type)
		if t < 0 || s.Start < 0 || s.End > len(dst) || s.End <= s.Start {
			continue
		}
		if s.End-s.Start == 1 {
			dst[s.Start] = labelOf(t, partU)
			continue
		}
		dst[s.Start] = labelOf(t, partB)
		for i := s.Start + 1; i < s.End-1; i++ {
			dst[i] = labelOf(t, partI)
		}
		dst[s.End-1] = labelOf(t, partL)
	}
}

// decodeBILOU reads spans back from labels. It is lenient so that any label sequence yields
// well-formed spans: a span is closed by L, U, O, a new B, or a change of type.
func decodeBILOU(labels []uint8) []TokenSpan {
	var spans []TokenSpan
	open, typ := -1, -1
	closeAt := func(end int) {
		if open >= 0 {
			spans = append(spans, TokenSpan{open, end, Types[typ]})
			open = -1
		}
	}
	for i, l := range labels {
		t, p := labelType(l)
		if t < 0 {
			closeAt(i)
			continue
		}
		if open >= 0 && (t != typ || p == partB || p == partU) {
			closeAt(i)
		}
		if open < 0 {
			open, typ = i, t
		}
		if p == partL || p == partU {
			closeAt(i + 1)
		}
	}
	closeAt(len(labels))
	return spans
}

// allowed reports whether label next may follow label prev in a well-formed BILOU sequence.
func allowed(prev, next uint8) bool {
	pt, pp := labelType(prev)
	nt, np := labelType(next)
	inside := pt >= 0 && (pp == partB || pp == partI)
	if inside {
		return nt == pt && (np == partI || np == partL)
	}
	return nt < 0 || np == partB || np == partU
}
