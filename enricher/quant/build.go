package quant

import (
	"fmt"
	"strings"
)

// The words of date and number grammar.
var (
	monthNames = [12]string{
		"january|jan", "february|feb", "march|mar", "april|apr", "may", "june|jun",
		"july|jul", "august|aug", "september|sep|sept", "october|oct", "november|nov",
		"december|dec",
	}
	// weekdayNames in time.Weekday order, Sunday first.
	weekdayNames = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
	numberWords  = []string{
		"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
		"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
		"nineteen",
	}
	tensWords   = []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	scaleWords  = map[string]int8{"hundred": 2, "thousand": 3, "lakh": 5, "lakhs": 5, "million": 6, "crore": 7, "crores": 7, "billion": 9, "trillion": 12}
	scaleAbbrev = map[string]int8{"k": 3, "m": 6, "mn": 6, "mln": 6, "mio": 6, "b": 9, "bn": 9, "bln": 9, "tn": 12, "trn": 12}
	periodWords = map[string]byte{
		"day": 'd', "days": 'd', "week": 'w', "weeks": 'w', "month": 'm', "months": 'm',
		"year": 'y', "years": 'y',
	}
	roleWords = map[string]role{
		"ago": roleAgo, "last": roleLast, "next": roleNext, "this": roleThis, "in": roleIn,
		"a": roleA, "an": roleA, "between": roleBetween, "to": roleTo, "and": roleAnd,
		"of": roleOf, "the": roleThe, "before": roleBefore, "after": roleAfter,
		"night": roleNight, "morning": rolePartOf, "afternoon": rolePartOf, "evening": rolePartOf,
		"-": roleDash, "–": roleDash, "+": roleSign, "−": roleSign,
		".": roleDot, "!": roleStop, "?": roleStop, ";": roleStop, ",": roleComma,
		"every": roleEvery, "each": roleEvery, "time": roleTime, "on": roleOn, "'": roleQuote,
		"’": roleQuote, "minus": roleMinus,
	}
	dayWords    = map[string]int8{"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
	futureWords = []string{
		"will", "ll", "shall", "due", "scheduled", "expected", "expects", "plans", "planned", "set",
		"going", "upcoming", "begin", "begins", "start", "starts", "open", "opens", "reopens",
		"resume", "resumes", "hopes", "aims", "intends", "wants",
	}
	nearFuture = []string{"until", "till", "by", "coming"}
	ordinals   = []string{"st", "nd", "rd", "th"}
)

// buildLexicon assembles the lexicon from the tables of this package.
func buildLexicon() *lexicon {
	lx := newLexicon()
	for i, forms := range monthNames {
		for j, f := range strings.Split(forms, "|") {
			x := lx.entry(f)
			x.month = int8(i + 1)
			x.monthAbbr = j > 0
		}
	}
	for i, d := range weekdayNames {
		lx.entry(d).weekday = int8(i + 1)
	}
	for i, w := range numberWords {
		lx.entry(w).num = int16(i + 1)
	}
	for i, w := range tensWords {
		lx.entry(w).num = int16(20 + 10*i)
	}
	for w, e := range scaleWords {
		lx.entry(w).scale = e
	}
	for w, e := range scaleAbbrev {
		x := lx.entry(w)
		x.scale, x.abbrev = e, true
	}
	for w, p := range periodWords {
		lx.entry(w).period = p
	}
	for w, r := range roleWords {
		lx.entry(w).role = r
	}
	for w, d := range dayWords {
		x := lx.entry(w)
		x.role, x.dayOffset = roleDay, d
	}
	for _, w := range futureWords {
		lx.entry(w).future = true
	}
	for _, w := range nearFuture {
		lx.entry(w).nearFuture = true
	}
	for _, w := range ordinals {
		lx.entry(w).ordinal = true
	}
	for sym, cur := range currencySymbols {
		lx.entry(sym).currency = cur
	}
	for _, p := range symbolPrefixes {
		x := lx.entry(strings.ToLower(p.prefix))
		x.prefixes = append(x.prefixes, symbolPrefix{symbol: p.symbol, currency: p.currency})
		lx.setPrefixText(x, p.prefix)
	}
	for pre, cur := range moneyPrefixes {
		x := lx.entry(strings.ToLower(pre))
		x.moneyPrefix = cur
		lx.setPrefixText(x, pre)
	}
	for _, code := range isoCodes {
		lx.entry(strings.ToLower(code)).currency = code
		lx.addPhrase(code, &phrase{money: true, currency: code, exact: code})
	}
	for _, u := range unitTable {
		for _, f := range strings.Split(u.forms, "|") {
			lx.addForm(f, phrase{unit: u.unit, exp: u.exp})
		}
	}
	for _, c := range currencyNames {
		for _, f := range strings.Split(c.forms, "|") {
			lx.addForm(f, phrase{money: true, currency: c.currency})
			// wire copy abbreviates: "75 mln Australian dlrs"
			if d, ok := strings.CutSuffix(f, "dollars"); ok && d != "" {
				lx.addForm(d+"dlrs", phrase{money: true, currency: c.currency})
			} else if d, ok := strings.CutSuffix(f, "dollar"); ok && d != "" {
				lx.addForm(d+"dlr", phrase{money: true, currency: c.currency})
			}
		}
	}
	for _, c := range centNames {
		for _, f := range strings.Split(c.forms, "|") {
			lx.addForm(f, phrase{money: true, currency: c.currency, exp: c.exp})
		}
	}
	for _, c := range scaledNames {
		var alt *phrase
		if c.alt != "" {
			alt = lx.find(c.alt)
		}
		for _, f := range strings.Split(c.forms, "|") {
			lx.addForm(f, phrase{money: true, currency: c.currency, needScale: true, alt: alt})
		}
	}
	if lx.maxLen > 24 {
		panic(fmt.Sprintf("quant: lexicon word of %d bytes exceeds the lookup buffer", lx.maxLen))
	}
	return lx
}

// setPrefixText records how a prefix word must be written; one word has one spelling.
func (lx *lexicon) setPrefixText(x *word, text string) {
	if x.prefixText != "" && x.prefixText != text {
		panic(fmt.Sprintf("quant: prefix %q spelt two ways: %q and %q", x.key, x.prefixText, text))
	}
	x.prefixText = text
}

// addForm adds one written form of a phrase: "=" in front makes it case-sensitive, "+" makes
// it attached to the number.
func (lx *lexicon) addForm(form string, p phrase) {
	for len(form) > 1 && (form[0] == '=' || form[0] == '+') {
		if form[0] == '=' {
			p.exact = form[1:]
		} else {
			p.attached = true
		}
		form = form[1:]
	}
	if p.exact != "" {
		p.exact = form
	}
	lx.addPhrase(form, &p)
}

// addPhrase adds text as a token sequence to the phrase trie. A sequence added twice keeps
// its first meaning: the tables list the more specific readings first.
func (lx *lexicon) addPhrase(text string, p *phrase) {
	keys := phraseKeys(text)
	if len(keys) == 0 {
		panic(fmt.Sprintf("quant: empty phrase %q", text))
	}
	first := lx.entry(keys[0])
	if first.node == nil {
		first.node = &node{}
	}
	n := first.node
	for _, k := range keys[1:] {
		w := lx.entry(k)
		c := n.child(w)
		if c == nil {
			c = &node{}
			n.next = append(n.next, edge{w: w, n: c})
		}
		n = c
	}
	if n.p == nil {
		n.p = p
	}
}

// find returns the phrase text names, nil if none.
func (lx *lexicon) find(text string) *phrase {
	keys := phraseKeys(text)
	w := lx.entry(keys[0])
	n := w.node
	for _, k := range keys[1:] {
		if n == nil {
			return nil
		}
		n = n.child(lx.entry(k))
	}
	if n == nil {
		return nil
	}
	return n.p
}

// phraseKeys splits a phrase into the keys of its tokens, by the tokenizer the scanner uses.
func phraseKeys(text string) []string {
	empty := newLexicon()
	var keys []string
	for _, t := range empty.tokenize(text, nil) {
		k := text[t.start:t.end]
		if t.kind == tokWord {
			k = strings.ToLower(k)
		}
		keys = append(keys, k)
	}
	return keys
}
