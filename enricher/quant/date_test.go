package quant

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// published is a Thursday: 14 March 2024.
var published = time.Date(2024, 3, 14, 12, 0, 0, 0, time.UTC)

// dt is an expected date: the text, the value, and whether it was resolved against the
// published day.
type dt struct {
	text  string
	value string
	rel   bool
}

func (d dt) String() string { return fmt.Sprintf("%q=%s rel=%v", d.text, d.value, d.rel) }

// TestDates checks absolute and relative dates against hand-computed days.
func TestDates(t *testing.T) {
	tg := New(Config{})
	eastern := time.FixedZone("EST", -5*3600)
	late := time.Date(2024, 3, 14, 23, 30, 0, 0, eastern) // 15 March in UTC
	endOfMarch := time.Date(2024, 3, 31, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		text string
		pub  *time.Time // default: published; nopub means none
		want []dt
	}{
		// absolute
		{"day month year", "on 12 March 2024 it", nil, []dt{{"12 March 2024", "2024-03-12", false}}},
		{"month day comma year", "On March 12, 2024, it", nil, []dt{{"March 12, 2024", "2024-03-12", false}}},
		{"month day year", "March 12 2024", nil, []dt{{"March 12 2024", "2024-03-12", false}}},
		{"abbreviation with stop", "Sept. 5, 2023", nil, []dt{{"Sept. 5, 2023", "2023-09-05", false}}},
		{"abbreviation", "5 Jan 2021", nil, []dt{{"5 Jan 2021", "2021-01-05", false}}},
		{"ordinal of", "the 5th of May 2023", nil, []dt{{"5th of May 2023", "2023-05-05", false}}},
		{"ordinal after month", "June 1st, 2022", nil, []dt{{"June 1st, 2022", "2022-06-01", false}}},
		{"ISO", "on 2024-03-12.", nil, []dt{{"2024-03-12", "2024-03-12", false}}},
		{"month year is the first", "in March 2024", nil, []dt{{"March 2024", "2024-03-01", false}}},
		{"day range", "12-14 March 2024", nil, []dt{{"12-14 March 2024", "2024-03-12", false}}},
		{"month day range", "March 12-14, 2024", nil, []dt{{"March 12-14, 2024", "2024-03-12", false}}},
		{"leap day", "29 February 2024", nil, []dt{{"29 February 2024", "2024-02-29", false}}},
		// an impossible day leaves the month and year
		{"no leap day", "29 February 2023", nil, []dt{{"February 2023", "2023-02-01", false}}},
		{"no 31 April", "31 April 2024", nil, []dt{{"April 2024", "2024-04-01", false}}},
		{"no 31 April without year", "on 31 April", nil, nil},
		{"weekday before date is left to the date", "Monday, March 11, 2024", nil, []dt{{"March 11, 2024", "2024-03-11", false}}},
		{"absolute without published", "12 March 2024", &time.Time{}, []dt{{"12 March 2024", "2024-03-12", false}}},
		// year inferred
		{"day month", "on 12 March", nil, []dt{{"12 March", "2024-03-12", true}}},
		{"month day", "on March 20", nil, []dt{{"March 20", "2024-03-20", true}}},
		{"nearest is last year", "on 30 December", nil, []dt{{"30 December", "2023-12-30", true}}},
		{"nearest is next year", "on 2 January", &endOfYear, []dt{{"2 January", "2025-01-02", true}}},
		{"no year without published", "on 12 March", &time.Time{}, nil},
		// relative
		{"yesterday", "said yesterday", nil, []dt{{"yesterday", "2024-03-13", true}}},
		{"today", "Today", nil, []dt{{"Today", "2024-03-14", true}}},
		{"tomorrow", "tomorrow", nil, []dt{{"tomorrow", "2024-03-15", true}}},
		{"tonight", "tonight", nil, []dt{{"tonight", "2024-03-14", true}}},
		{"last night", "last night", nil, []dt{{"last night", "2024-03-13", true}}},
		{"this morning", "this morning", nil, []dt{{"this morning", "2024-03-14", true}}},
		{"day before yesterday", "the day before yesterday", nil, []dt{{"the day before yesterday", "2024-03-12", true}}},
		{"day after tomorrow", "day after tomorrow", nil, []dt{{"day after tomorrow", "2024-03-16", true}}},
		{"on Monday", "met on Monday", nil, []dt{{"Monday", "2024-03-11", true}}},
		{"on the published weekday", "on Thursday", nil, []dt{{"Thursday", "2024-03-14", true}}},
		{"bare Friday is past", "He resigned on Friday.", nil, []dt{{"Friday", "2024-03-08", true}}},
		{"will makes it future", "They will meet on Friday.", nil, []dt{{"Friday", "2024-03-15", true}}},
		{"due makes it future", "Talks are due to resume on Tuesday", nil, []dt{{"Tuesday", "2024-03-19", true}}},
		{"present tense of a schedule is future", "The talks, which begin on Monday, matter", nil, []dt{{"Monday", "2024-03-18", true}}},
		{"a capitalised marker is a name", "won the Australian Open on Sunday", nil, []dt{{"Sunday", "2024-03-10", true}}},
		{"until right before is future", "closed until Monday", nil, []dt{{"Monday", "2024-03-18", true}}},
		{"by far before is not future", "cut by 25 basis points to 4.5% on Monday", nil, []dt{{"Monday", "2024-03-11", true}}},
		{"future marker in another clause", "He will go. On Tuesday he spoke", nil, []dt{{"Tuesday", "2024-03-12", true}}},
		{"last Monday", "last Monday", nil, []dt{{"last Monday", "2024-03-11", true}}},
		{"last Thursday is a week back", "last Thursday", nil, []dt{{"last Thursday", "2024-03-07", true}}},
		{"next Friday", "next Friday", nil, []dt{{"next Friday", "2024-03-15", true}}},
		{"next Thursday", "next Thursday", nil, []dt{{"next Thursday", "2024-03-21", true}}},
		{"this Saturday", "this Saturday", nil, []dt{{"this Saturday", "2024-03-16", true}}},
		{"this Monday", "this Monday", nil, []dt{{"this Monday", "2024-03-11", true}}},
		{"last week is its Monday", "last week", nil, []dt{{"last week", "2024-03-04", true}}},
		{"next week", "next week", nil, []dt{{"next week", "2024-03-18", true}}},
		{"this week", "this week", nil, []dt{{"this week", "2024-03-11", true}}},
		{"last month", "last month", nil, []dt{{"last month", "2024-02-01", true}}},
		{"next month", "next month", nil, []dt{{"next month", "2024-04-01", true}}},
		{"last year", "last year", nil, []dt{{"last year", "2023-01-01", true}}},
		{"this year", "earlier this year", nil, []dt{{"this year", "2024-01-01", true}}},
		{"last March is a year back", "last March", nil, []dt{{"last March", "2023-03-01", true}}},
		{"last January", "last January", nil, []dt{{"last January", "2024-01-01", true}}},
		{"next March", "next March", nil, []dt{{"next March", "2025-03-01", true}}},
		{"next May", "next May", nil, []dt{{"next May", "2024-05-01", true}}},
		{"this June", "this June", nil, []dt{{"this June", "2024-06-01", true}}},
		{"last with month and year is the date", "last March 2023", nil, []dt{{"March 2023", "2023-03-01", false}}},
		{"last with month and day is the date", "last March 12", nil, []dt{{"March 12", "2024-03-12", true}}},
		{"days ago", "two days ago", nil, []dt{{"two days ago", "2024-03-12", true}}},
		{"weeks ago", "3 weeks ago", nil, []dt{{"3 weeks ago", "2024-02-22", true}}},
		{"a year ago", "a year ago", nil, []dt{{"a year ago", "2023-03-14", true}}},
		{"months ago", "six months ago", nil, []dt{{"six months ago", "2023-09-14", true}}},
		{"month ago cut to month end", "a month ago", &endOfMarch, []dt{{"a month ago", "2024-02-29", true}}},
		{"in weeks after will", "It will reopen in three weeks", nil, []dt{{"in three weeks", "2024-04-04", true}}},
		{"in days' time", "in 10 days' time", nil, []dt{{"in 10 days' time", "2024-03-24", true}}},
		{"in a month after due", "a ruling is due in a month", nil, []dt{{"in a month", "2024-04-14", true}}},
		{"in years is a duration", "the first rise in nine years", nil, nil},
		{"in days is a duration", "It took £7m in three days", nil, nil},
		// names and generic days
		{"programme name", "on BBC Radio 4's Today programme", nil, nil},
		{"newspaper name", "USA Today reported", nil, nil},
		{"Today opening a sentence", "Today, he said", nil, []dt{{"Today", "2024-03-14", true}}},
		{"Today after a quote", `He said: "Today we act."`, nil, []dt{{"Today", "2024-03-14", true}}},
		{"a Saturday", "on a Saturday morning", nil, nil},
		{"every Monday", "every Monday", nil, nil},
		{"holiday", "over Good Friday", nil, nil},
		{"weekday in a title", "the Sunday Times said", nil, nil},
		{"On opening a sentence", "On Monday, he left", nil, []dt{{"Monday", "2024-03-11", true}}},
		{"on before a name", "met on Monday Mr Smith", nil, []dt{{"Monday", "2024-03-11", true}}},
		{"published day in its own zone", "yesterday", &late, []dt{{"yesterday", "2024-03-13", true}}},
		{"relative without published", "yesterday, on Monday, two days ago", &time.Time{}, nil},
		// nothing
		{"month alone", "in March", nil, nil},
		{"modal may", "May I ask? It may 5 times", nil, nil},
		{"lower-case month", "the march 12 miles", nil, nil},
		{"day out of range", "In March 40 people died", nil, nil},
		{"amount after a month", "In May 5% of voters and in March 12 people, March 1-2 km", nil, nil},
		{"year alone", "in 2024 and the 1990s", nil, nil},
		{"plural weekday", "on Mondays", nil, nil},
		{"last without period", "the last two years", nil, nil},
		{"time after month", "May 12:30", nil, nil},
		// several
		{"sentence", "The deal, agreed on 3 March 2024, closes next month; shares fell yesterday.", nil, []dt{
			{"3 March 2024", "2024-03-03", false}, {"next month", "2024-04-01", true}, {"yesterday", "2024-03-13", true},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pub := &published
			if tc.pub != nil {
				pub = tc.pub
			}
			got, dates := tg.Find(tc.text, pub)
			checkOffsets(t, tc.text, got, dates)
			var g, w []string
			for _, d := range dates {
				g = append(g, dt{d.Text, d.Value, d.Relative}.String())
			}
			for _, d := range tc.want {
				w = append(w, d.String())
			}
			if strings.Join(g, "; ") != strings.Join(w, "; ") {
				t.Errorf("Find(%q)\n got  %s\n want %s", tc.text, strings.Join(g, "; "), strings.Join(w, "; "))
			}
		})
	}
}

var endOfYear = time.Date(2024, 12, 28, 8, 0, 0, 0, time.UTC)
