package geo

import (
	"strings"
	"sync"

	"github.com/newsflow/newsflow/enricher/geo/internal/token"
	"github.com/newsflow/newsflow/internal/article"
)

// Match is one mention of a place in a text.
type Match struct {
	// Start and End are UTF-8 byte offsets: text[Start:End] == Text.
	Start, End int
	Text       string
	Form       Form
	// Place is the resolved place, shared with the lexicon: do not modify it.
	Place *Place
}

// reporting verbs after a name that is also a person's ("Washington said he ...").
var reportingVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "stated": true, "argued": true,
	"insisted": true, "admitted": true, "explained": true, "wrote": true, "announced": true,
	"declared": true, "replied": true, "warned": true, "urged": true,
}

// locatives before a name that is mostly a person or organisation make it a place ("in
// Lincoln", not "Lincoln was shot").
var locatives = map[string]bool{
	"in": true, "near": true, "outside": true, "around": true, "across": true, "throughout": true, "via": true,
}

// subdivisionWords after a name that is also a subdivision make it the subdivision
// ("Washington state", "Niger State").
var subdivisionWords = map[string]bool{"state": true, "province": true, "State": true, "Province": true}

// minCompoundNoun is the fewest letters of the noun in a sentence-initial compound ("Turkey
// farmers"): WordNet gives odd noun senses to short function words ("at", "or", "us").
const minCompoundNoun = 4

// governorWords are the offices and bodies of a subdivision, not of a country: "Georgia's
// Republican governor", "the governor of Niger" make the name the region.
var governorWords = map[string]bool{"governor": true, "Governor": true, "legislature": true, "statehouse": true}

// governed reports whether the mention at tokens [i, j) is a subdivision's by its office:
// "<Name>'s governor" (a word may come between: "'s Republican governor") or "governor of
// <Name>".
func governed(text string, toks []token.Token, i, j int) bool {
	word := func(k int) string {
		if k < 0 || k >= len(toks) || toks[k].Is(token.Para) {
			return ""
		}
		return text[toks[k].Start:toks[k].End]
	}
	if i >= 2 && word(i-1) == "of" && governorWords[word(i-2)] {
		return true
	}
	if (word(j) == "'" || word(j) == "’") && word(j+1) == "s" {
		return governorWords[word(j+2)] || j+3 < len(toks) && toks[j+2].Is(token.Upper) && governorWords[word(j+3)]
	}
	return false
}

// stormWords before a capitalised name make it a storm's ("Hurricane Florence").
var stormWords = map[string]bool{"Hurricane": true, "Typhoon": true, "Cyclone": true, "Storm": true, "hurricane": true, "typhoon": true, "cyclone": true, "storm": true}

// landforms are English words for a body of water or land named "of" a place ("Gulf of
// Mexico", "Sea of Japan"): the place after them is part of the feature's name.
var landforms = map[string]bool{
	"Gulf": true, "Bay": true, "Sea": true, "Strait": true, "Straits": true, "GULF": true, "BAY": true, "SEA": true,
}

// mention is a spelling found in the text, before and while it is resolved.
type mention struct {
	i, j   int   // tokens [i, j)
	n      *node // the trie node of the spelling
	lo, hi int   // its remaining candidate entries: scratch.entries[lo:hi]
	// needProof: the spelling is a common word or mostly not a place; it stands only if a
	// "City, Region" pattern or a locative confirms it.
	needProof bool
	// caps: the spelling is written in capitals ("PARIS"), matched by its capital form, so its
	// case tells nothing (as at a sentence start); only names and demonyms are read so.
	caps      bool
	confirmed bool // a "City, Region" pattern confirmed it
	// nounStart: a name that is also a common noun, at a sentence start before a word that is
	// only a noun ("Turkey farmers"): a compound of the common noun unless the text names the
	// place again.
	nounStart bool
	regionOK  bool // a pattern confirmed its region reading
	drop      bool
	place     *Place
	form      Form
}

