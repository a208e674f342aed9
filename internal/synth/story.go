package synth

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Word-count bounds of a generated body. A story aims for a target between minTarget and
// maxTarget words and stops after the sentence that reaches it; a sentence has fewer than 45
// words, the closing credit and a near-copy's edits fewer than 30, so every good body ends
// within [MinWords, MaxWords].
const (
	MinWords  = 200
	MaxWords  = 2000
	minTarget = 260 // leaves room for a near-copy to drop its last paragraph
	maxTarget = 1880
)

// story is the cast and setting of one article: who, where and which outlet.
type story struct {
	topic          *compiledTopic
	country        *country
	country2       *country
	city, city2    string
	org, org2      string
	inst           string
	first, last    string
	first2, last2  string
	role, role2    string
	team, team2    string
	src            source
	published      time.Time
	serial         int // makes the URL unique: the line number
	dateline       bool
	paragraphCount int
	topicDeck      deck
	genericDeck    deck
}

// deck deals template indices in a shuffled order and reshuffles when it runs out, so that a
// sentence repeats only after every other sentence of its list has been used.
type deck struct {
	order []int
	next  int
}

func (d *deck) deal(r *rand.Rand, n int) int {
	if d.next >= len(d.order) {
		if d.order == nil {
			d.order = make([]int, n)
			for i := range d.order {
				d.order[i] = i
			}
		}
		r.Shuffle(n, func(i, j int) { d.order[i], d.order[j] = d.order[j], d.order[i] })
		d.next = 0
	}
	d.next++
	return d.order[d.next-1]
}

func newStory(r *rand.Rand, published time.Time, serial int) *story {
	s := &story{published: published, serial: serial}
	s.topic = &compiledTopics[r.IntN(len(compiledTopics))]
	s.country = &countries[r.IntN(len(countries))]
	s.country2 = otherCountry(r, s.country)
	s.city = cityOf(r, s.country)
	s.city2 = cityOf(r, s.country2)
	s.org = companies[r.IntN(len(companies))]
	s.org2 = pickOther(r, companies, s.org)
	s.inst = institutions[r.IntN(len(institutions))]
	s.first, s.last = firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
	s.first2, s.last2 = pickOther(r, firstNames, s.first), pickOther(r, lastNames, s.last)
	s.role = s.topic.roles[r.IntN(len(s.topic.roles))]
	s.role2 = pickOther(r, s.topic.roles, s.role)
	s.team = teams[r.IntN(len(teams))]
	s.team2 = pickOther(r, teams, s.team)
	s.src = sources[r.IntN(len(sources))]
	return s
}

func otherCountry(r *rand.Rand, c *country) *country {
	for {
		o := &countries[r.IntN(len(countries))]
		if o != c {
			return o
		}
	}
}

// cityOf returns the capital more often than any other city, as news datelines do.
func cityOf(r *rand.Rand, c *country) string {
	if len(c.cities) == 0 || r.IntN(5) < 2 {
		return c.capital
	}
	return c.cities[r.IntN(len(c.cities))]
}

func pickOther(r *rand.Rand, list []string, not string) string {
	for {
		if s := list[r.IntN(len(list))]; s != not {
			return s
		}
	}
}

// title writes the headline.
func (s *story) title(r *rand.Rand) string {
	return string(s.expand(nil, s.topic.titles[r.IntN(len(s.topic.titles))], r))
}

// body writes paragraphs separated by blank lines until the word target is reached.
func (s *story) body(r *rand.Rand, buf []byte) []byte {
	target := minTarget + int(r.ExpFloat64()*420)
	if target > maxTarget {
		target = maxTarget
	}
	words := 0
	if r.IntN(10) < 3 {
		s.dateline = true
		start := len(buf)
		buf = s.appendDateline(buf, s.src.name)
		words += countWords(buf[start:])
	}
	// The lead paragraph is always on topic.
	for words < target {
		if s.paragraphCount > 0 {
			buf = append(buf, "\n\n"...)
		}
		s.paragraphCount++
		if s.paragraphCount > 1 && r.IntN(100) < 15 {
			start := len(buf)
			buf = s.expand(buf, quoteTmpls[r.IntN(len(quoteTmpls))], r)
			words += countWords(buf[start:])
			continue
		}
		n := 1 + r.IntN(4)
		for i := 0; i < n && words < target; i++ {
			if i > 0 {
				buf = append(buf, ' ')
			}
			start := len(buf)
			t := s.topic.sentences[s.topicDeck.deal(r, len(s.topic.sentences))]
			if s.paragraphCount > 1 && r.IntN(100) < 25 {
				t = genericTmpls[s.genericDeck.deal(r, len(genericTmpls))]
			}
			buf = s.expand(buf, t, r)
			words += countWords(buf[start:])
		}
	}
	if r.IntN(10) < 4 {
		buf = append(buf, "\n\n"...)
		buf = append(buf, bylineRoles[r.IntN(len(bylineRoles))]...)
		buf = append(append(append(buf, ' '), firstNames[r.IntN(len(firstNames))]...), ' ')
		buf = append(buf, lastNames[r.IntN(len(lastNames))]...)
		buf = append(append(buf, "; "...), editRoles[r.IntN(len(editRoles))]...)
		buf = append(append(append(buf, ' '), firstNames[r.IntN(len(firstNames))]...), ' ')
		buf = append(buf, lastNames[r.IntN(len(lastNames))]...)
	}
	return buf
}

// appendDateline writes "CITY, Month D (Outlet) - ", the opening of wire copy.
func (s *story) appendDateline(buf []byte, outlet string) []byte {
	buf = append(buf, strings.ToUpper(s.city)...)
	buf = append(buf, ", "...)
	buf = append(buf, s.published.Month().String()...)
	buf = append(buf, ' ')
	buf = strconv.AppendInt(buf, int64(s.published.Day()), 10)
	buf = append(buf, " ("...)
	buf = append(buf, outlet...)
	return append(buf, ") - "...)
}

// url is the canonical address of the story at its outlet.
func (s *story) url(src source, title string, serial int) string {
	var b strings.Builder
	b.Grow(96 + len(title))
	b.WriteString("https://")
	b.WriteString(src.domain)
	b.WriteByte('/')
	b.WriteString(s.topic.name)
	b.WriteString(s.published.Format("/2006/01/02/"))
	dash := false
	for i := 0; i < len(title); i++ {
		c := title[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteByte(c)
			dash = false
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
			dash = false
		case c < 0x80 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	if !dash {
		b.WriteByte('-')
	}
	b.WriteString(strconv.Itoa(serial))
	return b.String()
}

// countWords counts runs of non-space bytes.
func countWords(b []byte) int {
	n, in := 0, false
	for _, c := range b {
		space := c == ' ' || c == '\n' || c == '\t' || c == '\r'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}
