package geo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/newsflow/newsflow/enricher/geo/internal/token"
	"github.com/newsflow/newsflow/internal/article"
)

// lexiconGz is the generated lexicon: gzip'd TSV written by internal/lexgen (go generate).
// Lines starting with "#" are the header (sources, licences, counts). Each other line is a
// record whose first field is its tag:
//
//	P kind cc geonames_id admin1 population capital lat lon name   a place; the n-th P line is place n
//	A text place form flags                                       a spelling of place n
//	S text cc subdivision                                         an ISO 3166-2 subdivision name (context only)
//	B phrase                                                      a longer name that is not a place ("Indian Ocean")
//	G word                                                        a given name or title ("Jack", "President")
//	F word                                                        a capitalised word that often follows a place ("Monday")
//	W word                                                        a frequent lower-case word
//	N word                                                        a frequent lower-case word that is only a noun
//	Q key cc admin1 geonames_id population lat lon name           a town (see towns.go); last, sorted by key
//
// kind is C (country), T (city) or R (region); form is N (name), D (demonym) or A (code);
// flags are letters, see the flag constants.
//
//go:embed lexicon.tsv.gz
var lexiconGz []byte

// ErrLexicon is returned when the embedded lexicon cannot be read.
var ErrLexicon = errors.New("geo: bad lexicon")

// Form says how a mention names its place.
type Form uint8

const (
	// FormName: the place's name ("France", "New York").
	FormName Form = iota + 1
	// FormDemonym: the name of its people ("French", "Germans").
	FormDemonym
	// FormCode: an abbreviation ("U.S.", "UK", "UAE").
	FormCode
)

func (f Form) String() string {
	switch f {
	case FormName:
		return "name"
	case FormDemonym:
		return "demonym"
	case FormCode:
		return "code"
	}
	return "form(" + strconv.Itoa(int(f)) + ")"
}

// flags of a spelling, decided by the generator from corpus statistics.
type flags uint8

const (
	flagCommon   flags = 1 << iota // w: mostly a lower-case common word: needs "City, Region" evidence
	flagInitial                    // i: also written in lower case: not at a sentence start
	flagPerson                     // p: also a person's name
	flagNonPlace                   // o: mostly a person or organisation: needs a locative context
	flagUpper                      // u: an all-capital code: not in all-capital text
	flagContext                    // c: also a prominent foreign subdivision: needs its country in context
	flagNoun                       // n: also a common noun in lower case ("turkey")
)

var flagLetters = map[rune]flags{'w': flagCommon, 'i': flagInitial, 'p': flagPerson, 'o': flagNonPlace, 'u': flagUpper, 'c': flagContext, 'n': flagNoun}

// entry is one place a spelling may name.
type entry struct {
	place *Place
	form  Form
	flags flags
}

// sub is a subdivision a spelling may name.
type sub struct {
	cc, code string
}

// node is a node of the token trie: the spellings are sequences of tokens. Its edges are in
// lexicon.edges.
type node struct {
	entries []entry
	subs    []sub
	block   bool
}

// terminal reports whether a spelling of any kind ends at n.
func (n *node) terminal() bool { return len(n.entries) > 0 || len(n.subs) > 0 || n.block }

// edge is a trie edge: from a node, by a token. One map of all edges costs far less to build
// than a map per node (most nodes have one child).
type edge struct {
	from int32
	tok  string
}

// lexicon is the parsed, immutable lexicon.
type lexicon struct {
	places []Place
	nodes  []node // nodes[0] is the root
	edges  map[edge]int32
	// caps holds the edges by the all-capital form of their token ("PARIS" for "Paris"),
	// where it differs, for text in capitals (headlines, datelines).
	caps   map[edge]int32
	maxLen int           // the most tokens of any spelling
	toks   []token.Token // scratch while parsing
	// adminNames are the ISO 3166-2 names of each subdivision, for abbreviations ("Calif.").
	adminNames map[admin][]string
	// sameAdminCodes holds the countries whose GeoNames admin1 codes are their ISO 3166-2
	// subdivision codes (see setSameAdminCodes).
	sameAdminCodes map[string]bool
	given          map[string]bool
	follow         map[string]bool
	frequent       map[string]bool
	nouns          map[string]bool
	towns          townIndex
	aliases        int
	header         []string
}

// add puts a spelling into the trie and returns its last node.
func (l *lexicon) add(text string) *node {
	l.toks = token.Scan(text, l.toks[:0])
	n := int32(0)
	for _, t := range l.toks {
		e := edge{n, text[t.Start:t.End]}
		c, ok := l.edges[e]
		if !ok {
			c = int32(len(l.nodes))
			l.nodes = append(l.nodes, node{})
			l.edges[e] = c
		}
		if u := strings.ToUpper(e.tok); u != e.tok {
			if _, ok := l.caps[edge{n, u}]; !ok {
				l.caps[edge{n, u}] = c
			}
		}
		n = c
	}
	l.maxLen = max(l.maxLen, len(l.toks))
	return &l.nodes[n]
}

// next follows the edge from node n by tok; it returns -1 when there is none.
func (l *lexicon) next(n int32, tok string) int32 {
	if c, ok := l.edges[edge{n, tok}]; ok {
		return c
	}
	return -1
}

// nextCaps follows the edge from node n by tok written in capitals ("PARIS" follows "Paris");
// a token the same in capitals ("UK", ",") follows its own edge.
func (l *lexicon) nextCaps(n int32, tok string) int32 {
	if c, ok := l.caps[edge{n, tok}]; ok {
		return c
	}
	return l.next(n, tok)
}

