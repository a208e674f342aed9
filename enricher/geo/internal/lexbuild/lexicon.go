package lexbuild

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Place kinds, alias forms and alias flags as written in the lexicon file. The reader in
// package geo documents the format; both sides must agree.
const (
	kindCountry = 'C'
	kindCity    = 'T'
	kindRegion  = 'R'

	formName    = 'N'
	formDemonym = 'D'
	formCode    = 'A'

	flagCommon   = 'w' // mostly a common word in lower case: a city only with "City, Region" evidence
	flagInitial  = 'i' // seen in lower case: not at a sentence start
	flagPerson   = 'p' // also a person's name: not next to another capitalised word or before "said"
	flagNonPlace = 'o' // mostly a person or organisation in annotated news: needs a locative context
	flagUpper    = 'u' // an all-capital code: not in all-capital text
	flagContext  = 'c' // also a subdivision of a country prominent in the news: only with its city's country in context
	flagNoun     = 'n' // also a common noun in lower case ("turkey"): at a sentence start before a noun, needs support
)

// place is one resolvable place.
type place struct {
	kind     byte
	cc       string
	geonames int64
	admin1   string
	pop      int64
	capital  bool
	lat, lon float64
	hasLoc   bool
	name     string
}

// alias is one spelling that names a place.
type alias struct {
	text  string
	place int
	form  byte
	flags string
}

// subAlias is a spelling of an ISO 3166-2 subdivision, used as context only.
type subAlias struct {
	text, cc, suffix string
}

type lexicon struct {
	header       []string
	places       []place
	aliases      []alias
	subdivisions []subAlias
	blocks       []string
	given        []string
	follow       []string
	frequent     []string
	nouns        []string
	towns        []town
}

// encode writes the lexicon as gzip'd TSV. The output depends only on the lexicon's content:
// sections are sorted and the gzip header carries no name or time.
func (l *lexicon) encode() ([]byte, error) {
	var b bytes.Buffer
	for _, h := range l.header {
		b.WriteString("# " + h + "\n")
	}
	for _, p := range l.places {
		lat, lon := "", ""
		if p.hasLoc {
			lat, lon = strconv.FormatFloat(p.lat, 'f', 5, 64), strconv.FormatFloat(p.lon, 'f', 5, 64)
		}
		capital := "0"
		if p.capital {
			capital = "1"
		}
		row(&b, "P", string(p.kind), p.cc, strconv.FormatInt(p.geonames, 10), p.admin1,
			strconv.FormatInt(p.pop, 10), capital, lat, lon, p.name)
	}
	sort.Slice(l.aliases, func(i, j int) bool {
		a, b := l.aliases[i], l.aliases[j]
		if a.text != b.text {
			return a.text < b.text
		}
		return a.place < b.place
	})
	for _, a := range l.aliases {
		row(&b, "A", a.text, strconv.Itoa(a.place), string(a.form), a.flags)
	}
	sort.Slice(l.subdivisions, func(i, j int) bool {
		a, b := l.subdivisions[i], l.subdivisions[j]
		return a.text+"\t"+a.cc+"\t"+a.suffix < b.text+"\t"+b.cc+"\t"+b.suffix
	})
	for _, s := range l.subdivisions {
		row(&b, "S", s.text, s.cc, s.suffix)
	}
	for _, sec := range []struct {
		tag   string
		words []string
	}{{"B", l.blocks}, {"G", l.given}, {"F", l.follow}, {"W", l.frequent}, {"N", l.nouns}} {
		sort.Strings(sec.words)
		for _, w := range sec.words {
			row(&b, sec.tag, w)
		}
	}
	for _, t := range l.towns {
		row(&b, append([]string{"Q"}, t.fields()...)...)
	}
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("encode lexicon: %w", err)
	}
	if _, err := zw.Write(b.Bytes()); err != nil {
		return nil, fmt.Errorf("encode lexicon: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("encode lexicon: %w", err)
	}
	return out.Bytes(), nil
}

func row(b *bytes.Buffer, fields ...string) {
	for i, f := range fields {
		if i > 0 {
			b.WriteByte('\t')
		}
		// Source names never hold tabs or newlines; make sure the format cannot break.
		b.WriteString(strings.NewReplacer("\t", " ", "\n", " ").Replace(f))
	}
	b.WriteByte('\n')
}
