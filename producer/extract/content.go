package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// boilerplateElements never hold an article's text.
var boilerplateElements = map[atom.Atom]bool{
	atom.Nav: true, atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Header: true,
	atom.Menu: true, atom.Dialog: true,
}

// boilerplateWords in a class or id mark page furniture.
var boilerplateWords = []string{
	"comment", "share", "social", "related", "promo", "advert", "sponsor", "cookie",
	"newsletter", "sidebar", "menu", "breadcrumb", "subscribe", "footer", "masthead", "popup",
	"modal", "banner", "outbrain", "taboola", "recommend", "signup", "paywall", "byline-tools",
	"toolbar", "navigation", "skip-link", "most-read", "trending",
}

// contentWords in a class or id mark the article itself; they win over boilerplateWords.
var contentWords = []string{"article-body", "articlebody", "story-body", "post-body", "entry-content", "article-content"}

// prune removes scripts, furniture and hidden elements from the tree.
func prune(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.CommentNode || (c.Type == html.ElementNode && isBoilerplate(c)) {
			n.RemoveChild(c)
		} else {
			prune(c)
		}
		c = next
	}
}

func isBoilerplate(n *html.Node) bool {
	if skipped[n.DataAtom] || boilerplateElements[n.DataAtom] {
		return true
	}
	if _, hidden := attrOK(n, "hidden"); hidden || attr(n, "aria-hidden") == "true" {
		return true
	}
	switch attr(n, "role") {
	case "navigation", "banner", "contentinfo", "complementary", "dialog", "alert":
		return true
	}
	marks := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	if strings.TrimSpace(marks) == "" || n.DataAtom == atom.Body || n.DataAtom == atom.Html {
		return false
	}
	for _, w := range contentWords {
		if strings.Contains(marks, w) {
			return false
		}
	}
	for _, w := range boilerplateWords {
		if strings.Contains(marks, w) {
			return true
		}
	}
	return false
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// mainContent finds the element holding the article text: one marked itemprop=articleBody,
// else the best-scoring container of paragraphs. A paragraph scores by its length and
// commas; its parent gets the score, its grandparent half; a container's score is cut by
// its link density. Nil when the page has no paragraph of text.
func mainContent(doc *html.Node) *html.Node {
	if n := find(doc, func(n *html.Node) bool { return attr(n, "itemprop") == "articleBody" }); n != nil {
		return n
	}
	scores := map[*html.Node]float64{}
	var order []*html.Node
	add := func(n *html.Node, s float64) {
		if n == nil || n.Type != html.ElementNode {
			return
		}
		if _, ok := scores[n]; !ok {
			order = append(order, n)
		}
		scores[n] += s
	}
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode || (n.DataAtom != atom.P && n.DataAtom != atom.Pre && n.DataAtom != atom.Blockquote) {
			return
		}
		chars, commas := textStats(n)
		if chars < 25 {
			return
		}
		s := 1 + float64(commas) + min(float64(chars)/100, 3)
		add(n.Parent, s)
		if n.Parent != nil {
			add(n.Parent.Parent, s/2)
		}
	})
	var best *html.Node
	bestScore := 0.0
	for _, n := range order {
		s := scores[n] * (1 - linkDensity(n))
		if n.DataAtom == atom.Article || n.DataAtom == atom.Main {
			s *= 1.25
		}
		if s > bestScore {
			best, bestScore = n, s
		}
	}
	return best
}

// linkDensity is the share of n's text inside links.
func linkDensity(n *html.Node) float64 {
	total, _ := textStats(n)
	if total == 0 {
		return 0
	}
	links := 0
	var inLinks func(c *html.Node)
	inLinks = func(c *html.Node) {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			l, _ := textStats(c)
			links += l
			return
		}
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			inLinks(d)
		}
	}
	inLinks(n)
	return min(1, float64(links)/float64(total))
}

// textStats counts the non-space bytes and the commas of n's text, cheaply: scoring needs
// sizes, not the folded text.
func textStats(n *html.Node) (chars, commas int) {
	switch {
	case n.Type == html.TextNode:
		for i := 0; i < len(n.Data); i++ {
			switch c := n.Data[i]; c {
			case ' ', '\t', '\n', '\r', '\f':
			case ',':
				chars++
				commas++
			default:
				chars++
			}
		}
		commas += strings.Count(n.Data, "、")
		return chars, commas
	case n.Type == html.ElementNode && skipped[n.DataAtom]:
		return 0, 0
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		a, b := textStats(c)
		chars, commas = chars+a, commas+b
	}
	return chars, commas
}

// walk calls fn on n and its descendants in document order.
func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

// find returns the first node, in document order, for which ok is true.
func find(n *html.Node, ok func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && ok(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, ok); f != nil {
			return f
		}
	}
	return nil
}
