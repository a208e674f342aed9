// Package quant finds money, quantities with units and dates in English article bodies,
// with exact UTF-8 byte offsets, values normalised: "38 billion USD" is 3.8e10 USD, "5.2
// per cent" is 5.2 percent, "two days ago" is a day (YYYY-MM-DD) counted back from the
// published day.
//
// One hand-written scanner does it all: the body is cut into words, numbers and symbols
// once, each word looked up once in a small lexicon (currency names, units, months,
// weekdays, number and scale words), and matchers that look a bounded number of tokens
// ahead run left to right, each match skipping the tokens it used. Time and memory are
// linear in the body; nothing allocates per token.
//
// # Money
//
// A currency symbol, prefixed symbol, abbreviation or ISO 4217 code (in capitals) before
// the number ("$38 billion", "US$1.2m", "HK$3bn", "€500,000", "Rs 200 crore", "USD 5m"),
// or a symbol, currency name or code after it ("500€", "5 million euros", "1.5 trillion
// yen", "500 Australian dollars", "38 billion USD", "50p", "5 mln dlrs"). "$" alone is
// US dollars and "¥" yen; letters against the symbol name another currency (A$, C$, HK$,
// NZ$, S$, R$, NT$, CN¥). "dollars" alone are US dollars and "pounds sterling" British;
// names shared by several currencies ("pesos", "francs", "dinars") give money with no
// currency unless a demonym says which ("Swiss francs"). "won" is money only after a scale
// word ("3 billion won"); "pounds" too, and is otherwise the weight ("200 pounds": lb).
// Scale words: hundred, thousand, lakh, million, crore, billion, trillion, and the
// abbreviations k, m, mn, mln, b, bn, bln, tn, trn (single letters only written against
// the number: "$5m", not "$5 m").
//
// A range is one amount valued at its lower bound when its first number borrows the
// scale, unit or currency of the second: "$3-4 billion", "between $3 and $4 billion",
// "5-6%", "10 to 20 km" (3e9 USD, 3e9 USD, 5 percent, 10 km); when both parts are complete
// they are two amounts ("$3bn to $4bn"). A sign written against the amount, or "minus"
// before it, makes it negative ("-$5m", "−0.3%", "minus 20C").
//
// # Quantities
//
// A number (digits, words or fractions: "twenty-five", "a million", "8-1/4") with an
// optional scale word and a unit, from the table in units.go: percent ("%", "percent",
// "per cent", "pc", "pct"), percentage and basis points, lengths, weights, volumes
// (barrel, barrel/day, bcm as 1e9 m3), areas, power and energy (MW, GWh), speed,
// temperature (°C, °F; "1.5C" written against the number), data sizes and rates, and
// people ("12 people": unit "person"). The value is not converted between units: the unit
// is the canonical spelling of the unit as written ("kilometres" → "km", "tonnes" →
// "tonne"). A hyphen may join the number to its unit or scale word ("a 10-km race", "a
// $1.5-billion deal"). The bare "m" (metres or millions?), "l", "t" and a spaced "in" are
// not units; a number written against a name ("G7", "F-16", "Covid-19") or after a slash
// ("12/03/2024") is not an amount.
//
// # Dates
//
// Absolute: "12 March 2024", "March 12, 2024", "Sept. 5", "12th of March", "2024-03-12",
// day ranges ("12-14 March": the first day), and a month with a year ("March 2024": the
// first of the month). A day that the month does not have leaves the month ("31 April
// 2024" → "April 2024"). A month alone, a year alone, numeric forms other than ISO
// ("12/03/2024", "12.03.2024") and lower-case month names are not read.
//
// Relative to the published day (Relative is true): "today", "tonight", "yesterday",
// "tomorrow", "the day before yesterday", "last night", "this morning"; a bare weekday
// ("on Monday") is the nearest such day on or before the published day, or on or after it
// when a future marker ("will", "due", "expected", "until", ...) comes shortly before in
// the same clause; "last Monday" is the one strictly before, "next Friday" the one
// strictly after, "this Saturday" the one in the published week (Monday to Sunday);
// "last/this/next week|month|year" is the first day of that week (Monday), month or year;
// "last March" is the first of the latest March before the published month, "next March"
// of the first one after it, "this March" of the published year's;
// "two days ago", "3 weeks ago", "a year ago"; "in three weeks" only followed by "time" or
// after a future marker (otherwise it is a duration: "the first rise in nine years").
// Months and years keep the day of the month, cut to the month's length. A date without a
// year ("12 March") takes the year, of the published one and the two beside it, that puts
// it nearest the published day, and is marked Relative too: its value depends on
// published_at.
//
// The published day is published_at's calendar day in its own time zone. Without
// published_at, relative dates and dates without a year are skipped: the fetch time can be
// days after publication, and a wrong date is worse than none.
//
// Names are not dates: a capitalised "Today" after a word ("the Today programme", "USA
// Today"), a weekday after an unknown capitalised word ("Good Friday") or before a
// capitalised word without "on" ("the Sunday Times"), and a weekday after "a", "every" or
// "each".
package quant
