package quant

import (
	"testing"
	"time"
)

// checkSet is a set of news sentences written by hand after the rules were tuned on the BBC
// articles, never used to tune them, with the expected amounts and dates written by hand
// before the tagger was run on them. Misses and false readings count against the tagger;
// they are not edited away.
var checkSet = []struct {
	text    string
	amounts []am
	dates   []dt
}{
	{"Apple said on Tuesday it would spend $430 billion in the US over the next four years.",
		[]am{money("$430 billion", 4.3e11, "USD")}, []dt{{"Tuesday", "2025-06-17", true}}},
	{"The central bank raised its key rate by 25 basis points to 4.5% on Thursday.",
		[]am{qty("25 basis points", 25, "basis point"), qty("4.5%", 4.5, "percent")}, []dt{{"Thursday", "2025-06-12", true}}},
	{"Shares of the company fell 3.2 per cent to 412p in London.",
		[]am{qty("3.2 per cent", 3.2, "percent"), money("412p", 4.12, "GBP")}, nil},
	{"Reliance Industries reported a net profit of Rs 19,407 crore for the quarter ended March 31.",
		[]am{money("Rs 19,407 crore", 1.9407e11, "INR")}, []dt{{"March 31", "2025-03-31", true}}},
	{"Temperatures reached 41.2C in Seville.",
		[]am{qty("41.2C", 41.2, "°C")}, nil},
	{"The storm dumped 30cm of snow and winds gusted to 120km/h.",
		[]am{qty("30cm", 30, "cm"), qty("120km/h", 120, "km/h")}, nil},
	{"Tesla delivered 384,122 vehicles in the second quarter.", nil, nil},
	{"The EU agreed a €750bn recovery fund in July 2020.",
		[]am{money("€750bn", 7.5e11, "EUR")}, []dt{{"July 2020", "2020-07-01", false}}},
	{"Oil prices rose 2% to $74.30 a barrel, the highest since January.",
		[]am{qty("2%", 2, "percent"), money("$74.30", 74.3, "USD")}, nil},
	{"Japan's government approved a 13.9 trillion yen stimulus package last week.",
		[]am{money("13.9 trillion yen", 1.39e13, "JPY")}, []dt{{"last week", "2025-06-09", true}}},
	{"The match will be played at Wembley on Saturday 21 June.",
		nil, []dt{{"21 June", "2025-06-21", true}}},
	{"Unemployment fell to 4.1 percent in May, the Labor Department said Friday.",
		[]am{qty("4.1 percent", 4.1, "percent")}, []dt{{"Friday", "2025-06-13", true}}},
	{"About 1,500 people were evacuated from the 12-storey building.",
		[]am{qty("1,500 people", 1500, "person")}, nil},
	{"The company will pay a dividend of 18 cents a share on July 15.",
		[]am{money("18 cents", 0.18, "USD")}, []dt{{"July 15", "2025-07-15", true}}},
	{"Bitcoin traded at $104,500, up 1.8% in 24 hours.",
		[]am{money("$104,500", 104500, "USD"), qty("1.8%", 1.8, "percent")}, nil},
	{"The 2.4-kilometre tunnel cost £1.1 billion.",
		[]am{qty("2.4-kilometre", 2.4, "km"), money("£1.1 billion", 1.1e9, "GBP")}, nil},
	{"Brazil's central bank sold US$2 billion in currency swaps on June 10, 2025.",
		[]am{money("US$2 billion", 2e9, "USD")}, []dt{{"June 10, 2025", "2025-06-10", false}}},
	{"Inflation in Turkey slowed to 35.4% in May from 37.9% in April.",
		[]am{qty("35.4%", 35.4, "percent"), qty("37.9%", 37.9, "percent")}, nil},
	{"The plant can generate 1,200 megawatts, enough for 800,000 homes.",
		[]am{qty("1,200 megawatts", 1200, "MW")}, nil},
	{"A 6.1-magnitude earthquake struck at 0300 GMT on Monday.",
		nil, []dt{{"Monday", "2025-06-16", true}}},
	{"He was sentenced to 12 years in prison in 2019.", nil, nil},
	{"The firm raised C$350 million in its IPO three weeks ago.",
		[]am{money("C$350 million", 3.5e8, "CAD")}, []dt{{"three weeks ago", "2025-05-28", true}}},
	{"Officials said 2.3 million hectares of forest burned this year.",
		[]am{qty("2.3 million hectares", 2.3e6, "hectare")}, []dt{{"this year", "2025-01-01", true}}},
	{"Prices are expected to rise by 10 to 15 per cent next year.",
		[]am{qty("10 to 15 per cent", 10, "percent")}, []dt{{"next year", "2026-01-01", true}}},
	{"The government will announce the budget in two weeks.",
		nil, []dt{{"in two weeks", "2025-07-02", true}}},
	{"The deal, valued at about 5.8 billion Swiss francs, is expected to close by the end of 2025.",
		[]am{money("5.8 billion Swiss francs", 5.8e9, "CHF")}, nil},
	{"Exports grew 7% year-on-year to $316.7bn in the first half.",
		[]am{qty("7%", 7, "percent"), money("$316.7bn", 3.167e11, "USD")}, nil},
	{"The marathon runner covered 42.195km in 2:01:09.",
		[]am{qty("42.195km", 42.195, "km")}, nil},
	{"Gold rose 0.5% to $2,345.60 an ounce yesterday.",
		[]am{qty("0.5%", 0.5, "percent"), money("$2,345.60", 2345.6, "USD")}, []dt{{"yesterday", "2025-06-17", true}}},
	{"Nigeria's naira weakened to 1,530 naira per dollar.",
		[]am{money("1,530 naira", 1530, "NGN")}, nil},
	{"Some 40 tonnes of aid arrived on 3 June.",
		[]am{qty("40 tonnes", 40, "tonne")}, []dt{{"3 June", "2025-06-03", true}}},
	{"The company cut 6,000 jobs in 2023 and another 4% of staff last month.",
		[]am{qty("4%", 4, "percent")}, []dt{{"last month", "2025-05-01", true}}},
	{"Voters go to the polls next Sunday.",
		nil, []dt{{"next Sunday", "2025-06-22", true}}},
	{"The bill passed 52-48 in the Senate last night.",
		nil, []dt{{"last night", "2025-06-17", true}}},
	{"Microsoft's market value topped $3.5 trillion for the first time.",
		[]am{money("$3.5 trillion", 3.5e12, "USD")}, nil},
	{"It weighs 1.2kg and costs €1,199.",
		[]am{qty("1.2kg", 1.2, "kg"), money("€1,199", 1199, "EUR")}, nil},
	{"The company expects revenue of between $18.5 billion and $19.5 billion.",
		[]am{money("$18.5 billion", 1.85e10, "USD"), money("$19.5 billion", 1.95e10, "USD")}, nil},
	{"Rainfall totalled 150mm over the weekend.",
		[]am{qty("150mm", 150, "mm")}, nil},
	{"The 10-year Treasury yield rose 8 basis points to 4.42%.",
		[]am{qty("8 basis points", 8, "basis point"), qty("4.42%", 4.42, "percent")}, nil},
	{"China's exports rose 4.8% in May to 316.1 billion U.S. dollars.",
		[]am{qty("4.8%", 4.8, "percent"), money("316.1 billion U.S. dollars", 3.161e11, "USD")}, nil},
}

