package quant

import (
	"math"
	"sync"
)

// word is what the lexicon knows about one token text (lower-cased when ASCII letters).
// One word may play several parts: "m" is a scale abbreviation and starts the unit "m3";
// "won" is a currency name.
type word struct {
	key string
	// id indexes lexicon.list; tokens refer to their word by it.
	id uint16
	// month is 1–12 for month names and their abbreviations.
	month int8
	// monthAbbr marks abbreviations ("Sept"), which a full stop may follow.
	monthAbbr bool
	// weekday is time.Weekday+1 for day names.
	weekday int8
	// num is the value of a number word ("seven" = 7).
	num int16
	// scale is the power of ten of a scale word ("million" = 6); abbrev marks scales that
	// are only read as such next to money or a unit ("m", "bn", "k").
	scale  int8
	abbrev bool
	// period is 'd', 'w', 'm' or 'y' for day(s), week(s), month(s), year(s).
	period byte
	// role is the word's part in date and range grammar (see the role constants).
	role role
	// dayOffset is the day today/yesterday/tomorrow name, relative to the published day.
	dayOffset int8
	// ordinal marks "st", "nd", "rd", "th" (as in "12th").
	ordinal bool
	// future marks words that put a bare weekday after them in the future ("will", "due");
	// nearFuture those that do so only right before it ("by Friday", "until Monday").
	future, nearFuture bool
	// currency is the ISO 4217 code of a currency symbol ("€"), or of a three-letter code
	// word (which counts only when written in capitals).
	currency string
	// prefixes are the currency symbols this word qualifies when written right before them,
	// exactly as spelt in prefixText ("A" in "A$", "HK" in "HK$").
	prefixes   []symbolPrefix
	prefixText string
	// moneyPrefix is the currency of an abbreviation written before an amount ("Rs 200"),
	// spelt exactly as prefixText.
	moneyPrefix string
	// node holds the unit and currency phrases that start with this word.
	node *node
}

type symbolPrefix struct{ symbol, currency string }

// role is a word's part in date and range expressions.
type role uint8

const (
	roleNone role = iota
	roleDay       // today, yesterday, tomorrow, tonight: dayOffset says which
	roleAgo
	roleLast
	roleNext
	roleThis
	roleIn
	roleA // "a", "an": one, in "a week ago"
	roleBetween
	roleTo
	roleAnd
	roleOf
	roleThe
	roleBefore
	roleAfter
	roleNight  // "last night"
	rolePartOf // morning, afternoon, evening: "this morning"
	roleDash   // "-", "–": ranges
	roleSign   // "+", "−": signs (the hyphen is roleDash and also a sign)
	roleStop   // ".", "!", "?", ";": the end of a clause, for the weekday tense look-back
	roleComma
	roleDot
	roleEvery // "every", "each": a weekday after them is no particular day
	roleTime  // "time", as in "in two weeks' time"
	roleOn
	roleQuote // "'", "’": "weeks' time"
	roleMinus // "minus 20C"
)

// node is a state of the phrase trie over tokens.
type node struct {
	p    *phrase
	next []edge
}

type edge struct {
	w *word
	n *node
}

func (n *node) child(w *word) *node {
	for _, e := range n.next {
		if e.w == w {
			return e.n
		}
	}
	return nil
}

// phrase is a unit or currency name that may follow a number.
type phrase struct {
	// unit is the canonical unit of a quantity ("km", "percent", "tonne").
	unit string
	// money marks currency names; currency is their ISO 4217 code, "" when the name alone
	// does not say which currency ("pesos", "francs").
	money    bool
	currency string
	// exp is a power of ten the phrase multiplies by: -2 for "cents", 9 for "bcm".
	exp int8
	// exact, when set, is how the phrase must be written (case-sensitive abbreviations:
	// "g", "GB", "USD").
	exact string
	// attached phrases must be written against the number ("50p").
	attached bool
	// needScale phrases are money only after a scale word ("3 billion won", "5 million
	// pounds"); otherwise alt is read instead, if any ("200 pounds" is a weight).
	needScale bool
	alt       *phrase
}

// lexicon holds every word and phrase the scanner knows. It is built once and read-only.
type lexicon struct {
	list    []*word           // by id; list[0] is nil, the id of unknown tokens
	words   map[string]uint16 // ASCII words by lower-case text
	symbols map[string]uint16 // non-ASCII symbols by their UTF-8 text
	ascii   [128]uint16       // ASCII symbols by byte
	smalls  [10]uint16        // one-digit numbers that take part in phrases ("km2")
	maxLen  int               // the longest word key
}

// newLexicon returns an empty lexicon.
func newLexicon() *lexicon {
	return &lexicon{list: []*word{nil}, words: map[string]uint16{}, symbols: map[string]uint16{}}
}

var sharedLexicon = sync.OnceValue(buildLexicon)

// word returns the id of an ASCII word, 0 if the lexicon does not know it. It lower-cases
// into a stack buffer: the lookup does not allocate.
func (lx *lexicon) word(s string) uint16 {
	if len(s) > lx.maxLen {
		return 0
	}
	var buf [24]byte
	b := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		b[i] = s[i] | 0x20 // ASCII letters only
	}
	return lx.words[string(b)]
}

// number returns the id of a number token that takes part in phrases, 0 for others.
func (lx *lexicon) number(s string) uint16 {
	if len(s) == 1 {
		return lx.smalls[s[0]-'0']
	}
	return 0
}

// entry returns the word for key, adding it if absent. Keys of ASCII symbols, one-digit
// numbers and non-ASCII symbols go to their own tables.
func (lx *lexicon) entry(key string) *word {
	var slot *uint16
	switch {
	case len(key) == 1 && !isASCIILetter(key[0]) && !isDigit(key[0]):
		slot = &lx.ascii[key[0]]
	case len(key) == 1 && isDigit(key[0]):
		slot = &lx.smalls[key[0]-'0']
	case key[0] >= 0x80:
		id := lx.symbols[key]
		if id == 0 {
			id = lx.add(key)
			lx.symbols[key] = id
		}
		return lx.list[id]
	default:
		id := lx.words[key]
		if id == 0 {
			id = lx.add(key)
			lx.words[key] = id
			lx.maxLen = max(lx.maxLen, len(key))
		}
		return lx.list[id]
	}
	if *slot == 0 {
		*slot = lx.add(key)
	}
	return lx.list[*slot]
}

// add appends a new word for key and returns its id.
func (lx *lexicon) add(key string) uint16 {
	if len(lx.list) > math.MaxUint16 {
		panic("quant: lexicon too large for 16-bit ids")
	}
	w := &word{key: key, id: uint16(len(lx.list))}
	lx.list = append(lx.list, w)
	return w.id
}
