package lexbuild

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldPairs maps accented Latin letters to their unaccented spelling: English news writes
// "Sao Paulo" and "Zurich" as often as "São Paulo" and "Zürich". Each pair is the accented
// letters followed by what each of them folds to, one rune each unless listed in foldMulti.
var foldPairs = [][2]string{
	{"ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "AAAAAAaaaaaaAaAaAa"},
	{"ÇçĆćĈĉĊċČč", "CcCcCcCcCc"},
	{"ÐðĎďĐđ", "DdDdDd"},
	{"ÈÉÊËèéêëĒēĔĕĖėĘęĚěƏə", "EEEEeeeeEeEeEeEeEeEe"},
	{"ĜĝĞğĠġĢģ", "GgGgGgGg"},
	{"ĤĥĦħ", "HhHh"},
	{"ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "IIIIiiiiIiIiIiIiIi"},
	{"Ĵĵ", "Jj"},
	{"Ķķ", "Kk"},
	{"ĹĺĻļĽľĿŀŁł", "LlLlLlLlLl"},
	{"ÑñŃńŅņŇň", "NnNnNnNn"},
	{"ÒÓÔÕÖØòóôõöøŌōŎŏŐőƠơ", "OOOOOOooooooOoOoOoOo"},
	{"ŔŕŖŗŘř", "RrRrRr"},
	{"ŚśŜŝŞşŠšȘș", "SsSsSsSsSs"},
	{"ŢţŤťŦŧȚț", "TtTtTtTt"},
	{"ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯư", "UUUUuuuuUuUuUuUuUuUuUu"},
	{"Ŵŵ", "Ww"},
	{"ÝýÿŶŷŸ", "YyyYyY"},
	{"ŹźŻżŽž", "ZzZzZz"},
	// Apostrophes and the ʻokina: the tokenizer treats each as its own token, so all fold to '.
	{"’‘ʻʼ`´", "''''''"},
}

var foldMulti = map[rune]string{'Æ': "AE", 'æ': "ae", 'Œ': "OE", 'œ': "oe", 'ß': "ss", 'Þ': "Th", 'þ': "th"}

// vietnamese lists the runs of U+1EA0..U+1EF9 (Vietnamese letters with two marks) by the
// base letter of each run; within a run upper and lower case alternate.
var vietnamese = []struct {
	first, last rune
	base        rune
}{
	{0x1EA0, 0x1EB7, 'a'}, {0x1EB8, 0x1EC7, 'e'}, {0x1EC8, 0x1ECB, 'i'},
	{0x1ECC, 0x1EE3, 'o'}, {0x1EE4, 0x1EF1, 'u'}, {0x1EF2, 0x1EF9, 'y'},
}

var foldTable = func() map[rune]string {
	m := make(map[rune]string)
	for _, p := range foldPairs {
		from, to := []rune(p[0]), []rune(p[1])
		if len(from) != len(to) {
			panic("lexbuild: fold table pair of unequal length: " + p[0])
		}
		for i, r := range from {
			m[r] = string(to[i])
		}
	}
	for r, s := range foldMulti {
		m[r] = s
	}
	for _, v := range vietnamese {
		for r := v.first; r <= v.last; r++ {
			b := v.base
			if (r-v.first)%2 == 0 {
				b = unicode.ToUpper(b)
			}
			m[r] = string(b)
		}
	}
	return m
}()

// fold returns s with accented Latin letters replaced by plain ones.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if f, ok := foldTable[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// latin reports whether every letter of s is a Latin letter: names in other scripts never
// occur in the English text this lexicon is for.
func latin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}
