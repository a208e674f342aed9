package geo

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// reutersStory is one Reuters-21578 story of the ModApte test split (LEWISSPLIT="TEST",
// TOPICS="YES").
type reutersStory struct {
	id     string
	text   string   // title, dateline and body, character references decoded
	places []string // its PLACES tags as written ("usa", "west-germany")
}

// readReutersTest reads the ModApte test stories of dir/reut2-*.sgm, in file order. With
// dateline false the dateline ("TOKYO, March 3 -") is left out of the text.
func readReutersTest(dir string, dateline bool) ([]reutersStory, error) {
	files, err := filepath.Glob(filepath.Join(dir, "reut2-*.sgm"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("read reuters: no reut2-*.sgm in %s", dir)
	}
	slices.Sort(files)
	var out []reutersStory
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read reuters: %w", err)
		}
		for _, rec := range strings.Split(string(b), "<REUTERS ")[1:] {
			attrs, _, _ := strings.Cut(rec, ">")
			if !strings.Contains(attrs, `LEWISSPLIT="TEST"`) || !strings.Contains(attrs, `TOPICS="YES"`) {
				continue
			}
			s := reutersStory{id: attr(attrs, "NEWID")}
			for rest := inside(rec, "PLACES"); ; {
				_, after, ok := strings.Cut(rest, "<D>")
				if !ok {
					break
				}
				tag, tail, _ := strings.Cut(after, "</D>")
				s.places, rest = append(s.places, tag), tail
			}
			parts := []string{decodeSGML(inside(rec, "TITLE"))}
			if dateline {
				parts = append(parts, decodeSGML(inside(rec, "DATELINE")))
			}
			parts = append(parts, decodeSGML(inside(rec, "BODY")))
			s.text = strings.Join(parts, "\n\n")
			out = append(out, s)
		}
	}
	return out, nil
}

// attr returns the value of name="value" in an SGML start tag's attributes.
func attr(attrs, name string) string {
	_, v, ok := strings.Cut(attrs, name+`="`)
	if !ok {
		return ""
	}
	v, _, _ = strings.Cut(v, `"`)
	return v
}

// inside returns the text between <tag> and </tag>, or "".
func inside(rec, tag string) string {
	_, v, ok := strings.Cut(rec, "<"+tag+">")
	if !ok {
		return ""
	}
	v, _, _ = strings.Cut(v, "</"+tag+">")
	return v
}

// namedRefs are the named character references Reuters-21578 uses.
var namedRefs = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// decodeSGML decodes numeric character references, then &lt; &gt; &amp;. References to
// control characters (Reuters ends bodies with &#3;) become nothing.
func decodeSGML(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "&#")
		if i < 0 {
			break
		}
		n, rest := 0, s[i+2:]
		k := 0
		for k < len(rest) && k < 6 && rest[k] >= '0' && rest[k] <= '9' {
			n = n*10 + int(rest[k]-'0')
			k++
		}
		if k == 0 || k == len(rest) || rest[k] != ';' {
			b.WriteString(s[:i+2])
			s = rest
			continue
		}
		b.WriteString(s[:i])
		if n >= 32 {
			b.WriteRune(rune(n))
		}
		s = rest[k+1:]
	}
	b.WriteString(s)
	return namedRefs.Replace(b.String())
}

// historicPlaces maps the Reuters PLACES tags that no current country name in the gazetteer
// spells to today's ISO 3166-1 code, by hand. A state that split is mapped to the successor
// holding its capital, which is where the tagger puts the capital and most datelines.
var historicPlaces = map[string]string{
	"ussr":                "RU", // Soviet Union: Moscow is in Russia
	"west-germany":        "DE", // Federal Republic of Germany, reunited 1990
	"east-germany":        "DE", // German Democratic Republic, reunited 1990
	"yugoslavia":          "RS", // Belgrade is in Serbia
	"czechoslovakia":      "CZ", // Prague is in the Czech Republic
	"zaire":               "CD", // renamed Democratic Republic of the Congo, 1997
	"kampuchea":           "KH", // Cambodia
	"yemen-arab-republic": "YE", // North Yemen, united 1990
	"yemen-demo-republic": "YE", // South Yemen, united 1990
	"uk":                  "GB", // Reuters' code for the United Kingdom
	"uae":                 "AE", // United Arab Emirates
	"trinidad-tobago":     "TT", // Trinidad and Tobago
	"antigua":             "AG", // Antigua and Barbuda
	"congo":               "CG", // in 1987, Congo-Brazzaville (Zaire is tagged apart)
}

// placeTags maps Reuters PLACES tags to ISO 3166-1 codes: from the gazetteer's country
// names and ISO alpha-3 codes where exactly one country is spelt so (hyphens read as
// spaces, case folded), else from historicPlaces.
type placeTags struct {
	byName map[string][]string // folded name -> country codes
}

func newPlaceTags(g *gazetteer) *placeTags {
	pt := &placeTags{byName: make(map[string][]string)}
	add := func(name, cc string) {
		k := strings.ToLower(name)
		if !slices.Contains(pt.byName[k], cc) {
			pt.byName[k] = append(pt.byName[k], cc)
		}
	}
	for _, c := range g.countries {
		for _, n := range c.names {
			add(n, c.cc)
		}
		add(c.alpha3, c.cc)
	}
	return pt
}

// code returns tag's country code and how it was found ("gazetteer" or "hand"); "" when
// neither knows the tag.
func (pt *placeTags) code(tag string) (cc, how string) {
	if cc, ok := historicPlaces[tag]; ok {
		return cc, "hand"
	}
	if ccs := pt.byName[strings.ReplaceAll(tag, "-", " ")]; len(ccs) == 1 {
		return ccs[0], "gazetteer"
	}
	return "", ""
}
