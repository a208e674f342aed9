package quant

import (
	"sync"
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

// scanner finds the amounts and dates of one text in one pass over its tokens. Every
// matcher looks a bounded number of tokens ahead (the longest phrase or date), so the scan
// is linear in the number of tokens.
type scanner struct {
	lx   *lexicon
	body string
	toks []token
	// ref is the published day that relative dates resolve against; hasRef is false
	// without one.
	ref    time.Time
	hasRef bool

	amounts    []article.Amount
	dates      []article.Date
	maxAmounts int
	maxDates   int
}

var scanners = sync.Pool{New: func() any { return new(scanner) }}

// scan fills s.amounts and s.dates from s.body.
func (s *scanner) scan() {
	// News text has about one token per five to six bytes; sizing the scratch up front
	// saves the growth steps (each copying the tokens so far) on a long text.
	if need := len(s.body)/3 + 16; cap(s.toks) < need {
		s.toks = make([]token, 0, need)
	}
	s.toks = s.lx.tokenize(s.body, s.toks[:0])
	for i := 0; i < len(s.toks); {
		if len(s.amounts) >= s.maxAmounts && len(s.dates) >= s.maxDates {
			return
		}
		if j := s.at(i); j > i {
			i = j
		} else {
			i++
		}
	}
}

// at tries every matcher that can start at token i and returns the token after the match,
// or i when none matched.
func (s *scanner) at(i int) int {
	t := &s.toks[i]
	switch t.kind {
	case tokNumber:
		if i > 0 && !t.space && s.toks[i-1].kind != tokSymbol {
			return i // "G7", "A4", "MP3": part of a name
		}
		if i > 1 && !t.space && !s.toks[i-1].space && s.toks[i-2].kind == tokWord && s.text(i-1) == "-" {
			return i // "F-16", "CF-80C", "Covid-19"
		}
		if i > 0 && !t.space && s.text(i-1) == "/" {
			return i // the denominator of a fraction or a part of a numeric date: "1/4", "3/12"
		}
		if j := s.dateAtNumber(i); j > i {
			return j
		}
		if j := s.agoAt(i); j > i {
			return j
		}
		return s.amountAtNumber(i, i, false)
	case tokSymbol:
		w := s.wd(i)
		if w == nil {
			return i
		}
		if w.currency != "" {
			return s.amountAtPrefix(i, i, false)
		}
		if (w.role == roleSign || w.role == roleDash) && s.signAt(i) {
			neg := s.text(i) != "+"
			if s.toks[i+1].kind == tokNumber {
				return s.amountAtNumber(i+1, i, neg)
			}
			return s.amountAtPrefix(i+1, i, neg)
		}
		return i
	}
	w := s.wd(i)
	if w == nil {
		return i
	}
	if w.month > 0 {
		if j := s.dateAtMonth(i); j > i {
			return j
		}
	}
	if w.weekday > 0 {
		return s.weekdayAt(i)
	}
	if w.role != roleNone || w.period != 0 {
		if j := s.relativeAt(i); j > i {
			return j
		}
	}
	if w.num > 0 || w.role == roleA {
		if j := s.agoAt(i); j > i {
			return j
		}
		if j := s.amountAtNumber(i, i, false); j > i || w.num > 0 {
			return j
		}
	}
	if w.role == roleMinus && i+1 < len(s.toks) && s.toks[i+1].kind == tokNumber &&
		(i == 0 || s.toks[i-1].kind != tokNumber) { // not "5 minus 3"
		if j := s.amountAtNumber(i+1, i, true); j > i+1 {
			return j // "minus 20C"
		}
		return i
	}
	if w.currency != "" || w.moneyPrefix != "" || len(w.prefixes) > 0 {
		return s.amountAtPrefix(i, i, false)
	}
	return i
}

// signAt says token i is a sign in front of an amount: written against a number or a
// currency symbol after it, and not against a word or number before it ("3-4" is a range).
func (s *scanner) signAt(i int) bool {
	if i+1 >= len(s.toks) || s.toks[i+1].space {
		return false
	}
	next := &s.toks[i+1]
	if next.kind != tokNumber && (next.kind != tokSymbol || s.wd(i+1) == nil || s.wd(i+1).currency == "") {
		return false
	}
	if i > 0 && !s.toks[i].space && s.toks[i-1].kind != tokSymbol {
		return false
	}
	return true
}

// wd returns the lexicon's word for token i, nil if it has none.
func (s *scanner) wd(i int) *word { return s.lx.list[s.toks[i].id] }

// wd2 is wd for an index that may be past the last token.
func (s *scanner) wd2(i int) *word {
	if i >= len(s.toks) {
		return nil
	}
	return s.wd(i)
}

// capitalised says token i starts with a capital letter.
func (s *scanner) capitalised(i int) bool { return isUpper(s.body[s.toks[i].start]) }
