package esfake

import (
	"encoding/json"
	"fmt"
)

// collapseSpec is a search's collapse: one hit per value of a keyword field, the first in
// sort order, with optional inner hits.
type collapseSpec struct {
	Field     string          `json:"field"`
	InnerHits json.RawMessage `json:"inner_hits"`
}

// group is the documents of one collapse key, in sort order.
type group struct {
	key  any
	hits []hit
}

// collapseKey is the first value of field (nil when it has none: such documents form one
// group, as Elasticsearch's null key does).
func collapseKey(h hit, field string) any {
	if vs := fieldValues(h, field); len(vs) > 0 {
		return vs[0]
	}
	return nil
}

// collapse keeps the first hit of each group, in order, and returns the groups by key.
func collapse(sorted []hit, field string) ([]hit, map[string]*group) {
	groups := map[string]*group{}
	var out []hit
	for _, h := range sorted {
		key := collapseKey(h, field)
		k := fmt.Sprint(key)
		g, ok := groups[k]
		if !ok {
			g = &group{key: key}
			groups[k] = g
			out = append(out, h)
		}
		g.hits = append(g.hits, h)
	}
	return out, groups
}

// innerHitsSpec is one inner_hits request of a collapse.
type innerHitsSpec struct {
	Name string `json:"name"`
	Size *int   `json:"size"`
	From int    `json:"from"`
}

// annotate adds the collapse key (fields) and the inner hits to a hit's JSON.
func (c *collapseSpec) annotate(m map[string]any, h hit, groups map[string]*group) {
	key := collapseKey(h, c.Field)
	g := groups[fmt.Sprint(key)]
	m["fields"] = map[string]any{c.Field: []any{key}}
	if len(c.InnerHits) == 0 || g == nil {
		return
	}
	var specs []innerHitsSpec
	if kindOf(c.InnerHits) == kindArray {
		_ = json.Unmarshal(c.InnerHits, &specs)
	} else {
		var one innerHitsSpec
		_ = json.Unmarshal(c.InnerHits, &one)
		specs = []innerHitsSpec{one}
	}
	inner := map[string]any{}
	for _, sp := range specs {
		size := 3
		if sp.Size != nil {
			size = *sp.Size
		}
		list := []map[string]any{}
		for i := sp.From; i < len(g.hits) && i < sp.From+size; i++ {
			x := g.hits[i]
			list = append(list, map[string]any{"_index": x.ix.name, "_id": x.id, "_score": x.score, "_source": json.RawMessage(x.doc.source)})
		}
		inner[sp.Name] = map[string]any{"hits": map[string]any{
			"total": map[string]any{"value": len(g.hits), "relation": "eq"}, "max_score": nil, "hits": list,
		}}
	}
	m["inner_hits"] = inner
}
