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

// byKey merges the mentions that fold to the same key, whatever their type, except short
// forms already attached to a fuller name (two "Clinton"s may be two people). A mention
// that is not a resolved place joins a place of the same key unless it was tagged as a
// person ("Jordan" the player is not "Jordan" the country).
func (g *groups) byKey() {
	free := map[string]int{}
	placed := map[string]int{}
	for i, m := range g.ms {
		switch {
		case m.key == "" || m.short:
		case m.place >= 0:
			if _, ok := placed[m.key]; !ok {
				placed[m.key] = i
			}
		default:
			if f, ok := free[m.key]; ok {
				g.union(f, i)
			} else {
				free[m.key] = i
			}
		}
	}
	for i, m := range g.ms {
		if m.key == "" || m.short || m.place >= 0 || m.typ == article.TypePerson {
			continue
		}
		if p, ok := placed[m.key]; ok {
			g.union(p, i)
		}
	}
}
