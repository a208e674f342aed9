package quant

import "github.com/newsflow/newsflow/internal/article"

// Amount kinds.
const (
	KindMoney    = "money"
	KindQuantity = "quantity"
)

// phraseAt returns the longest unit or currency phrase starting at token k and the index of
// the token after it. scaled says a scale word came before: money names that need one
// ("won", "pounds") fall back to their alternative reading without it.
func (s *scanner) phraseAt(k int, scaled bool) (*phrase, int) {
	w := s.wd(k)
	if w == nil || w.node == nil {
		return nil, k
	}
	var best *phrase
	end := k
	n := w.node
	for j := k; ; {
		if p := s.fit(n.p, k, j, scaled); p != nil {
			best, end = p, j+1
		}
		j++
		if j >= len(s.toks) || len(n.next) == 0 || s.wd(j) == nil {
			break
		}
		if n = n.child(s.wd(j)); n == nil {
			break
		}
	}
	return best, end
}

// fit returns the reading of p written as tokens k..j, nil when its conditions fail.
func (s *scanner) fit(p *phrase, k, j int, scaled bool) *phrase {
	if p == nil {
		return nil
	}
	if p.attached && s.toks[k].space {
		return nil
	}
	if p.exact != "" && s.body[s.toks[k].start:s.toks[j].end] != p.exact {
		return nil
	}
	if p.needScale && !scaled {
		return p.alt
	}
	return p
}

// tail is the currency or unit after a number.
type tail struct {
	money    bool
	currency string
	unit     string
	exp      int
	end      int
}

// tailAt reads the currency or unit at token k: a currency symbol ("500 €"), a currency
// name or code ("5 million euros", "38bn USD") or a unit ("5.2%", "3 km").
func (s *scanner) tailAt(k int, scaled bool) (tail, bool) {
	if k >= len(s.toks) {
		return tail{}, false
	}
	t := &s.toks[k]
	if t.kind == tokSymbol && s.wd(k) != nil && s.wd(k).currency != "" {
		// "500€", but not the "$" of "5 $10"
		if k+1 < len(s.toks) && s.toks[k+1].kind == tokNumber {
			return tail{}, false
		}
		return tail{money: true, currency: s.wd(k).currency, end: k + 1}, true
	}
	p, end := s.phraseAt(k, scaled)
	if p == nil && s.joined(k) && s.toks[k+1].kind == tokWord {
		p, end = s.phraseAt(k+1, scaled) // "a 10-km race", "a 5-mile walk"
	}
	if p == nil {
		return tail{}, false
	}
	return tail{money: p.money, currency: p.currency, unit: p.unit, exp: int(p.exp), end: end}, true
}

// amountAtNumber reads an amount that starts with a number at token i ("38 billion USD",
// "5.2 per cent", "3-4 billion dollars"); start is the token the amount's text starts at
// (a sign before i) and neg says the sign was a minus. It returns the token after the
// amount, or i when there is none.
func (s *scanner) amountAtNumber(i, start int, neg bool) int {
	n, ok := s.numberAt(i)
	if !ok {
		return i
	}
	if tl, ok := s.tailAt(n.end, n.scaled()); ok {
		s.addAmount(start, tl.end, n.value(tl.exp), neg, tl)
		return tl.end
	}
	// A range whose first number borrows the unit of the second: "5-6%", "3 to 4 million
	// barrels", "between 10 and 20 km". It is one amount, valued at its lower bound.
	second, ok := s.rangeAt(start, i, n.end, "")
	if !ok {
		return i
	}
	tl, ok := s.tailAt(second.end, second.scaled())
	if !ok {
		return i
	}
	extra := tl.exp
	if !n.scaled() {
		extra += second.scaleExp
	}
	s.addAmount(start, tl.end, n.value(extra), neg, tl)
	return tl.end
}

