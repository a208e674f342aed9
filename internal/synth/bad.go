package synth

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsflow/newsflow/internal/article"
)

// BadReasons lists the rejection reasons that bad records carry: every reason the producer
// gives for an input record.
var BadReasons = []article.Reason{
	article.ReasonInvalidJSON,
	article.ReasonInvalidUTF8,
	article.ReasonUnsupportedSchema,
	article.ReasonEmptyBody,
	article.ReasonInvalidDate,
	article.ReasonInvalidField,
	article.ReasonBodyTooLarge,
	article.ReasonTooLarge,
}

// badWeights makes the two oversized kinds rare after their first appearance: each is
// 0.5–1+ MiB, and a benchmark file should not be mostly padding.
var badWeights = map[article.Reason]int{
	article.ReasonInvalidJSON:       12,
	article.ReasonInvalidUTF8:       8,
	article.ReasonUnsupportedSchema: 8,
	article.ReasonEmptyBody:         8,
	article.ReasonInvalidDate:       8,
	article.ReasonInvalidField:      12,
	article.ReasonBodyTooLarge:      1,
	article.ReasonTooLarge:          1,
}

// badPicker yields every reason once, in BadReasons order, then draws them by weight.
type badPicker struct {
	n int
}

func (p *badPicker) pick(r *rand.Rand) article.Reason {
	defer func() { p.n++ }()
	if p.n < len(BadReasons) {
		return BadReasons[p.n]
	}
	total := 0
	for _, reason := range BadReasons {
		total += badWeights[reason]
	}
	x := r.IntN(total)
	for _, reason := range BadReasons {
		if x -= badWeights[reason]; x < 0 {
			return reason
		}
	}
	panic("synth: bad weights do not add up")
}

// badRecord writes a record that the producer rejects with the given reason and with no
// other fault, so that the expected reason does not depend on the order of checks.
func (g *generator) badRecord(b []byte, i int, reason article.Reason) []byte {
	r := g.r
	s := newStory(r, g.clock, i+1)
	rec := g.goodRecord(s)
	if rec.url == "" {
		rec.url = s.url(s.src, rec.title, s.serial)
	}
	switch reason {
	case article.ReasonInvalidJSON:
		return g.invalidJSON(b, &rec)
	case article.ReasonInvalidUTF8:
		rec.body = plantInvalidUTF8(r, rec.body)
	case article.ReasonUnsupportedSchema:
		rec.schema = pickOne(r, "2.0", "3.1", "0.9", "v2", "two")
	case article.ReasonEmptyBody:
		if r.IntN(5) == 0 {
			rec.omitBody = true
		} else {
			rec.body = pickOne(r, "", "   ", "\n\n", " \t \n")
		}
	case article.ReasonInvalidDate:
		bad := pickOne(r, "yesterday", "2024-02-30", "2024-13-01T10:00:00Z", "31/12/2024", "Tuesday morning", "n/a")
		if r.IntN(4) == 0 {
			rec.modified = bad
		} else {
			rec.published, rec.publishedUnix = bad, 0
		}
	case article.ReasonInvalidField:
		g.invalidField(&rec, s)
	case article.ReasonBodyTooLarge:
		rec.body = repeatTo(rec.body+"\n\n", g.cfg.MaxBodyBytes+4+r.IntN(48<<10))
	case article.ReasonTooLarge:
		rec.html = "<div>" + repeatTo("<p>"+strings.ReplaceAll(rec.body, "\n\n", "</p><p>")+"</p>",
			g.cfg.MaxMessageBytes+(1<<10)+r.IntN(32<<10)) + "</div>"
	default:
		panic("synth: no bad record for reason " + string(reason))
	}
	return rec.appendJSON(b)
}

func pickOne(r *rand.Rand, options ...string) string { return options[r.IntN(len(options))] }

// invalidJSON writes one of the ways exports break JSON, on one line and in valid UTF-8 (an
// invalid byte would be reported as invalid_utf8 first).
func (g *generator) invalidJSON(b []byte, rec *record) []byte {
	r := g.r
	switch r.IntN(5) {
	case 0: // cut short, as by a full disk or a killed writer
		line := rec.appendJSON(nil)
		cut := len(line)/5 + r.IntN(len(line)*7/10)
		for cut > 1 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		return append(b, line[:cut]...)
	case 1: // trailing comma
		line := rec.appendJSON(nil)
		b = append(b, line[:len(line)-1]...)
		return append(b, ",}"...)
	case 2: // a scripting language's dictionary syntax
		flat := strings.ReplaceAll(rec.body, "\n", " ")
		b = append(b, "{'title': '"...)
		b = append(b, rec.title...)
		b = append(b, "', 'body': '"...)
		b = append(b, flat...)
		return append(b, "'}"...)
	case 3: // a field of the wrong type
		rec.title = ""
		line := rec.appendJSON(nil)
		b = append(b, `{"title":`...)
		b = strconv.AppendInt(b, int64(1+r.IntN(999)), 10)
		b = append(b, ',')
		return append(b, line[1:]...)
	default: // valid JSON that is not an object
		return append(b, pickOne(r, "null", `"breaking news"`, "42", "true")...)
	}
}

// invalidSequences are byte strings that are not UTF-8: Latin-1 and Windows-1252 letters,
// a truncated sequence, a UTF-16 surrogate, an overlong encoding, a stray continuation byte.
var invalidSequences = []string{"caf\xe9", "Z\xfcrich", "\xe2\x82", "\xed\xa0\x80", "\xc0\xaf", "\x80", "\xff\xfe"}

// plantInvalidUTF8 inserts an invalid sequence before a space, so that no following byte can
// complete it.
func plantInvalidUTF8(r *rand.Rand, body string) string {
	from := r.IntN(len(body)/2 + 1)
	j := strings.IndexByte(body[from:], ' ')
	if j < 0 {
		return body + " " + invalidSequences[0]
	}
	at := from + j
	return body[:at] + " " + invalidSequences[r.IntN(len(invalidSequences))] + body[at:]
}

// invalidField breaks one field's format: a URL scheme other than http(s), a URL without a
// host or scheme, a negative revision, an id with a control character.
func (g *generator) invalidField(rec *record, s *story) {
	r := g.r
	path := strings.TrimPrefix(rec.url, "https://"+s.src.domain)
	switch r.IntN(7) {
	case 0:
		rec.url = "ftp://files." + strings.TrimPrefix(s.src.domain, "www.") + path
	case 1:
		rec.url = "mailto:desk@" + strings.TrimPrefix(s.src.domain, "www.")
	case 2:
		rec.url = s.src.domain + path
	case 3:
		rec.url = "https://" + path
	case 4:
		rec.url = "javascript:void(0)"
	case 5:
		rec.revision = -1 - int64(r.IntN(1000))
	default:
		rec.id = "story\x07" + strconv.Itoa(s.serial)
	}
}

// repeatTo repeats unit until the result has at least n bytes, then cuts it at the last
// character boundary at or before n (at most three bytes short of n).
func repeatTo(unit string, n int) string {
	var b strings.Builder
	b.Grow(n + len(unit))
	for b.Len() < n {
		b.WriteString(unit)
	}
	s := b.String()
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
