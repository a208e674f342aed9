package extract

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsflow/newsflow/internal/article"
)

// meta is what a page says about itself, from each kind of source; JSON-LD wins over meta
// tags, which win over the page's markup.
type meta struct {
	title, summary, section, image string
	authors                        []string
	published, modified            string
}

// readMetadata fills p's metadata from the whole document (before boilerplate is pruned,
// since bylines and dates often sit in headers).
func readMetadata(doc *html.Node, p *Page, base *url.URL) {
	var ld, tags, dom meta
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.DataAtom {
		case atom.Html:
			if lang := attr(n, "lang"); lang != "" {
				p.Language = strings.ToLower(strings.FieldsFunc(lang, func(r rune) bool { return r == '-' || r == '_' })[0])
			}
		case atom.Title:
			if dom.title == "" {
				dom.title = foldSpace(nodeText(n))
			}
		case atom.Meta:
			readMetaTag(n, &tags)
		case atom.Script:
			if strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil {
				readJSONLD([]byte(n.FirstChild.Data), &ld)
			}
		case atom.Time:
			if dom.published == "" {
				dom.published = attr(n, "datetime")
			}
		case atom.A:
			if strings.Contains(" "+attr(n, "rel")+" ", " author ") {
				dom.authors = appendAuthor(dom.authors, nodeText(n))
			}
		}
		if strings.Contains(attr(n, "itemprop"), "author") && len(dom.authors) == 0 {
			dom.authors = appendAuthor(dom.authors, nodeText(n))
		}
	})
	first := func(vs ...string) string {
		for _, v := range vs {
			if v = foldSpace(v); v != "" {
				return v
			}
		}
		return ""
	}
	p.Title = first(ld.title, tags.title, dom.title)
	p.Summary = first(ld.summary, tags.summary)
	p.Section = first(ld.section, tags.section)
	p.ImageURL = absolute(first(ld.image, tags.image), base)
	for _, a := range [][]string{ld.authors, tags.authors, dom.authors} {
		if len(a) > 0 {
			p.Authors = a
			break
		}
	}
	p.Published = parseTime(first(ld.published, tags.published, dom.published))
	p.Modified = parseTime(first(ld.modified, tags.modified))
}

func readMetaTag(n *html.Node, m *meta) {
	key := strings.ToLower(attr(n, "property"))
	if key == "" {
		key = strings.ToLower(attr(n, "name"))
	}
	if key == "" {
		key = strings.ToLower(attr(n, "itemprop"))
	}
	v := attr(n, "content")
	set := func(dst *string) {
		if *dst == "" {
			*dst = v
		}
	}
	switch key {
	case "og:title", "twitter:title":
		set(&m.title)
	case "og:description", "twitter:description", "description":
		set(&m.summary)
	case "article:section":
		set(&m.section)
	case "og:image", "og:image:url", "twitter:image":
		set(&m.image)
	case "article:published_time", "datepublished", "date", "dc.date.issued":
		set(&m.published)
	case "article:modified_time", "datemodified", "og:updated_time":
		set(&m.modified)
	case "author", "article:author", "dc.creator":
		if !strings.HasPrefix(v, "http") { // article:author is often a profile URL
			m.authors = appendAuthor(m.authors, v)
		}
	}
}

// readJSONLD reads schema.org article metadata from one JSON-LD script: an object, an array
// of them, or a @graph. Unparseable scripts are ignored.
func readJSONLD(data []byte, m *meta) {
	var v any
	if json.Unmarshal(data, &v) != nil {
		return
	}
	var visit func(v any)
	visit = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e)
			}
		case map[string]any:
			if g, ok := x["@graph"]; ok {
				visit(g)
			}
			if !isArticleType(x["@type"]) || m.title != "" {
				return
			}
			m.title = str(x["headline"])
			m.summary = str(x["description"])
			m.section = firstStr(x["articleSection"])
			m.image = imageURL(x["image"])
			m.published = str(x["datePublished"])
			m.modified = str(x["dateModified"])
			m.authors = names(x["author"])
		}
	}
	visit(v)
}

var articleTypes = []string{"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
	"OpinionNewsArticle", "BackgroundNewsArticle", "BlogPosting", "LiveBlogPosting", "Report", "WebPage"}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return slices.Contains(articleTypes, x)
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func firstStr(v any) string {
	if a, ok := v.([]any); ok && len(a) > 0 {
		return str(a[0])
	}
	return str(v)
}

func imageURL(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		if len(x) > 0 {
			return imageURL(x[0])
		}
	case map[string]any:
		return str(x["url"])
	}
	return ""
}

func names(v any) []string {
	var out []string
	switch x := v.(type) {
	case string:
		out = appendAuthor(out, x)
	case map[string]any:
		out = appendAuthor(out, str(x["name"]))
	case []any:
		for _, e := range x {
			out = append(out, names(e)...)
		}
	}
	return out
}

// appendAuthor adds a byline, without a leading "By" and without repeats.
func appendAuthor(list []string, name string) []string {
	name = foldSpace(name)
	if len(name) > 3 && strings.EqualFold(name[:3], "by ") {
		name = strings.TrimSpace(name[3:])
	}
	if name == "" || len(name) > 100 || slices.Contains(list, name) {
		return list
	}
	return append(list, name)
}

func absolute(ref string, base *url.URL) string {
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}

func parseTime(s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := article.ParseTime(s)
	if err != nil {
		return nil
	}
	return &t
}
