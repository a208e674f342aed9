package ner

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestFoldName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"kecskemét", "kecskemet"},
		{"são", "sao"},
		{"díaz-canel", "diaz-canel"},
		{"łódź", "lodz"},
		{"straße", "strasse"},
		{"san‘a’", "san'a'"},
		{"paris", "paris"},
		{"путин", "путин"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := foldName(tt.in); got != tt.want {
				t.Errorf("foldName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// gazCodes matches the words of one sentence against lex's name lists.
func gazCodes(lex *Lexicon, sentence string) []uint64 {
	words := strings.Fields(sentence)
	x := newExtractor(FeatureSet{}, lex)
	return x.prepare([][]string{words}, nil)[0].gaz
}

func TestNameListsIgnoreAccents(t *testing.T) {
	lex := &Lexicon{Folded: true}
	lex.addPhrase("Kecskemét", gazCity)
	lex.addPhrase("Sao Paulo", gazCity)
	tests := []struct {
		sentence string
		want     []uint64 // gazCity code per word
	}{
		{"in Kecskemet today", []uint64{0, 1 + partU, 0}},
		{"in Kecskemét today", []uint64{0, 1 + partU, 0}},
		{"in São Paulo today", []uint64{0, 1 + partB, 1 + partL, 0}},
		{"in Kecskemat today", []uint64{0, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			codes := gazCodes(lex, tt.sentence)
			for i, c := range codes {
				if got := (c >> (4 * gazCity)) & 15; got != tt.want[i] {
					t.Errorf("word %d: code %d, want %d", i, got, tt.want[i])
				}
			}
		})
	}
}

func TestNamePartsIgnoreAccents(t *testing.T) {
	lex := &Lexicon{Folded: true}
	for range minPartCount {
		lex.countParts([]string{"José", "Díaz"}, PER)
	}
	lex.finishParts()
	for _, w := range []string{"Jose", "José", "Diaz", "DÍAZ"} {
		if newTokInfo(w, lex).nameParts == 0 {
			t.Errorf("%s: no name part", w)
		}
	}
}

// TestNeighbourCapPrior checks that, with FeatureSet.NeighbourCapPrior, a neighbour's
// capitalisation prior is a feature at ±1 only (how often news capitalises the word before
// a name: "Director", "director"), and that without it (the shipped model) there is none.
func TestNeighbourCapPrior(t *testing.T) {
	lex := &Lexicon{CapPrior: map[string]uint8{"director": 2}}
	tok := newTokInfo("Director", lex)
	want := uint64(2)<<8 | flInitCap
	for _, on := range []bool{false, true} {
		x := newExtractor(FeatureSet{NeighbourCapPrior: on}, lex)
		for _, k := range []int{-2, -1, 1, 2} {
			t.Run(fmt.Sprintf("%v/%d", on, k), func(t *testing.T) {
				at := uint64(k + 8)
				got := slices.Contains(x.tokenFeats(tok, k, nil), mix(mix(tCapPrior, at), want))
				if got != (on && (k == -1 || k == 1)) {
					t.Errorf("offset %d, enabled %v: capitalisation prior feature %v", k, on, got)
				}
			})
		}
	}
}

// TestUnfoldedLexicon checks that a lexicon keyed as written (a model trained before name
// folding) is still matched as written: an accented word finds its accented entry only.
func TestUnfoldedLexicon(t *testing.T) {
	lex := &Lexicon{Gaz: map[uint64]uint16{}}
	for _, name := range []string{"kecskemét", "lodz"} {
		lex.addHash(phraseHash(fnvOffset, name), 1, gazCity)
	}
	tests := []struct {
		sentence string
		want     uint64
	}{
		{"Kecskemét", 1 + partU},
		{"Kecskemet", 0},
		{"Lodz", 1 + partU},
		{"Łódź", 0},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			if got := (gazCodes(lex, tt.sentence)[0] >> (4 * gazCity)) & 15; got != tt.want {
				t.Errorf("code %d, want %d", got, tt.want)
			}
		})
	}
}