// rangeAt reads the second number of a range whose text started at token start, whose first
// number started at token first and ended before token k: "-", "–" or "to" (or "and" after
// "between"), then, for money, an optional repeat of the currency symbol ("$3 to $4
// billion").
func (s *scanner) rangeAt(start, first, k int, symbol string) (num, bool) {
	if k+1 >= len(s.toks) || s.wd(k) == nil {
		return num{}, false
	}
	switch s.wd(k).role {
	case roleDash, roleTo:
	case roleAnd:
		if start == 0 || s.wd(start-1) == nil || s.wd(start-1).role != roleBetween {
			return num{}, false
		}
	default:
		return num{}, false
	}
	k++
	if symbol != "" && s.toks[k].kind == tokSymbol && s.wd(k) != nil && s.wd(k).currency == symbol {
		k++
	}
	if k >= len(s.toks) || s.toks[k].kind != s.toks[first].kind {
		return num{}, false
	}
	return s.numberAt(k)
}

// amountAtPrefix reads money written with its currency first, starting at token i: a
// symbol ("$38 billion", "€500,000"), a prefixed symbol ("US$1.2m", "HK$3bn"), an
// abbreviation ("Rs 200 crore") or an ISO code in capitals ("USD 38 billion"). start is
// the token the text starts at (a sign before i). It returns the token after the amount, or
// i when there is none.
func (s *scanner) amountAtPrefix(i, start int, neg bool) int {
	t := &s.toks[i]
	w := s.wd(i)
	if w == nil {
		return i
	}
	j := i + 1
	var currency string
	switch {
	case t.kind == tokSymbol && w.currency != "":
		currency = w.currency
	case t.kind != tokWord:
		return i
	case len(w.prefixes) > 0 && j < len(s.toks) && !s.toks[j].space && s.toks[j].kind == tokSymbol &&
		s.text(i) == w.prefixText:
		sym := s.text(j)
		for _, p := range w.prefixes {
			if p.symbol == sym {
				currency = p.currency
			}
		}
		j++
	case w.moneyPrefix != "" && s.text(i) == w.prefixText:
		currency = w.moneyPrefix
		if j < len(s.toks) && !s.toks[j].space && s.wd(j) != nil && s.wd(j).role == roleDot {
			j++
		}
	case w.currency != "" && t.end-t.start == 3 && isUpper(s.body[t.start]) && isUpper(s.body[t.start+1]) && isUpper(s.body[t.start+2]):
		currency = w.currency
	}
	if currency == "" || j >= len(s.toks) || s.toks[j].kind != tokNumber {
		return i
	}
	n, ok := s.numberAt(j)
	if !ok {
		return i
	}
	tl := tail{money: true, currency: currency, end: n.end}
	symbol := ""
	if t.kind == tokSymbol {
		symbol = w.currency
	}
	if second, ok := s.rangeAt(start, j, n.end, symbol); ok && !n.scaled() && second.scaled() {
		// "$3-4 billion", "$3 to $4 billion": one amount at the lower bound.
		tl.end = second.end
		s.addAmount(start, tl.end, n.value(second.scaleExp), neg, tl)
		return tl.end
	}
	s.addAmount(start, tl.end, n.value(0), neg, tl)
	return tl.end
}

// addAmount records the amount written as tokens start..end-1.
func (s *scanner) addAmount(start, end int, v float64, neg bool, tl tail) {
	if len(s.amounts) >= s.maxAmounts {
		return
	}
	if neg {
		v = -v
	}
	a := article.Amount{
		Kind:  KindQuantity,
		Start: int(s.toks[start].start),
		End:   int(s.toks[end-1].end),
		Value: v,
		Unit:  tl.unit,
	}
	if tl.money {
		a.Kind, a.Currency, a.Unit = KindMoney, tl.currency, ""
	}
	a.Text = s.body[a.Start:a.End]
	s.amounts = append(s.amounts, a)
}

// text returns the text of token i.
func (s *scanner) text(i int) string { return s.body[s.toks[i].start:s.toks[i].end] }