// scratch holds one Find call's working memory; it is pooled so that a call allocates only
// its result.
type scratch struct {
	toks     []token.Token
	mentions []mention
	entries  []entry
	ctx      []ctxCountry // countries of the text
	near     []*Place     // unambiguous cities of the text (at most maxNear)
	pending  []int        // mentions of several places, chosen with the context
	unproven []int        // mentions dropped for want of proof, that a coordination may prove
	steps    int          // trie edges followed: the matching work, for the linear-time tests
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxScratchTokens bounds the token buffer a pooled scratch keeps (and an eighth of it the
// mention buffers): a huge text should not pin its memory after the call.
const maxScratchTokens = 1 << 16

// Find returns the places mentioned in text, in text order, each resolved to one place (a
// city name that several places bear is resolved with the countries named elsewhere in text,
// else the capital, else the most populous). It is safe for concurrent use and runs in time
// linear in len(text).
func (t *Tagger) Find(text string) []Match {
	out, _ := t.find(text)
	return out
}

// work is what one find call did, for tests of its cost.
type work struct {
	tokens, steps, mentions int
}

func (t *Tagger) find(text string) ([]Match, work) {
	s := scratchPool.Get().(*scratch)
	defer func() {
		if cap(s.toks) > maxScratchTokens {
			s.toks = nil
		}
		if cap(s.mentions) > maxScratchTokens/8 {
			s.mentions, s.entries, s.pending, s.unproven = nil, nil, nil, nil
		}
		scratchPool.Put(s)
	}()
	s.toks = token.Scan(text, s.toks[:0])
	s.mentions, s.entries, s.ctx, s.near, s.steps = s.mentions[:0], s.entries[:0], s.ctx[:0], s.near[:0], 0
	t.scan(text, s)
	for k := range s.mentions {
		t.filter(text, s, k)
	}
	t.qualifiedTowns(text, s)
	w := work{tokens: len(s.toks), steps: s.steps, mentions: len(s.mentions)}
	if len(s.mentions) == 0 {
		return nil, w
	}
	t.resolve(text, s)
	var out []Match
	for _, m := range s.mentions {
		if m.drop || m.place == nil {
			continue
		}
		start, end := int(s.toks[m.i].Start), int(s.toks[m.j-1].End)
		out = append(out, Match{Start: start, End: end, Text: text[start:end], Form: m.form, Place: m.place})
	}
	return out, w
}

// scan finds the longest spelling starting at each capitalised word, left to right, without
// overlaps. Spellings never cross a blank line. Each step of the inner loop follows one trie
// edge, and at most maxLen of them start at any token: linear time.
func (t *Tagger) scan(text string, s *scratch) {
	toks := s.toks
	for i := 0; i < len(toks); {
		if !toks[i].Is(token.Word | token.Upper) {
			i++
			continue
		}
		best, end := t.longest(text, s, i, false)
		caps := best == nil && allCaps(toks[i])
		if caps {
			if best, end = t.longest(text, s, i, true); best != nil && !capsContext(toks, i, end) {
				best = nil
			}
		}
		if best == nil {
			i++
			continue
		}
		if len(best.entries) > 0 || len(best.subs) > 0 {
			s.mentions = append(s.mentions, mention{i: i, j: end, n: best, caps: caps})
		}
		i = end // a block ("Indian Ocean") is skipped whole
	}
}

// longest returns the trie node of the longest spelling starting at token i and the token
// after it, or nil. With caps, it reads words written in capitals by their capital form
// ("NEW YORK") and stops at a word with a lower-case letter.
func (t *Tagger) longest(text string, s *scratch, i int, caps bool) (*node, int) {
	toks := s.toks
	n, end := int32(0), -1
	var best *node
	for j := i; j < len(toks) && j-i < t.lex.maxLen; j++ {
		if j > i && toks[j].Is(token.Para) || caps && toks[j].Is(token.Lower) {
			break
		}
		s.steps++
		tok := text[toks[j].Start:toks[j].End]
		if caps {
			n = t.lex.nextCaps(n, tok)
		} else {
			n = t.lex.next(n, tok)
		}
		if n < 0 {
			break
		}
		if nd := &t.lex.nodes[n]; nd.terminal() {
			best, end = nd, j+1
		}
	}
	return best, end
}

// capsContext reports whether tokens [i, j), all capitals, are text in capitals rather than
// an acronym ("ICA"): two words or more ("NEW YORK"), the first word of the text or of a
// line (a dateline: "PITTSBURGH, April 8 -"), or next to another word in capitals (a
// headline: "TOKYO SHARES FALL").
func capsContext(toks []token.Token, i, j int) bool {
	if i == 0 || toks[i].Is(token.Break) {
		return true
	}
	words := 0
	for k := i; k < j; k++ {
		if toks[k].Is(token.Word) {
			words++
		}
	}
	if words >= 2 {
		return true
	}
	for k := i - 1; k >= 0 && k >= i-2 && !toks[k+1].Is(token.Para); k-- {
		if allCaps(toks[k]) {
			return true
		}
	}
	for k := j; k < len(toks) && k < j+2 && !toks[k].Is(token.Para); k++ {
		if allCaps(toks[k]) {
			return true
		}
	}
	return false
}

// allCaps reports whether tok is a word of two or more letters, all capitals ("PARIS").
func allCaps(tok token.Token) bool {
	return tok.Is(token.Word|token.Upper|token.Letter) && !tok.Is(token.Lower) && tok.End-tok.Start >= 2
}

// filter keeps the entries of mention k that its context allows.
func (t *Tagger) filter(text string, s *scratch, k int) {
	m := &s.mentions[k]
	m.lo = len(s.entries)
	toks := s.toks
	initial := m.caps || token.SentenceStart(text, toks, m.i)
	prev, next := "", ""
	var prevTok, nextTok token.Token
	if m.i > 0 && !toks[m.i].Is(token.Para) && toks[m.i].Is(token.Space) {
		prevTok = toks[m.i-1]
		prev = text[prevTok.Start:prevTok.End]
	}
	if m.j < len(toks) && !toks[m.j].Is(token.Para) && toks[m.j].Is(token.Space) {
		nextTok = toks[m.j]
		next = text[nextTok.Start:nextTok.End]
	}
	afterGiven := prevTok.Is(token.Word|token.Upper) && t.lex.given[prev]
	// A locative before a capitalised word in running text ("in Nice", "near Valencia")
	// says place, whatever the word also is.
	located := locatives[prev] && !initial
	// "Washington state": the subdivision, not a city of that name.
	subdivision := len(m.n.subs) > 0 && subdivisionWords[next]
	// "Gulf of Mexico": a body of water named after the place, not the place; "Hurricane
	// Florence": a storm.
	if prev == "of" && m.i >= 2 && toks[m.i-1].Is(token.Space) && landforms[text[toks[m.i-2].Start:toks[m.i-2].End]] ||
		stormWords[prev] {
		m.hi, m.drop = m.lo, true
		return
	}
	// "Niger state": the word names the subdivision, which the region reading is.
	m.regionOK = m.regionOK || subdivision || governed(text, toks, m.i, m.j)
	for _, e := range m.n.entries {
		if m.caps && e.form == FormCode {
			continue
		}
		switch e.form {
		case FormCode:
			if e.flags&flagUpper != 0 && t.allCapsContext(text, m.i, m.j, toks) {
				continue
			}
		case FormDemonym:
			if afterGiven || e.flags&flagInitial != 0 && initial {
				continue
			}
		case FormName:
			if afterGiven || e.flags&flagInitial != 0 && initial || subdivision && e.isCity() ||
				t.continuesName(s, k, nextTok, next) || t.continuedName(s, k, prevTok, prev) ||
				e.flags&flagPerson != 0 && reportingVerbs[next] && !located {
				continue
			}
			if e.flags&(flagCommon|flagNonPlace) != 0 && !located {
				m.needProof = true
			}
			if e.flags&flagNoun != 0 && initial && !m.caps && nextTok.Is(token.Word|token.Lower) &&
				!nextTok.Is(token.Upper) && len(next) >= minCompoundNoun && t.lex.nouns[next] {
				m.nounStart = true
			}
		}
		s.entries = append(s.entries, e)
	}
	m.hi = len(s.entries)
	if m.hi == m.lo && len(m.n.subs) == 0 {
		m.drop = true
	}
}

// continuesName reports whether the capitalised word after mention k makes it part of a
// longer name ("Paris Hilton", "Sydney Morning Herald"): a capitalised word of two letters or
// more that does not often follow places ("Monday"), is not all capitals ("AFP") and does not
// start another place, unless mention k is also a person's name ("Jordan Henderson").
func (t *Tagger) continuesName(s *scratch, k int, nextTok token.Token, next string) bool {
	if !nextTok.Is(token.Word|token.Upper) || len(next) < 2 || t.lex.follow[next] || !nextTok.Is(token.Lower) {
		return false
	}
	m := s.mentions[k]
	return k+1 >= len(s.mentions) || s.mentions[k+1].i != m.j || personName(m.n) && !locates(m.n, s.mentions[k+1].n)
}

// locates reports whether trie node b's spelling can name the country or a subdivision of
// a city node a's spelling names: "Sydney Australia", "Berlin Brandenburg" are a city and
// where it is, not a person's name.
func locates(a, b *node) bool {
	for _, e := range a.entries {
		if !e.isCity() {
			continue
		}
		for _, be := range b.entries {
			if be.place.Kind != article.PlaceCity && be.place.CountryCode == e.place.CountryCode {
				return true
			}
		}
		for _, sb := range b.subs {
			if sb.cc == e.place.CountryCode {
				return true
			}
		}
	}
	return false
}

// personName reports whether trie node n's spelling is also a person's name: then a place
// name right after it is the rest of the person's ("Jordan Henderson").
func personName(n *node) bool {
	for _, e := range n.entries {
		if e.form == FormName && e.flags&flagPerson != 0 {
			return true
		}
	}
	return false
}

// continuedName reports whether the capitalised word before mention k makes it the end of a
// longer name ("Denzel Washington", "Inter Milan", "Silicon Valley"): a capitalised word of
// two letters or more that is not a common word in lower case ("In", "Central", "Greater")
// and does not end another place, unless that place is also a person's name.
func (t *Tagger) continuedName(s *scratch, k int, prevTok token.Token, prev string) bool {
	if !prevTok.Is(token.Word|token.Upper) || len(prev) < 2 || t.lex.frequent[strings.ToLower(prev)] {
		return false
	}
	m := s.mentions[k]
	return k == 0 || s.mentions[k-1].j != m.i || personName(s.mentions[k-1].n) && !locates(s.mentions[k-1].n, m.n)
}

// allCapsContext reports whether the words around tokens [i, j) are all in capitals, as in a
// headline ("LET US NOT FORGET"), where a code may be an ordinary word. It looks at two words
// on each side.
func (t *Tagger) allCapsContext(text string, i, j int, toks []token.Token) bool {
	seen := 0
	look := func(k int) (stop bool) {
		tk := toks[k]
		if !tk.Is(token.Word) || !tk.Is(token.Letter) {
			return false
		}
		if tk.Is(token.Lower) {
			return true
		}
		seen++
		return false
	}
	for k, n := i-1, 0; k >= 0 && n < 2 && !toks[k+1].Is(token.Para); k-- {
		if toks[k].Is(token.Word) {
			n++
		}
		if look(k) {
			return false
		}
	}
	for k, n := j, 0; k < len(toks) && n < 2 && !toks[k].Is(token.Para); k++ {
		if toks[k].Is(token.Word) {
			n++
		}
		if look(k) {
			return false
		}
	}
	return seen > 0
}

// isCity reports whether e names a city.
func (e entry) isCity() bool { return e.place.Kind == article.PlaceCity }
