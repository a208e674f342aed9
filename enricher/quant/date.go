package quant

import (
	"time"

	"github.com/newsflow/newsflow/internal/article"
)

// Years outside [minYear, maxYear) are not read as years: "March 12, 1500 people".
const (
	minYear = 1800
	maxYear = 2200
)

// dateAtNumber reads a date that starts with a number at token i: "2024-03-12",
// "12 March 2024", "12th of March", "12-14 March 2024" (a range: its first day). Without a
// year, the year is the one that puts the date nearest the published day.
func (s *scanner) dateAtNumber(i int) int {
	if j := s.isoDateAt(i); j > i {
		return j
	}
	day := s.plainInt(i, 2)
	if day < 1 || day > 31 {
		return i
	}
	ordinal := s.ordinalAt(i + 1)
	j := s.dayEnd(i, day)
	if ordinal && s.is(j, roleOf) {
		j++
	}
	month, j := s.monthAt(j)
	if month == 0 {
		return i
	}
	return s.finishDate(i, j, month, day)
}

// dateAtMonth reads a date that starts with a month name at token i: "March 12, 2024",
// "Sept. 12", "March 12-14", "March 2024" (the first of the month). A month name alone is
// not a date.
func (s *scanner) dateAtMonth(i int) int {
	month, j := s.monthAt(i)
	if month == 0 {
		return i
	}
	if y := s.yearAt(j); y > 0 {
		if !s.addDate(i, j+1, y, month, 1) {
			return i
		}
		return j + 1
	}
	day := s.plainInt(j, 2)
	if day < 1 || day > 31 {
		return i
	}
	if next := j + 1; next < len(s.toks) && !s.toks[next].space &&
		(s.toks[next].kind == tokNumber || s.toks[next].kind == tokWord && !s.ordinalAt(next) ||
			s.text(next) == ":") {
		return i // "March 5km", "May 12:30"
	}
	end := s.dayEnd(j, day)
	if _, ok := s.tailAt(end, false); ok {
		return i // "In May 5% of voters", "in March 12 people died", "March 1-2 km"
	}
	return s.finishDate(i, end, month, day)
}

// dayEnd returns the token after the day of the month at token d (value day), its ordinal
// suffix ("12th") and the end of a range of days ("12-14").
func (s *scanner) dayEnd(d, day int) int {
	j := d + 1
	if s.ordinalAt(j) {
		j++
	}
	if s.is(j, roleDash) {
		if d2 := s.plainInt(j+1, 2); d2 > day && d2 <= 31 {
			j += 2
			if s.ordinalAt(j) {
				j++
			}
		}
	}
	return j
}

// finishDate reads the optional year at token j (", 2024" or "2024") of a date that
// started at token start, records the date and returns the token after it; start if the
// date is not valid.
func (s *scanner) finishDate(start, j, month, day int) int {
	year := 0
	k := j
	if s.is(k, roleComma) {
		k++
	}
	if y := s.yearAt(k); y > 0 {
		year, j = y, k+1
	}
	if !s.addDate(start, j, year, month, day) {
		return start
	}
	return j
}

// isoDateAt reads "2024-03-12" at token i.
func (s *scanner) isoDateAt(i int) int {
	if i+4 >= len(s.toks) {
		return i
	}
	for k := i + 1; k <= i+4; k++ {
		if s.toks[k].space {
			return i
		}
	}
	y := s.plainInt(i, 4)
	if s.toks[i].end-s.toks[i].start != 4 || y < minYear || y >= maxYear ||
		s.text(i+1) != "-" || s.text(i+3) != "-" ||
		s.toks[i+2].end-s.toks[i+2].start != 2 || s.toks[i+4].end-s.toks[i+4].start != 2 {
		return i
	}
	m, d := s.plainInt(i+2, 2), s.plainInt(i+4, 2)
	if !s.addDate(i, i+5, y, m, d) {
		return i
	}
	return i + 5
}

// monthAt reads a capitalised month name or abbreviation at token i, with the full stop of
// an abbreviation ("Sept."), and returns the month and the token after it; 0 if none.
func (s *scanner) monthAt(i int) (int, int) {
	if i >= len(s.toks) || s.toks[i].kind != tokWord || s.wd(i) == nil || s.wd(i).month == 0 ||
		!s.capitalised(i) {
		return 0, i
	}
	w := s.wd(i)
	j := i + 1
	if w.monthAbbr && j < len(s.toks) && !s.toks[j].space && s.is(j, roleDot) {
		j++
	}
	return int(w.month), j
}

// yearAt returns the year written as token i, or 0: four plain digits in range, not
// written against a word or number ("1990s").
func (s *scanner) yearAt(i int) int {
	if i >= len(s.toks) || s.toks[i].end-s.toks[i].start != 4 {
		return 0
	}
	y := s.plainInt(i, 4)
	if y < minYear || y >= maxYear {
		return 0
	}
	if i+1 < len(s.toks) && !s.toks[i+1].space && s.toks[i+1].kind != tokSymbol {
		return 0
	}
	return y
}

// ordinalAt says token i is an ordinal suffix written against a number ("12th").
func (s *scanner) ordinalAt(i int) bool {
	return i < len(s.toks) && !s.toks[i].space && s.toks[i].kind == tokWord && s.wd(i) != nil && s.wd(i).ordinal
}

// is says token i has role r.
func (s *scanner) is(i int, r role) bool {
	return i < len(s.toks) && s.wd(i) != nil && s.wd(i).role == r
}

// addDate records the date written as tokens start..end-1. A zero year is inferred from
// the published day (the date nearest it); without a published day the date is dropped.
// It reports whether the date was valid.
func (s *scanner) addDate(start, end, year, month, day int) bool {
	relative := false
	if year == 0 {
		if !s.hasRef {
			return false
		}
		year, relative = s.nearestYear(month, day), true
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return false
	}
	s.addDay(start, end, time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC), relative)
	return true
}

// nearestYear returns the year, of the published year and the two beside it, that puts
// month/day nearest the published day.
func (s *scanner) nearestYear(month, day int) int {
	best, bestDist := s.ref.Year(), time.Duration(1<<62)
	for _, y := range [...]int{s.ref.Year(), s.ref.Year() - 1, s.ref.Year() + 1} {
		d := min(day, daysIn(y, month)) // 29 February in a year without one counts as the 28th
		dist := time.Date(y, time.Month(month), d, 0, 0, 0, 0, time.UTC).Sub(s.ref)
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = y, dist
		}
	}
	return best
}

// addDay records day as the value of the date written as tokens start..end-1.
func (s *scanner) addDay(start, end int, day time.Time, relative bool) {
	if len(s.dates) >= s.maxDates || day.Year() < 1 || day.Year() > 9999 {
		return
	}
	d := article.Date{
		Start:    int(s.toks[start].start),
		End:      int(s.toks[end-1].end),
		Value:    formatDay(day),
		Relative: relative,
	}
	d.Text = s.body[d.Start:d.End]
	s.dates = append(s.dates, d)
}

// formatDay writes day as YYYY-MM-DD.
func formatDay(day time.Time) string {
	y, m, d := day.Date()
	b := [10]byte{
		byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-', byte('0' + d/10), byte('0' + d%10),
	}
	return string(b[:])
}

// daysIn returns the number of days of month in year.
func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
