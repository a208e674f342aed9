package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipped are elements whose content is never text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Svg: true, atom.Math: true, atom.Object: true, atom.Canvas: true,
	atom.Select: true, atom.Button: true, atom.Head: true,
}

// blocks are elements that break the text flow: each starts a new paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Blockquote: true,
	atom.Pre: true, atom.Tr: true, atom.Section: true, atom.Article: true, atom.Figure: true,
	atom.Figcaption: true, atom.Ul: true, atom.Ol: true, atom.Table: true, atom.Hr: true,
	atom.Dd: true, atom.Dt: true, atom.Header: true, atom.Footer: true, atom.Main: true,
}

// HTMLText returns the text of an HTML fragment (a feed item's description or content):
// entities decoded, tags, scripts and styles dropped, one paragraph per block element,
// white space folded.
func HTMLText(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return foldParagraphs(fragment)
	}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return foldParagraphs(fragment)
	}
	var b strings.Builder
	for _, n := range nodes {
		writeText(&b, n)
	}
	return foldParagraphs(b.String())
}

// nodeText is the text of n and its descendants, paragraphs separated by blank lines.
func nodeText(n *html.Node) string {
	var b strings.Builder
	writeText(&b, n)
	return foldParagraphs(b.String())
}

func writeText(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipped[n.DataAtom] {
			return
		}
	}
	block := n.Type == html.ElementNode && blocks[n.DataAtom]
	if block {
		b.WriteString("\n\n")
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(b, c)
	}
	if block {
		b.WriteString("\n\n")
	}
}

// foldParagraphs folds white space within paragraphs to single spaces and separates
// paragraphs (split at blank lines) by one blank line.
func foldParagraphs(s string) string {
	var paras []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r", ""), "\n\n") {
		if p = foldSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}

// foldSpace folds every run of white space (including no-break spaces) to one space and
// trims the ends.
func foldSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' }), " ")
}

// Words counts the words of a text: space-separated tokens with a letter or digit. Scripts
// written without spaces (Chinese, Japanese) count one word per two of their characters.
func Words(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return max(n, cjkWords(s))
}

func cjkWords(s string) int {
	c := 0
	for _, r := range s {
		if r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			c++
		}
	}
	return c / 2
}
