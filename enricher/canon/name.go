package canon

import (
	"strings"
	"unicode"
)

// chooseName returns the canonical name of a group: the spelling with the longest folded
// key (the fullest form), then the most accented letters, then one with lower-case letters
// ("Putin" over "PUTIN"), then the most frequent, then the first; with the accents of any
// other spelling of the same words put back ("Miguel Diaz-Canel" and "Díaz-Canel" give
// "Miguel Díaz-Canel").
func chooseName(group []*mention) string {
	count := map[string]int{}
	var texts []string
	for _, m := range group {
		if count[m.text] == 0 {
			texts = append(texts, m.text)
		}
		count[m.text]++
	}
	best := texts[0]
	better := func(a, b string) bool {
		ka, kb := len(foldKey(a)), len(foldKey(b))
		if ka != kb {
			return ka > kb
		}
		if x, y := accents(a), accents(b); x != y {
			return x > y
		}
		if x, y := hasLower(a), hasLower(b); x != y {
			return x
		}
		return count[a] > count[b]
	}
	for _, t := range texts[1:] {
		if better(t, best) {
			best = t
		}
	}
	for _, t := range texts {
		if t != best && accents(t) > 0 {
			best = transferAccents(best, t)
		}
	}
	return best
}

// run is a maximal run of letters and digits in a name.
type run struct {
	start, end int
	fold       string
}

func runsOf(s string) []run {
	var out []run
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, run{start, i, foldKey(s[start:i])})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, run{start, len(s), foldKey(s[start:])})
	}
	return out
}

// transferAccents gives name the accented spelling of the words it shares with variant:
// where variant's words occur in name as consecutive words that differ only by accents and
// case, name's unaccented words take variant's letters.
func transferAccents(name, variant string) string {
	nr, vr := runsOf(name), runsOf(variant)
	if len(vr) == 0 || len(vr) > len(nr) {
		return name
	}
	for at := 0; at+len(vr) <= len(nr); at++ {
		match := true
		for k := range vr {
			if nr[at+k].fold != vr[k].fold {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		var b strings.Builder
		last := 0
		for k, v := range vr {
			n := nr[at+k]
			vt := variant[v.start:v.end]
			if accents(name[n.start:n.end]) > 0 || accents(vt) == 0 || hasLower(vt) != hasLower(name[n.start:n.end]) {
				continue
			}
			b.WriteString(name[last:n.start])
			b.WriteString(vt)
			last = n.end
		}
		b.WriteString(name[last:])
		return b.String()
	}
	return name
}
