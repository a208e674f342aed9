package lang

import (
	"unicode"
	"unicode/utf8"
)

// The English fast path. Nearly every article newsflow sees is English, and whatlanggo's
// trigram comparison costs about 3,000 allocations on a 1 KiB sample. English announces
// itself in its function words: "the", "of", "and", "that" ... make up a fifth of running
// English text and almost none of any other language's. So the sample is scanned once,
// without allocating, and called English only when those words are clearly frequent, the
// letters are Latin and plain, and other languages' function words are rare; anything less
// clear goes to whatlanggo as before.

// Fast-path thresholds.
const (
	// fastMinTokens is the fewest words the fast path decides on: a title alone is too short
	// for word counts to mean much.
	fastMinTokens = 20
	// fastMaxTokens stops the scan: the shares have settled long before.
	fastMaxTokens = 200
	// fastMinShare is the share of English function words required: English news runs at
	// about 0.24 (the median of the BBC articles on a 1 KiB sample; their lowest is 0.11),
	// the other languages of the tests at 0.
	fastMinShare = 0.08
	// fastForeignRatio bounds other languages' function words: at most one for every
	// fastForeignRatio English ones (an English article may quote a phrase in French).
	fastForeignRatio = 6
	// fastMaxAccented bounds the share of letters that are Latin but not ASCII (é, ü, ñ, ...):
	// English uses them only in names (2% in a sentence naming three), French, German or
	// Spanish 2-4%, Polish, Czech or Vietnamese far more.
	fastMaxAccented = 0.03
	// fastMinLatin is the share of letters that must be Latin.
	fastMinLatin = 0.97
)

// wordClass is what a function word says about a text's language.
type wordClass uint8

const (
	english wordClass = iota + 1
	foreign
)

// functionWords are frequent words, lower case. The English ones are chosen to be rare as
// words in the other Latin-script languages (so not "in", "is", "to", "an", "was", "will",
// "for", "on", "as", "her", "over", "also"); the foreign ones are frequent function words of
// French, German, Spanish, Italian, Portuguese and Dutch that English text seldom holds.
var functionWords = func() map[string]wordClass {
	m := map[string]wordClass{}
	for _, w := range []string{
		"the", "of", "and", "that", "with", "from", "it", "this", "which", "they", "were",
		"had", "been", "its", "their", "who", "would", "said", "says", "his", "she", "have",
		"are", "not", "be", "after", "there", "about", "than", "into", "could", "should",
		"when", "what", "these", "because", "other", "has", "but", "or", "we", "you", "them",
		"more", "while", "being", "those", "our", "your", "how", "why", "where", "just",
		"year", "people", "told", "against", "before", "between", "during", "under",
	} {
		m[w] = english
	}
	for _, w := range []string{
		// French
		"le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "qui", "sur",
		"pas", "au", "aux", "avec", "ont", "sont", "mais", "cette", "ses", "leur",
		// German
		"der", "die", "und", "das", "ist", "den", "dem", "von", "mit", "sich", "nicht",
		"auf", "ein", "eine", "zu", "auch", "wird", "sind", "wurde", "nach", "bei",
		// Spanish, Italian, Portuguese
		"el", "los", "las", "y", "que", "del", "por", "con", "una", "para", "su", "se",
		"il", "di", "che", "per", "non", "della", "sono", "gli", "nel", "lo",
		"os", "não", "em", "um", "uma", "ao", "mais", "como", "foi",
		// Dutch
		"het", "een", "van", "op", "niet", "zijn", "ook", "dat", "werd", "naar", "voor",
	} {
		m[w] = foreign
	}
	return m
}()

// wordScan accumulates the counts the fast path decides on.
type wordScan struct {
	tokens, english, foreign int
	letters, latin, accented int
}

// maxWordBytes is the longest word looked up; longer ones are no function word.
const maxWordBytes = 8

// scan counts the words and letters of s until fastMaxTokens words were seen.
func (w *wordScan) scan(s string) {
	var buf [maxWordBytes]byte
	n := 0 // bytes of the current word in buf
	inWord := false
	long := false // the current word outgrew buf
	end := func() {
		if !inWord {
			return
		}
		w.tokens++
		if !long {
			switch functionWords[string(buf[:n])] {
			case english:
				w.english++
			case foreign:
				w.foreign++
			}
		}
		inWord, long, n = false, false, 0
	}
	for i := 0; i < len(s) && w.tokens < fastMaxTokens; {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if !unicode.IsLetter(r) {
			end()
			continue
		}
		inWord = true
		w.letters++
		switch {
		case r < utf8.RuneSelf:
			w.latin++
			r = unicode.ToLower(r)
		case r < 0x250:
			// Latin-1 Supplement and Latin Extended-A/B.
			w.latin++
			w.accented++
			r = unicode.ToLower(r)
		}
		if n+utf8.RuneLen(r) > len(buf) {
			long = true
			continue
		}
		n += utf8.EncodeRune(buf[n:], r)
	}
	end()
}

// clearlyEnglish reports whether the scanned text is English beyond doubt; false means
// "ask the trigram detector", not "not English".
func (w *wordScan) clearlyEnglish() bool {
	if w.tokens < fastMinTokens || w.letters == 0 {
		return false
	}
	return float64(w.latin) >= fastMinLatin*float64(w.letters) &&
		float64(w.accented) <= fastMaxAccented*float64(w.letters) &&
		float64(w.english) >= fastMinShare*float64(w.tokens) &&
		w.foreign*fastForeignRatio <= w.english
}

// clearlyEnglish reports whether the title and body sample are English beyond doubt.
func clearlyEnglish(title, body string) bool {
	var w wordScan
	w.scan(title)
	w.scan(body)
	return w.clearlyEnglish()
}