func parseLexicon(gz []byte) (*lexicon, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLexicon, err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLexicon, err)
	}
	l := &lexicon{
		nodes: make([]node, 1, 1<<14), edges: make(map[edge]int32, 1<<14), caps: make(map[edge]int32, 1<<14),
		given: make(map[string]bool), follow: make(map[string]bool), frequent: make(map[string]bool),
		nouns: make(map[string]bool), adminNames: make(map[admin][]string),
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line, offset := 0, 0
	for sc.Scan() {
		line++
		if bytes.HasPrefix(sc.Bytes(), []byte("Q\t")) {
			// The towns close the file; they are indexed, not parsed (see towns.go).
			if err := l.towns.load(string(raw[offset:])); err != nil {
				return nil, fmt.Errorf("%w: line %d: %w", ErrLexicon, line, err)
			}
			break
		}
		offset += len(sc.Bytes()) + 1
		text := sc.Text()
		if h, ok := strings.CutPrefix(text, "# "); ok {
			l.header = append(l.header, h)
			continue
		}
		if err := l.record(strings.Split(text, "\t")); err != nil {
			return nil, fmt.Errorf("%w: line %d: %w", ErrLexicon, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLexicon, err)
	}
	if len(l.places) == 0 || l.aliases == 0 {
		return nil, fmt.Errorf("%w: no places", ErrLexicon)
	}
	l.setSameAdminCodes()
	l.toks = nil
	return l, nil
}

func (l *lexicon) record(f []string) error {
	want := map[string]int{"P": 10, "A": 5, "S": 4, "B": 2, "G": 2, "F": 2, "W": 2, "N": 2}[f[0]]
	if want == 0 || len(f) != want {
		return fmt.Errorf("record %q with %d fields", f[0], len(f))
	}
	switch f[0] {
	case "P":
		if l.aliases > 0 {
			// Entries point into l.places, which must not grow once they exist.
			return errors.New("place after the first alias")
		}
		p, err := parsePlace(f)
		if err != nil {
			return err
		}
		l.places = append(l.places, p)
	case "A":
		i, err := strconv.Atoi(f[2])
		if err != nil || i < 0 || i >= len(l.places) {
			return fmt.Errorf("alias %q: bad place %q", f[1], f[2])
		}
		e := entry{place: &l.places[i], form: map[string]Form{"N": FormName, "D": FormDemonym, "A": FormCode}[f[3]]}
		if e.form == 0 {
			return fmt.Errorf("alias %q: bad form %q", f[1], f[3])
		}
		for _, r := range f[4] {
			e.flags |= flagLetters[r]
		}
		n := l.add(f[1])
		n.entries = append(n.entries, e)
		l.aliases++
	case "S":
		n := l.add(f[1])
		n.subs = append(n.subs, sub{cc: f[2], code: f[3]})
		a := admin{f[2], f[3]}
		l.adminNames[a] = append(l.adminNames[a], f[1])
	case "B":
		l.add(f[1]).block = true
	case "G":
		l.given[f[1]] = true
	case "F":
		l.follow[f[1]] = true
	case "W":
		l.frequent[f[1]] = true
	case "N":
		l.nouns[f[1]] = true
	}
	return nil
}

func parsePlace(f []string) (Place, error) {
	p := Place{
		Kind:        map[string]string{"C": article.PlaceCountry, "T": article.PlaceCity, "R": article.PlaceRegion}[f[1]],
		CountryCode: f[2],
		Admin1:      f[4],
		Capital:     f[6] == "1",
		Name:        f[9],
	}
	var errs [3]error
	p.GeonamesID, errs[0] = strconv.ParseInt(f[3], 10, 64)
	p.Population, errs[1] = strconv.ParseInt(f[5], 10, 64)
	if f[7] != "" {
		var lat, lon float64
		lat, errs[2] = strconv.ParseFloat(f[7], 64)
		if errs[2] == nil {
			lon, errs[2] = strconv.ParseFloat(f[8], 64)
		}
		p.Location = &article.GeoPoint{Lat: lat, Lon: lon}
	}
	if err := errors.Join(errs[:]...); err != nil {
		return Place{}, fmt.Errorf("place %q: %w", f[9], err)
	}
	if p.Kind == "" {
		return Place{}, fmt.Errorf("place %q: bad kind %q", f[9], f[1])
	}
	return p, nil
}

// lookup returns the trie node of a spelling, or nil.
func (l *lexicon) lookup(text string) *node {
	n := int32(0)
	for _, t := range token.Scan(text, nil) {
		if n = l.next(n, text[t.Start:t.End]); n < 0 {
			return nil
		}
	}
	return &l.nodes[n]
}

// setSameAdminCodes finds the countries whose cities' GeoNames admin1 codes are ISO 3166-2
// subdivision codes: letters, not numbers, and each one an ISO code of the country (the
// United States' "TX", Switzerland's "GE", the United Kingdom's "ENG"). Elsewhere the two
// systems number subdivisions apart (Jamaica's GeoNames "12" is St James, its ISO "12"
// Manchester), so a subdivision cannot place a town there.
func (l *lexicon) setSameAdminCodes() {
	type count struct{ all, same int }
	counts := make(map[string]*count)
	for i := range l.places {
		p := &l.places[i]
		if p.Kind != article.PlaceCity || p.Admin1 == "" {
			continue
		}
		c := counts[p.CountryCode]
		if c == nil {
			c = new(count)
			counts[p.CountryCode] = c
		}
		c.all++
		if _, ok := l.adminNames[admin{p.CountryCode, p.Admin1}]; ok && onlyLetters(p.Admin1) {
			c.same++
		}
	}
	l.sameAdminCodes = make(map[string]bool)
	for cc, c := range counts {
		if c.same*10 >= c.all*9 {
			l.sameAdminCodes[cc] = true
		}
	}
}
