package quant

import "time"

// maxCount bounds the count of "N days ago" / "in N years".
const maxCount = 5000

// tenseWindow is how many tokens before a bare weekday are searched for a future marker.
const tenseWindow = 8

// relativeAt reads a date relative to the published day at the word at token i:
// "today", "yesterday", "tomorrow", "tonight", "the day before yesterday", "last night",
// "this morning", "last/next/this Monday", "last/next/this week|month|year", and
// "in three weeks". Without a published day it reads nothing.
func (s *scanner) relativeAt(i int) int {
	if !s.hasRef {
		return i
	}
	w := s.wd(i)
	switch w.role {
	case roleDay:
		if s.capitalised(i) && i > 0 && s.toks[i-1].kind == tokWord {
			return i // a name: "the Today programme", "USA Today"
		}
		return s.addRelative(i, i+1, s.ref.AddDate(0, 0, int(w.dayOffset)))
	case roleThe:
		if s.period(i+1) == 'd' {
			return s.dayBeside(i, i+1)
		}
	case roleLast, roleNext, roleThis:
		return s.modifiedAt(i, w.role)
	case roleIn:
		return s.inAt(i)
	}
	if w.period == 'd' {
		return s.dayBeside(i, i)
	}
	return i
}

// dayBeside reads "[the] day before yesterday" and "[the] day after tomorrow", where the
// word "day" is token d.
func (s *scanner) dayBeside(start, d int) int {
	if d+2 >= len(s.toks) || s.text(d) != "day" && s.text(d) != "Day" || s.wd(d+2) == nil {
		return start
	}
	r, day := s.wd(d+1), s.wd(d+2)
	switch {
	case r == nil || day.role != roleDay:
	case r.role == roleBefore && day.dayOffset == -1:
		return s.addRelative(start, d+3, s.ref.AddDate(0, 0, -2))
	case r.role == roleAfter && day.dayOffset == 1:
		return s.addRelative(start, d+3, s.ref.AddDate(0, 0, 2))
	}
	return start
}

// modifiedAt reads last/next/this (role r, token i) and the word after it.
func (s *scanner) modifiedAt(i int, r role) int {
	j := i + 1
	if j >= len(s.toks) || s.wd(j) == nil || s.toks[j].kind != tokWord {
		return i
	}
	w := s.wd(j)
	dir := 0
	switch r {
	case roleLast:
		dir = -1
	case roleNext:
		dir = 1
	}
	switch {
	case w.weekday > 0 && s.capitalised(j):
		return s.addRelative(i, j+1, weekdayFrom(s.ref, int(w.weekday)-1, r))
	case w.role == roleNight && r == roleLast:
		return s.addRelative(i, j+1, s.ref.AddDate(0, 0, -1))
	case (w.role == rolePartOf || w.role == roleNight) && r == roleThis:
		return s.addRelative(i, j+1, s.ref)
	case w.period != 0 && s.singular(j):
		return s.addRelative(i, j+1, periodStart(s.ref, w.period, dir))
	case w.month > 0 && s.capitalised(j):
		if m, k := s.monthAt(j); s.yearAt(k) == 0 && s.plainInt(k, 2) < 0 {
			return s.addRelative(i, k, monthFrom(s.ref, m, r))
		}
	}
	return i
}

// monthFrom returns the first day of month m that r picks relative to ref: roleLast the
// latest one before ref's month, roleNext the first one after it, roleThis the one of ref's
// year.
func monthFrom(ref time.Time, m int, r role) time.Time {
	y, cur := ref.Year(), int(ref.Month())
	switch {
	case r == roleLast && m >= cur:
		y--
	case r == roleNext && m <= cur:
		y++
	}
	return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
}

// inAt reads "in three weeks' time", "in 10 days" and "in a year" at token i, when they
// name a time to come: followed by "time" or after a future marker ("will open in two
// weeks"). Otherwise they are a duration ("the first rise in nine years").
func (s *scanner) inAt(i int) int {
	n, j := s.countAt(i + 1)
	if n <= 0 {
		return i
	}
	p := s.period(j)
	if p == 0 {
		return i
	}
	end := j + 1
	k := end
	if s.is(k, roleQuote) && !s.toks[k].space {
		k++
	}
	if s.is(k, roleTime) {
		end = k + 1
	} else if !s.futureBefore(i) {
		return i
	}
	return s.addRelative(i, end, shift(s.ref, p, n))
}

// agoAt reads "two days ago", "3 weeks ago", "a year ago" at token i.
func (s *scanner) agoAt(i int) int {
	if !s.hasRef {
		return i
	}
	n, j := s.countAt(i)
	if n <= 0 {
		return i
	}
	p := s.period(j)
	if p == 0 || !s.is(j+1, roleAgo) {
		return i
	}
	return s.addRelative(i, j+2, shift(s.ref, p, -n))
}

// countAt reads a small count at token i ("3", "three", "twenty-one", "a") and returns it
// and the token after it; 0 when there is none.
func (s *scanner) countAt(i int) (int, int) {
	if i >= len(s.toks) {
		return 0, i
	}
	t := &s.toks[i]
	if t.kind == tokWord && s.wd(i) != nil && s.wd(i).role == roleA {
		return 1, i + 1
	}
	if t.kind == tokNumber {
		if n := s.plainInt(i, 4); n > 0 && n <= maxCount {
			return n, i + 1
		}
		return 0, i
	}
	if t.kind == tokWord && s.wd(i) != nil && s.wd(i).num > 0 {
		n, ok := s.numberAt(i)
		if ok && n.exp == 0 {
			return int(n.mant), n.end
		}
	}
	return 0, i
}