// TestCheckSet reports precision and recall on the check set (an item counts when text,
// value and currency or unit all match) and fails below the floors.
func TestCheckSet(t *testing.T) {
	const floorP, floorR = 0.9, 0.85
	tg := New(Config{})
	pub := time.Date(2025, 6, 18, 8, 0, 0, 0, time.UTC) // a Wednesday
	var found, want, right int
	for _, c := range checkSet {
		amounts, dates := tg.Find(c.text, &pub)
		checkOffsets(t, c.text, amounts, dates)
		got := map[string]bool{}
		for _, a := range amounts {
			got[fromAmount(a).String()] = true
		}
		for _, d := range dates {
			got[dt{d.Text, d.Value, d.Relative}.String()] = true
		}
		expected := map[string]bool{}
		for _, a := range c.amounts {
			expected[a.String()] = true
		}
		for _, d := range c.dates {
			expected[d.String()] = true
		}
		for g := range got {
			if expected[g] {
				right++
			} else {
				t.Logf("false: %s in %q", g, c.text)
			}
		}
		for e := range expected {
			if !got[e] {
				t.Logf("missed: %s in %q", e, c.text)
			}
		}
		found += len(got)
		want += len(expected)
	}
	p, r := float64(right)/float64(found), float64(right)/float64(want)
	t.Logf("check set: %d sentences, %d items expected, %d found, %d right: precision %.3f, recall %.3f",
		len(checkSet), want, found, right, p, r)
	if p < floorP || r < floorR {
		t.Errorf("precision %.3f (floor %.2f), recall %.3f (floor %.2f)", p, floorP, r, floorR)
	}
}
