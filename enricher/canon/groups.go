package canon

import "github.com/newsflow/newsflow/internal/article"

// groups is a union-find over the mentions of one article. A group holds at most one place.
type groups struct {
	ms     []mention
	parent []int
	place  []int // of a root: the group's place, -1 for none
}

func newGroups(ms []mention) *groups {
	g := &groups{ms: ms, parent: make([]int, len(ms)), place: make([]int, len(ms))}
	for i := range ms {
		g.parent[i] = i
		g.place[i] = ms[i].place
	}
	return g
}

func (g *groups) find(i int) int {
	r := i
	for g.parent[r] != r {
		r = g.parent[r]
	}
	for g.parent[i] != r {
		g.parent[i], i = r, g.parent[i]
	}
	return r
}

// union merges the groups of a and b unless they hold different places; it reports whether
// they are now one group. The root is the lower index: the group's first mention.
func (g *groups) union(a, b int) bool {
	ra, rb := g.find(a), g.find(b)
	if ra == rb {
		return true
	}
	if g.place[ra] >= 0 && g.place[rb] >= 0 && g.place[ra] != g.place[rb] {
		return false
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	g.parent[rb] = ra
	if g.place[ra] < 0 {
		g.place[ra] = g.place[rb]
	}
	return true
}

// byPlace merges the mentions of each resolved place.
func (g *groups) byPlace() {
	first := map[int]int{}
	for i, m := range g.ms {
		if m.place < 0 {
			continue
		}
		if f, ok := first[m.place]; ok {
			g.union(f, i)
		} else {
			first[m.place] = i
		}
	}
}

// weakConfidence is the mean confidence below which the mentions of one type join a
// stronger group of another type with the same key. Above it the tagger's types stand: one
// article may name a city and the team named after it ("Chicago" LOC, "CHICAGO" ORG in a
// results table), and these are two entities.
const weakConfidence = 0.6

// byKey merges the mentions that fold to the same key, except short forms already attached
// to a fuller name (two "Clinton"s may be two people): first those of one type (a location
// joins a resolved place of its key), then, across types, a group whose mentions of that
// key the tagger typed with low confidence joins the key's group with the most votes. A
// resolved place never joins another group this way, and a person never joins a place
// ("Jordan" the player is not "Jordan" the country).
func (g *groups) byKey() {
	placed := map[string]int{}
	for i, m := range g.ms {
		if m.place >= 0 && !m.short && m.key != "" {
			if _, ok := placed[m.key]; !ok {
				placed[m.key] = i
			}
		}
	}
	sameType := map[string]int{}
	for i, m := range g.ms {
		if m.key == "" || m.short || m.place >= 0 {
			continue
		}
		if p, ok := placed[m.key]; ok && m.typ == article.TypeLocation {
			g.union(p, i)
			continue
		}
		k := m.typ + " " + m.key
		if f, ok := sameType[k]; ok {
			g.union(f, i)
		} else {
			sameType[k] = i
		}
	}
	// Votes and mentions of each key in each group.
	type tally struct {
		root   int
		votes  float64
		n      int
		placed bool
		person bool
	}
	byKey := map[string][]*tally{}
	var keys []string
	for i, m := range g.ms {
		if m.key == "" || m.short {
			continue
		}
		r := g.find(i)
		ts := byKey[m.key]
		if ts == nil {
			keys = append(keys, m.key)
		}
		var t *tally
		for _, x := range ts {
			if x.root == r {
				t = x
			}
		}
		if t == nil {
			t = &tally{root: r, placed: g.place[r] >= 0, person: m.typ == article.TypePerson}
			byKey[m.key] = append(ts, t)
		}
		_, w := ballot(&g.ms[i])
		t.votes += w
		t.n++
	}
	for _, k := range keys {
		ts := byKey[k]
		if len(ts) < 2 {
			continue
		}
		strong := ts[0]
		for _, t := range ts[1:] {
			if t.votes > strong.votes {
				strong = t
			}
		}
		for _, t := range ts {
			if t == strong || t.placed || t.votes/float64(t.n) >= weakConfidence || (strong.placed && t.person) {
				continue
			}
			g.union(strong.root, t.root)
		}
	}
}
