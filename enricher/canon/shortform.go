package canon

import (
	"sort"
	"strings"

	"github.com/newsflow/newsflow/internal/article"
)

// fullName is one distinct name of two or more words that shorter mentions may refer to.
type fullName struct {
	words      []string
	person     bool
	personLike bool  // shaped like a person's name (see personShaped)
	mentions   []int // indices of its mentions, increasing
}

// maxNamesPerWord bounds the names a word may stand for: a word in more distinct names than
// this (only in lists or generated text) is too ambiguous to resolve, and the bound keeps
// the work linear.
const maxNamesPerWord = 16

// fullNames indexes the person and organisation names of two or more words by each of their
// words; a person's name must be shaped like one, and no name may hold an honorific
// ("Blair and Mr Brown" is two people).
func (g *groups) fullNames() map[string][]*fullName {
	byName := map[string]*fullName{}
	byWord := map[string][]*fullName{}
	for i, m := range g.ms {
		if len(m.words) < 2 || m.place >= 0 || (m.typ != article.TypePerson && m.typ != article.TypeOrganization) ||
			(m.typ == article.TypePerson && !personShaped(m.text)) || hasHonorific(m.text) {
			continue
		}
		k := m.typ + " " + strings.Join(m.words, " ")
		f := byName[k]
		if f == nil {
			f = &fullName{words: m.words, person: m.typ == article.TypePerson, personLike: personShaped(m.text)}
			byName[k] = f
			seen := map[string]bool{}
			for _, w := range m.words {
				if !seen[w] {
					seen[w] = true
					byWord[w] = append(byWord[w], f)
				}
			}
		}
		f.mentions = append(f.mentions, i)
	}
	return byWord
}

// hasHonorific reports whether a word of name is an honorific: "Blair and Mr Brown" names
// two people, not one person or organisation.
func hasHonorific(name string) bool {
	for _, w := range strings.Fields(name) {
		if honorifics[titleWord(w)] {
			return true
		}
	}
	return false
}

// part says where short occurs in full as whole words: a prefix or a suffix; a single word
// of three letters or more inside a person's name ("Lula" in "Luiz Inácio Lula da Silva");
// or not at all.
func part(short, full []string, person bool) bool {
	n := len(short)
	if n == 0 || n >= len(full) {
		return false
	}
	if equalWords(short, full[:n]) || equalWords(short, full[len(full)-n:]) {
		return true
	}
	if person && n == 1 && len(short[0]) >= 3 {
		for _, w := range full[1 : len(full)-1] {
			if w == short[0] {
				return true
			}
		}
	}
	return false
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// shortForms attaches each shorter mention to the fuller name it stands for:
//   - a mention of a person, an organisation, an unresolved location or a MISC the tagger
//     was unsure of (below weakConfidence) that is part of a person's name goes to the nearest mention of such a name before it, else after it
//     ("Putin", "Mr Kuleba", "Jannik"); a person may also be the start or end of an
//     organisation-tagged name shaped like a person's (a tagger error on the full name);
//   - a one-word organisation that starts or ends exactly one longer organisation name goes
//     to it ("Real" for "Real Madrid"), unless it is ambiguous or a place's name ("Chicago"
//     is not the "Chicago Film Critics Association").
//
// A short form of a person's name votes as a person: a lone surname is what a tagger most
// often mistypes ("Leyen" as a location).
func (g *groups) shortForms() {
	byWord := g.fullNames()
	if len(byWord) == 0 {
		return
	}
	for i := range g.ms {
		m := &g.ms[i]
		if m.place >= 0 || len(m.words) == 0 || (m.typ == article.TypeMisc && m.conf >= weakConfidence) {
			continue
		}
		names := byWord[m.words[0]]
		if len(names) > maxNamesPerWord {
			continue
		}
		var persons, orgs []*fullName
		for _, f := range names {
			switch {
			case f.person && part(m.words, f.words, true):
				persons = append(persons, f)
			case !f.person && part(m.words, f.words, false):
				orgs = append(orgs, f)
			}
		}
		typ := m.typ
		if m.honorific {
			typ = article.TypePerson // "Mr Blair" is a person, however tagged
		}
		target := -1
		switch typ {
		case article.TypePerson:
			for _, f := range orgs {
				if f.personLike {
					persons = append(persons, f)
				}
			}
			target = nearest(i, persons)
		case article.TypeOrganization:
			if len(orgs) == 1 && len(m.words) == 1 && !m.onPlace {
				target = nearest(i, orgs)
			} else if len(orgs) == 0 {
				target = nearest(i, persons)
			}
		case article.TypeLocation, article.TypeMisc:
			target = nearest(i, persons)
		}
		if target >= 0 && g.union(target, i) {
			m.short = true
			if g.ms[target].typ == article.TypePerson {
				m.typ = article.TypePerson // part of a person's name: a person, whatever its own tag
			}
		}
	}
}

// nearest returns the mention of names closest before mention i, else the first after it,
// else -1.
func nearest(i int, names []*fullName) int {
	before, after := -1, -1
	for _, f := range names {
		k := sort.SearchInts(f.mentions, i)
		if k > 0 && f.mentions[k-1] > before {
			before = f.mentions[k-1]
		}
		if k < len(f.mentions) && f.mentions[k] != i && (after < 0 || f.mentions[k] < after) {
			after = f.mentions[k]
		}
	}
	if before >= 0 {
		return before
	}
	return after
}