// period returns the period letter of token i ('d', 'w', 'm', 'y'), 0 if it names none.
func (s *scanner) period(i int) byte {
	if i >= len(s.toks) || s.toks[i].kind != tokWord || s.wd(i) == nil {
		return 0
	}
	return s.wd(i).period
}

// singular says the period word at token i is singular ("week", not "weeks").
func (s *scanner) singular(i int) bool { return s.body[s.toks[i].end-1]|0x20 != 's' }

// weekdayAt reads a bare weekday at token i ("on Monday"): the nearest such day on or
// before the published day, or on or after it when a future marker ("will", "due") comes
// shortly before in the same clause. A weekday followed by a date ("Monday, March 12") is
// left to the date.
func (s *scanner) weekdayAt(i int) int {
	if !s.hasRef || !s.capitalised(i) {
		return i
	}
	j := i + 1
	if s.is(j, roleComma) {
		j++
	}
	if m, k := s.monthAt(j); m > 0 && s.plainInt(k, 2) > 0 {
		return i
	}
	if s.plainInt(j, 2) > 0 {
		if m, _ := s.monthAt(j + 1); m > 0 {
			return i
		}
		if s.ordinalAt(j + 1) {
			return i
		}
	}
	if i > 0 {
		prev := s.toks[i-1]
		if prev.kind == tokWord && (s.capitalised(i-1) && prev.id == 0 || s.is(i-1, roleA) || s.is(i-1, roleEvery)) {
			return i // "Good Friday", "Easter Monday"; "a Saturday morning", "every Monday"
		}
		if i+1 < len(s.toks) && s.toks[i+1].kind == tokWord && s.capitalised(i+1) && !s.is(i-1, roleOn) {
			return i // "the Sunday Times", "Monday Night Football"
		}
	}
	r := role(roleNone)
	if s.futureBefore(i) {
		r = roleIn
	}
	return s.addRelative(i, i+1, weekdayFrom(s.ref, int(s.wd(i).weekday)-1, r))
}

// futureBefore says a future marker comes in the tenseWindow tokens before token i, within
// its clause, or a near one right before it ("until Monday").
func (s *scanner) futureBefore(i int) bool {
	if i > 0 && s.wd(i-1) != nil && s.wd(i-1).nearFuture && !s.capitalised(i-1) {
		return true
	}
	for k := i - 1; k >= 0 && k >= i-tenseWindow; k-- {
		w := s.wd(k)
		if w == nil {
			continue
		}
		if w.role == roleStop || w.role == roleDot {
			return false
		}
		if w.future && !s.capitalised(k) { // "the US Open on Monday" is no schedule
			return true
		}
	}
	return false
}

// addRelative records day for the tokens start..end-1, marked relative.
func (s *scanner) addRelative(start, end int, day time.Time) int {
	s.addDay(start, end, day, true)
	return end
}

// weekdayFrom returns the day of weekday wd (time.Weekday) that r picks relative to ref:
// roleLast the one strictly before, roleNext the one strictly after, roleThis the one of
// ref's week (Monday to Sunday), roleIn the nearest on or after, and otherwise the nearest
// on or before.
func weekdayFrom(ref time.Time, wd int, r role) time.Time {
	cur := int(ref.Weekday())
	switch r {
	case roleLast:
		return ref.AddDate(0, 0, -((cur-wd+6)%7 + 1))
	case roleNext:
		return ref.AddDate(0, 0, (wd-cur+6)%7+1)
	case roleThis:
		monday := ref.AddDate(0, 0, -((cur + 6) % 7))
		return monday.AddDate(0, 0, (wd+6)%7)
	case roleIn:
		return ref.AddDate(0, 0, (wd-cur+7)%7)
	}
	return ref.AddDate(0, 0, -((cur - wd + 7) % 7))
}

// periodStart returns the first day of the week (Monday), month or year dir periods from
// ref's.
func periodStart(ref time.Time, p byte, dir int) time.Time {
	y, m, _ := ref.Date()
	switch p {
	case 'w':
		monday := ref.AddDate(0, 0, -((int(ref.Weekday()) + 6) % 7))
		return monday.AddDate(0, 0, 7*dir)
	case 'm':
		return time.Date(y, m+time.Month(dir), 1, 0, 0, 0, 0, time.UTC)
	case 'y':
		return time.Date(y+dir, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return ref.AddDate(0, 0, dir)
}

// shift returns ref moved by n periods; months and years keep the day of the month, cut to
// the length of the month reached (31 March minus one month is 28 or 29 February).
func shift(ref time.Time, p byte, n int) time.Time {
	y, m, d := ref.Date()
	switch p {
	case 'd':
		return ref.AddDate(0, 0, n)
	case 'w':
		return ref.AddDate(0, 0, 7*n)
	case 'm':
		first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		return first.AddDate(0, 0, min(d, daysIn(first.Year(), int(first.Month())))-1)
	}
	first := time.Date(y+n, m, 1, 0, 0, 0, 0, time.UTC)
	return first.AddDate(0, 0, min(d, daysIn(first.Year(), int(first.Month())))-1)
}
