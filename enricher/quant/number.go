package quant

import "math"

// maxDigits bounds the significant digits of a number: longer digit runs (identifiers,
// 512 KiB of digits) are not amounts.
const maxDigits = 18

// num is a number read from the tokens: its value is mant × 10^exp.
type num struct {
	mant uint64
	exp  int
	// frac is a vulgar fraction added to mant before scaling ("8-1/4": mant 8, frac 0.25).
	frac float64
	// end is the index of the token after the number and its scale words.
	end int
	// scaleExp is the power of ten of the scale words read ("2.5 million": 6); abbrev says
	// the last of them was an abbreviation ("5bn").
	scaleExp int
	abbrev   bool
}

func (n num) scaled() bool { return n.scaleExp != 0 }

// value returns mant × 10^(exp+extra), correctly rounded while the mantissa fits 2^53, or
// (mant + frac) × 10^(exp+extra) for a fraction.
func (n num) value(extra int) float64 {
	e := n.exp + extra
	if n.frac != 0 {
		return (float64(n.mant) + n.frac) * math.Pow10(e)
	}
	if e >= 0 {
		return float64(n.mant) * math.Pow10(e)
	}
	return float64(n.mant) / math.Pow10(-e)
}

// digits parses a number token ("1,250.75") into mant and exp. It fails on more than
// maxDigits significant digits.
func digits(s string) (mant uint64, exp int, ok bool) {
	sig, frac := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ',':
			continue
		case c == '.':
			frac = true
			continue
		}
		d := uint64(c - '0')
		if sig > 0 || d != 0 {
			sig++
			if sig > maxDigits {
				return 0, 0, false
			}
			mant = mant*10 + d
		}
		if frac {
			exp--
		}
	}
	return mant, exp, true
}

// plainInt returns the value of token i when it is a plain run of at most width digits
// (no groups, no decimals), else -1.
func (s *scanner) plainInt(i, width int) int {
	if i >= len(s.toks) || s.toks[i].kind != tokNumber {
		return -1
	}
	t := s.toks[i]
	if int(t.end-t.start) > width {
		return -1
	}
	v := 0
	for j := t.start; j < t.end; j++ {
		c := s.body[j]
		if !isDigit(c) {
			return -1
		}
		v = v*10 + int(c-'0')
	}
	return v
}

// numberAt reads a number at token i: digits ("2.5") or words ("twenty-five"), then up to
// two scale words ("million", "hundred thousand", "bn"). Single-letter scale abbreviations
// ("5m", "$3k") count only written against the number, and a scale abbreviation that
// starts a unit ("m3") is read as the unit.
func (s *scanner) numberAt(i int) (num, bool) {
	var n num
	t := &s.toks[i]
	switch {
	case t.kind == tokNumber:
		m, e, ok := digits(s.body[t.start:t.end])
		if !ok {
			return n, false
		}
		n.mant, n.exp, n.end = m, e, i+1
		s.fraction(&n, i)
	case t.kind == tokWord && s.is(i, roleA) && s.scaleWordAt(i+1):
		n.mant, n.end = 1, i+1 // "a million people"
	case t.kind == tokWord && s.wd(i) != nil && s.wd(i).num > 0:
		n.mant, n.end = uint64(s.wd(i).num), i+1
		if s.wd(i).num >= 20 && s.wd(i).num%10 == 0 {
			// "twenty-five", "twenty five"
			j := i + 1
			if j < len(s.toks) && s.wd(j) != nil && s.wd(j).role == roleDash && !s.toks[j].space {
				j++
			}
			if j < len(s.toks) && s.wd(j) != nil && s.wd(j).num > 0 && s.wd(j).num < 10 && s.toks[j].kind == tokWord {
				n.mant += uint64(s.wd(j).num)
				n.end = j + 1
			}
		}
	default:
		return n, false
	}
	for k := 0; k < 2 && n.end < len(s.toks); k++ {
		at := n.end
		if k == 0 && s.joined(at) {
			at++ // "$1.5-billion"
		}
		st := &s.toks[at]
		w := s.wd(at)
		if st.kind != tokWord || w == nil || w.scale == 0 || at > n.end && w.abbrev {
			break
		}
		if w.abbrev {
			if (st.end-st.start == 1 && st.space) || k > 0 {
				break
			}
			if p, _ := s.phraseAt(n.end, false); p != nil {
				break
			}
		}
		if k == 1 && n.scaleExp != 2 {
			break // only "hundred" takes a second scale: "hundred thousand"
		}
		n.scaleExp += int(w.scale)
		n.exp += int(w.scale)
		n.abbrev = w.abbrev
		n.end = at + 1
	}
	return n, true
}

// maxDenominator bounds the denominator of a fraction ("5/8"); larger ones are dates or
// scores ("12/31", "24/365").
const maxDenominator = 64

// fraction extends the plain integer at token i with a fraction written against it:
// "8-1/4" (8.25) or "5/8" (0.625). Numerator and denominator are plain digits, the
// fraction proper (numerator below denominator).
func (s *scanner) fraction(n *num, i int) {
	if n.exp != 0 || s.plainInt(i, 3) < 0 {
		return
	}
	// k is the slash
	whole, k := s.joined(i+1) && s.plainInt(i+2, 2) > 0, i+1
	if whole {
		k = i + 3 // "8-1/4"
	}
	if k+1 >= len(s.toks) || s.text(k) != "/" || s.toks[k].space || s.toks[k+1].space {
		return
	}
	num, den := s.plainInt(k-1, 2), s.plainInt(k+1, 2)
	if num < 1 || den < 2 || den > maxDenominator || num >= den {
		return
	}
	if whole {
		n.frac = float64(num) / float64(den)
	} else {
		n.mant, n.frac = 0, float64(num)/float64(den)
	}
	n.end = k + 2
}

// scaleWordAt says token i is a scale word written out ("million", not "m").
func (s *scanner) scaleWordAt(i int) bool {
	w := s.wd2(i)
	return w != nil && w.scale > 0 && !w.abbrev && s.toks[i].kind == tokWord
}

// joined says token i is a hyphen written between two tokens without spaces, as in
// "10-km" or "1.5-billion", and a token follows it.
func (s *scanner) joined(i int) bool {
	return i+1 < len(s.toks) && s.text(i) == "-" && !s.toks[i].space && !s.toks[i+1].space
}
