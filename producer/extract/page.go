package extract

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ErrNoText is returned when a page has too little main text to be an article.
var ErrNoText = errors.New("extract: no article text found")

// DefaultMinWords is how many words the main text needs, by default, to count as an article.
const DefaultMinWords = 50

// Page is what Extract finds in an article page. Fields it cannot find are empty.
type Page struct {
	Title string
	// Text is the main text: paragraphs separated by blank lines, boilerplate removed.
	Text      string
	Authors   []string
	Published *time.Time
	Modified  *time.Time
	Section   string
	// Summary is the page's own description (og:description, JSON-LD, meta description).
	Summary string
	// ImageURL is the lead image, absolute.
	ImageURL string
	// Language is the lower-cased primary subtag of <html lang>, e.g. "en".
	Language string
	// Charset is the charset the page was decoded from.
	Charset string
}

// Options tune Extract. Zero values mean the defaults.
type Options struct {
	// MinWords is how many words the main text needs. Default DefaultMinWords.
	MinWords int
}

// Extract reads an article page: body as fetched, its Content-Type header, and its URL
// (to resolve relative image links; may be nil). It fails with ErrNotHTML for another
// content type and ErrNoText when the main text is shorter than Options.MinWords.
func Extract(body []byte, contentType string, pageURL *url.URL, opt Options) (*Page, error) {
	if !IsHTML(contentType, body) {
		return nil, fmt.Errorf("%w: content type %q", ErrNotHTML, contentType)
	}
	if opt.MinWords <= 0 {
		opt.MinWords = DefaultMinWords
	}
	text, cs, err := Decode(body, contentType)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("extract: parse: %w", err)
	}
	p := &Page{Charset: cs}
	readMetadata(doc, p, pageURL)
	if p.Title == "" {
		p.Title = firstText(doc, atom.H1)
	}
	prune(doc)
	main := mainContent(doc)
	if main == nil {
		return nil, ErrNoText
	}
	p.Text = contentText(main)
	if n := Words(p.Text); n < opt.MinWords {
		return p, fmt.Errorf("%w: %d words, want %d", ErrNoText, n, opt.MinWords)
	}
	return p, nil
}

// contentText collects the readable blocks of the main content in document order: a block
// that is mostly links (a list of related stories) is left out.
func contentText(main *html.Node) string {
	var paras []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.P, atom.H2, atom.H3, atom.H4, atom.Blockquote, atom.Pre, atom.Li:
				t := nodeText(n)
				if t != "" && linkDensity(n) < 0.5 {
					paras = append(paras, t)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(main)
	if len(paras) == 0 { // text in bare <div>s and <br>s
		return nodeText(main)
	}
	return strings.Join(paras, "\n\n")
}

func firstText(n *html.Node, a atom.Atom) string {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return foldSpace(nodeText(n))
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if t := firstText(c, a); t != "" {
			return t
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
