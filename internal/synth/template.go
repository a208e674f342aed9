package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// slot is a placeholder in a sentence template, written {name}.
type slot uint8

const (
	slotNone slot = iota
	slotCountry
	slotCountry2
	slotDemonym
	slotCapital
	slotCity
	slotCity2
	slotOrg
	slotOrg2
	slotInst
	slotPerson
	slotPerson2
	slotLast
	slotRole
	slotRole2
	slotTeam
	slotTeam2
	slotSource
	slotNum
	slotBig
	slotPct
	slotMoney
	slotBps
	slotDay
	slotMonth
	slotOrdinal
	slotVotes
	slotVotes2
	slotScore
	slotYear2
	slotTemp
	slotWind
)

var slotNames = map[string]slot{
	"country": slotCountry, "Country": slotCountry, "country2": slotCountry2,
	"demonym": slotDemonym, "Demonym": slotDemonym, "capital": slotCapital,
	"city": slotCity, "city2": slotCity2, "org": slotOrg, "org2": slotOrg2, "inst": slotInst,
	"person": slotPerson, "person2": slotPerson2, "last": slotLast, "role": slotRole,
	"role2": slotRole2, "team": slotTeam, "team2": slotTeam2, "source": slotSource,
	"num": slotNum, "big": slotBig, "pct": slotPct, "money": slotMoney, "bps": slotBps,
	"day": slotDay, "month": slotMonth, "ordinal": slotOrdinal, "votes": slotVotes,
	"votes2": slotVotes2, "score": slotScore, "year2": slotYear2, "temp": slotTemp,
	"wind": slotWind,
}

// segment is literal text followed by an optional slot.
type segment struct {
	lit  string
	slot slot
}

// tmpl is a compiled template. Its first letter is upper-cased when expanded, so that a slot
// such as {last} ("van der Berg") or {country} ("the Netherlands") can open a sentence.
type tmpl []segment

// compile parses a template; an unknown slot is a programming error in the lists above.
func compile(s string) tmpl {
	var t tmpl
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return append(t, segment{lit: s})
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			panic(fmt.Sprintf("synth: unclosed slot in %q", s))
		}
		name := s[i+1 : i+j]
		sl, ok := slotNames[name]
		if !ok {
			panic(fmt.Sprintf("synth: unknown slot {%s}", name))
		}
		t = append(t, segment{lit: s[:i], slot: sl})
		s = s[i+j+1:]
	}
}

func compileAll(ss []string) []tmpl {
	ts := make([]tmpl, len(ss))
	for i, s := range ss {
		ts[i] = compile(s)
	}
	return ts
}

// compiledTopic holds a topic's templates, compiled once.
type compiledTopic struct {
	*topic
	titles, sentences []tmpl
}

var (
	compiledTopics  []compiledTopic
	genericTmpls    = compileAll(generic)
	quoteTmpls      = compileAll(quotes)
	monthNames      = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	scoreLines      = []string{"1-0", "2-1", "3-2", "2-0", "3-1", "4-2"}
	votesMin, votes = 120, 240
)

func init() {
	compiledTopics = make([]compiledTopic, len(topics))
	for i := range topics {
		compiledTopics[i] = compiledTopic{topic: &topics[i], titles: compileAll(topics[i].titles), sentences: compileAll(topics[i].sentences)}
	}
}

// expand appends t with its slots filled from the cast of s, drawing numbers from r.
func (s *story) expand(dst []byte, t tmpl, r *rand.Rand) []byte {
	start := len(dst)
	for _, seg := range t {
		dst = append(dst, seg.lit...)
		dst = s.fill(dst, seg.slot, r)
	}
	if start < len(dst) && dst[start] >= 'a' && dst[start] <= 'z' {
		dst[start] -= 'a' - 'A'
	}
	return dst
}

func (s *story) fill(dst []byte, sl slot, r *rand.Rand) []byte {
	switch sl {
	case slotNone:
		return dst
	case slotCountry:
		return append(dst, s.country.name...)
	case slotCountry2:
		return append(dst, s.country2.name...)
	case slotDemonym:
		return append(dst, s.country.demonym...)
	case slotCapital:
		return append(dst, s.country.capital...)
	case slotCity:
		return append(dst, s.city...)
	case slotCity2:
		return append(dst, s.city2...)
	case slotOrg:
		return append(dst, s.org...)
	case slotOrg2:
		return append(dst, s.org2...)
	case slotInst:
		return append(dst, s.inst...)
	case slotPerson:
		return append(append(append(dst, s.first...), ' '), s.last...)
	case slotPerson2:
		return append(append(append(dst, s.first2...), ' '), s.last2...)
	case slotLast:
		return append(dst, s.last...)
	case slotRole:
		return append(dst, s.role...)
	case slotRole2:
		return append(dst, s.role2...)
	case slotTeam:
		return append(dst, s.team...)
	case slotTeam2:
		return append(dst, s.team2...)
	case slotSource:
		return append(dst, s.src.name...)
	case slotNum:
		return strconv.AppendInt(dst, int64(2+r.IntN(60)), 10)
	case slotBig:
		return appendThousands(dst, 1200+r.IntN(90000))
	case slotPct:
		dst = strconv.AppendInt(dst, int64(r.IntN(15)), 10)
		return append(strconv.AppendInt(append(dst, '.'), int64(r.IntN(10)), 10), '%')
	case slotMoney:
		dst = append(dst, currencies[r.IntN(len(currencies))]...)
		if r.IntN(2) == 0 {
			return append(strconv.AppendInt(dst, int64(20+r.IntN(900)), 10), " million"...)
		}
		dst = strconv.AppendInt(dst, int64(1+r.IntN(40)), 10)
		return append(strconv.AppendInt(append(dst, '.'), int64(r.IntN(10)), 10), " billion"...)
	case slotBps:
		return strconv.AppendInt(dst, int64(25*(1+r.IntN(3))), 10)
	case slotDay:
		return append(dst, weekdays[r.IntN(len(weekdays))]...)
	case slotMonth:
		return append(dst, monthNames[r.IntN(len(monthNames))]...)
	case slotOrdinal:
		return append(dst, ordinals[r.IntN(len(ordinals))]...)
	case slotVotes:
		return strconv.AppendInt(dst, int64(votesMin+r.IntN(votes)), 10)
	case slotVotes2:
		return strconv.AppendInt(dst, int64(20+r.IntN(votesMin-20)), 10)
	case slotScore:
		return append(dst, scoreLines[r.IntN(len(scoreLines))]...)
	case slotYear2:
		return strconv.AppendInt(dst, int64(s.published.Year()+2+r.IntN(5)), 10)
	case slotTemp:
		return strconv.AppendInt(dst, int64(36+r.IntN(12)), 10)
	case slotWind:
		return strconv.AppendInt(dst, int64(90+10*r.IntN(15)), 10)
	}
	panic(fmt.Sprintf("synth: slot %d has no filler", sl))
}

// appendThousands writes n with comma thousands separators, as English news does.
func appendThousands(dst []byte, n int) []byte {
	if n < 1000 {
		return strconv.AppendInt(dst, int64(n), 10)
	}
	dst = appendThousands(dst, n/1000)
	return fmt.Appendf(dst, ",%03d", n%1000)
}
