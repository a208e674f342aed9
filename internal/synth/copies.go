package synth

import (
	"strings"
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

// urlVariant re-publishes a recent good line under a variant of its URL that canonicalises
// to the same URL. ok is false when no recent line has a URL.
func (g *generator) urlVariant(b []byte) ([]byte, Line, bool) {
	start := g.r.IntN(len(g.window))
	for k := range g.window {
		p := &g.window[(start+k)%len(g.window)]
		if p.rec.url == "" {
			continue
		}
		rec := p.rec
		rec.url = g.variantURL(rec.url)
		l := Line{Kind: URLVariant, ID: article.NewID(rec.url, rec.title, rec.body), CopyOf: p.line, Story: p.root}
		return rec.appendJSON(b), l, true
	}
	return b, Line{}, false
}

// trackingQueries are query strings added by newsletters, social networks and ad campaigns.
var trackingQueries = []string{
	"utm_source=newsletter&utm_medium=email&utm_campaign=morning_briefing",
	"utm_source=twitter&utm_medium=social",
	"utm_source=facebook&utm_medium=social&utm_content=link",
	"fbclid=IwAR0a1b2c3d4e5f6",
	"utm_campaign=breaking&gclid=Cj0KCQiA",
}

var fragments = []string{"#comments", "#top", "#article-body", "#"}

// variantURL applies one to three of the variations that CanonicalURL removes. The input is
// an https URL as made by story.url: lower-case host, no port, query or fragment.
func (g *generator) variantURL(u string) string {
	rest, ok := strings.CutPrefix(u, "https://")
	if !ok {
		return u
	}
	host, path, _ := strings.Cut(rest, "/")
	scheme := "https://"
	var query, fragment string
	mask := 1 + g.r.IntN(31) // a non-empty subset of five variations
	if mask&1 != 0 {
		query = "?" + trackingQueries[g.r.IntN(len(trackingQueries))]
	}
	if mask&2 != 0 {
		host = mixCase(host, g.r.IntN(2) == 0)
	}
	if mask&4 != 0 {
		fragment = fragments[g.r.IntN(len(fragments))]
	}
	if mask&8 != 0 {
		host += ":443"
	}
	if mask&16 != 0 {
		scheme = "HTTPS://"
	}
	return scheme + host + "/" + path + query + fragment
}

// mixCase upper-cases the whole host, or the first letter of each label.
func mixCase(host string, all bool) string {
	if all {
		return strings.ToUpper(host)
	}
	b := []byte(host)
	for i := range b {
		if (i == 0 || b[i-1] == '.') && b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}

// nearCopy writes a syndicated copy of a recent good line: another outlet, a later time and
// small edits to the text, so that its id differs while its text nearly matches.
func (g *generator) nearCopy(b []byte, i int) ([]byte, Line) {
	r := g.r
	p := g.window[r.IntN(len(g.window))] // a copy: remember below may overwrite the slot
	s := *p.story
	s.published = p.story.published.Add(time.Duration(5+r.IntN(235)) * time.Minute)
	for s.src == p.story.src {
		s.src = sources[r.IntN(len(sources))]
	}
	rec := p.rec
	rec.source = s.src.name
	rec.modified, rec.publishedUnix, rec.wordCount = "", 0, 0
	rec.published = s.published.Format(time.RFC3339)
	switch r.IntN(4) {
	case 0:
		rec.title = "UPDATE 1-" + rec.title
	case 1:
		rec.title = rec.title + " | " + s.src.name
	}
	rec.body = g.editBody(&s, rec.body)
	rec.url = s.url(s.src, rec.title, i+1)
	g.remember(prior{rec: rec, story: &s, line: i, root: p.root})
	l := Line{Kind: NearCopy, ID: article.NewID(rec.url, rec.title, rec.body), CopyOf: p.line, Story: p.root}
	return rec.appendJSON(b), l
}

// editBody makes the small edits of a syndicated copy: at least one of a dateline naming the
// new outlet, present tense for the first "said", the last paragraph dropped, a credit line.
func (g *generator) editBody(s *story, body string) string {
	r := g.r
	orig := body
	mask := 1 + r.IntN(15)
	if mask&4 != 0 {
		if i := strings.LastIndex(body, "\n\n"); i > 0 && countWords([]byte(body[:i])) >= MinWords {
			body = body[:i]
		}
	}
	if mask&2 != 0 {
		body = strings.Replace(body, " said ", " says ", 1)
	}
	if mask&1 != 0 && !s.dateline {
		s.dateline = true
		body = string(s.appendDateline(nil, s.src.name)) + body
	}
	if mask&8 != 0 || body == orig {
		body += "\n\n(" + s.src.name + " contributed to this report.)"
	}
	return body
}
