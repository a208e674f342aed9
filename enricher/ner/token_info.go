package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token flags.
const (
	flInitCap = 1 << iota
	flAllCaps
	flHasDigit
	flAllDigit
	flHasHyphen
	flHasPeriod
	flNoLetter
	flMixedCaps
	flHasApos
	flSingleChar
)

// shapeRunes bounds the work spent on shapes of very long tokens.
const shapeRunes = 24

// tokInfo is everything the features need from one word type, computed once per document.
type tokInfo struct {
	word, lower, shape, sshape uint64 // hashes
	pre, suf                   [4]uint64
	clus                       [3]uint64 // cluster path prefixes; 0 when the word has none
	flags                      uint32
	capPrior                   uint8
	nameParts                  uint8
	lowerStr                   string
	nameStr                    string // lowerStr without accents, as name lists are keyed
	// scores caches, per offset -2..2, the label scores of tokenFeats (see tokenScores).
	scores *[5][numLabels]int32
}

var clusterPrefixBits = [3]int{4, 8, 12}

func newTokInfo(w string, lex *Lexicon) *tokInfo {
	t := &tokInfo{word: hashString(w)}
	lower := strings.ToLower(w)
	t.lowerStr = lower
	t.nameStr = lower
	if lex != nil && lex.Folded {
		t.nameStr = foldName(lower)
	}
	t.lower = hashString(lower)

	var shape, sshape [shapeRunes * 4]byte
	ns, nss := 0, 0
	var last byte
	letters, uppers, lowers, digits, runes := 0, 0, 0, 0, 0
	for i, r := range w {
		runes++
		var c byte
		switch {
		case unicode.IsUpper(r):
			c, uppers, letters = 'X', uppers+1, letters+1
		case unicode.IsLetter(r):
			c, lowers, letters = 'x', lowers+1, letters+1
		case unicode.IsDigit(r):
			c, digits = 'd', digits+1
		case r == '-':
			c = '-'
			t.flags |= flHasHyphen
		case r == '.':
			c = '.'
			t.flags |= flHasPeriod
		case r == '\'' || r == '\u2019':
			c = '\''
			t.flags |= flHasApos
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if runes <= shapeRunes {
			shape[ns] = c
			ns++
		}
		if c != last && nss < len(sshape) {
			sshape[nss] = c
			nss++
		}
		last = c
		if i == 0 && unicode.IsUpper(r) {
			t.flags |= flInitCap
		}
	}
	t.shape = hashString(string(shape[:ns]))
	t.sshape = hashString(string(sshape[:nss]))
	if letters > 0 && uppers == letters {
		t.flags |= flAllCaps
	}
	if uppers > 0 && lowers > 0 && t.flags&flInitCap == 0 || uppers > 1 && lowers > 0 {
		t.flags |= flMixedCaps
	}
	if digits > 0 {
		t.flags |= flHasDigit
		if digits == runes {
			t.flags |= flAllDigit
		}
	}
	if letters == 0 {
		t.flags |= flNoLetter
	}
	if runes == 1 {
		t.flags |= flSingleChar
	}

	// Prefixes and suffixes of the lower-cased word, 1 to 4 runes.
	for k, i := 0, 0; k < 4 && i < len(lower); k++ {
		_, size := utf8.DecodeRuneInString(lower[i:])
		i += size
		if i < len(lower) || k == 0 {
			t.pre[k] = hashString(lower[:i])
		}
	}
	for k, j := 0, len(lower); k < 4 && j > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(lower[:j])
		j -= size
		if j > 0 || k == 0 {
			t.suf[k] = hashString(lower[j:])
		}
	}
	if lex != nil {
		t.capPrior = lex.CapPrior[lower]
		t.nameParts = lex.NameParts[t.nameStr]
	}
	if path, ok := lex.cluster(w, lower); ok {
		for k, bits := range clusterPrefixBits {
			if bits > lex.ClusterBits {
				bits = lex.ClusterBits
			}
			p := path >> (lex.ClusterBits - bits)
			t.clus[k] = mix(uint64(bits), uint64(p)) | 1
		}
	}
	return t
}

// isCap reports whether a word starts with an upper-case letter.
func isCap(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
