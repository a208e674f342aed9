package quant

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
)

// am is an expected amount: the text, its value, and the currency (money) or unit
// (quantity). Money of an unnamed currency has currency "?".
type am struct {
	text  string
	value float64
	cur   string
	unit  string
}

func money(text string, v float64, cur string) am { return am{text: text, value: v, cur: cur} }
func qty(text string, v float64, unit string) am  { return am{text: text, value: v, unit: unit} }

func (a am) String() string {
	if a.unit != "" {
		return fmt.Sprintf("%q=%v %s", a.text, a.value, a.unit)
	}
	return fmt.Sprintf("%q=%v %s", a.text, a.value, a.cur)
}

func fromAmount(a article.Amount) am {
	switch {
	case a.Kind == KindQuantity:
		return qty(a.Text, a.Value, a.Unit)
	case a.Currency == "":
		return money(a.Text, a.Value, "?")
	}
	return money(a.Text, a.Value, a.Currency)
}

// TestAmounts checks money and quantities on hand-written sentences; every expected value
// is written by hand.
func TestAmounts(t *testing.T) {
	tg := New(Config{})
	tests := []struct {
		name string
		text string
		want []am
	}{
		// money: symbol first
		{"dollars and scale word", "It paid $38 billion for it.", []am{money("$38 billion", 3.8e10, "USD")}},
		{"prefixed dollar and abbreviation", "a US$1.2m grant", []am{money("US$1.2m", 1.2e6, "USD")}},
		{"euro with thousands", "fined €500,000 on Tuesday", []am{money("€500,000", 5e5, "EUR")}},
		{"pound bn", "a £3.5bn deal", []am{money("£3.5bn", 3.5e9, "GBP")}},
		{"yen symbol", "only ¥100 each", []am{money("¥100", 100, "JPY")}},
		{"cents kept", "shares rose to $12.50.", []am{money("$12.50", 12.5, "USD")}},
		{"decimals and groups", "costs €1,250.75 each", []am{money("€1,250.75", 1250.75, "EUR")}},
		{"space after symbol", "£ 20 million", []am{money("£ 20 million", 2e7, "GBP")}},
		{"Australian prefix", "A$5 million", []am{money("A$5 million", 5e6, "AUD")}},
		{"Canadian prefix", "raised C$2.5bn", []am{money("C$2.5bn", 2.5e9, "CAD")}},
		{"Hong Kong prefix", "HK$10 a ticket", []am{money("HK$10", 10, "HKD")}},
		{"yuan prefix", "CN¥7 each", []am{money("CN¥7", 7, "CNY")}},
		{"rupee symbol and crore", "₹200 crore", []am{money("₹200 crore", 2e9, "INR")}},
		{"Rs and crore", "a Rs 200 crore plan", []am{money("Rs 200 crore", 2e9, "INR")}},
		{"Rs. and lakh", "Rs. 5 lakh", []am{money("Rs. 5 lakh", 5e5, "INR")}},
		{"dirham abbreviation", "Dh500 fine", []am{money("Dh500", 500, "AED")}},
		{"ISO code first", "USD 38 billion", []am{money("USD 38 billion", 3.8e10, "USD")}},
		{"ISO code against number", "EUR500m", []am{money("EUR500m", 5e8, "EUR")}},
		{"k abbreviation", "a $5k bonus", []am{money("$5k", 5000, "USD")}},
		{"capital M", "$5M round", []am{money("$5M", 5e6, "USD")}},
		{"trillion abbreviation", "$1.2tn of debt", []am{money("$1.2tn", 1.2e12, "USD")}},
		{"negative", "a loss of -$5m", []am{money("-$5m", -5e6, "USD")}},
		{"per barrel is money only", "oil at $80 a barrel", []am{money("$80", 80, "USD")}},
		// money: name after
		{"ISO code after", "38 billion USD", []am{money("38 billion USD", 3.8e10, "USD")}},
		{"euros", "5 million euros", []am{money("5 million euros", 5e6, "EUR")}},
		{"yen name", "1.5 trillion yen", []am{money("1.5 trillion yen", 1.5e12, "JPY")}},
		{"dollars default to US", "100 dollars", []am{money("100 dollars", 100, "USD")}},
		{"demonym dollars", "500 Australian dollars", []am{money("500 Australian dollars", 500, "AUD")}},
		{"two-word demonym", "3 million Hong Kong dollars", []am{money("3 million Hong Kong dollars", 3e6, "HKD")}},
		{"U.S. dollars", "10 U.S. dollars", []am{money("10 U.S. dollars", 10, "USD")}},
		{"Swiss francs", "20 Swiss francs", []am{money("20 Swiss francs", 20, "CHF")}},
		{"francs unnamed", "20 francs", []am{money("20 francs", 20, "?")}},
		{"pesos unnamed", "2,000 pesos", []am{money("2,000 pesos", 2000, "?")}},
		{"Reuters style", "5 mln dlrs", []am{money("5 mln dlrs", 5e6, "USD")}},
		{"Reuters cents", "Shr 15 cts vs 12 cts", []am{money("15 cts", 0.15, "USD"), money("12 cts", 0.12, "USD")}},
		{"Reuters demonym dollars", "a 75 mln Australian dlr bond and 300 mln U.S. Dlrs", []am{
			money("75 mln Australian dlr", 7.5e7, "AUD"), money("300 mln U.S. Dlrs", 3e8, "USD"),
		}},
		{"withdrawn currency", "2.8 billion marks and 105 billion pesetas", []am{
			money("2.8 billion marks", 2.8e9, "DEM"), money("105 billion pesetas", 1.05e11, "ESP"),
		}},
		{"marks without scale are scores", "top marks, 5 marks out of 10", nil},
		{"Italian lire are not Turkish", "500 lire", []am{money("500 lire", 500, "?")}},
		{"won after scale", "3 billion won", []am{money("3 billion won", 3e9, "KRW")}},
		{"won without scale is a verb", "they won 3 games and 500 won", nil},
		{"pounds after scale", "5 million pounds", []am{money("5 million pounds", 5e6, "GBP")}},
		{"pounds without scale weigh", "a 200 pounds sack", []am{qty("200 pounds", 200, "lb")}},
		{"pounds sterling", "200 pounds sterling", []am{money("200 pounds sterling", 200, "GBP")}},
		{"pence attached", "a 50p rise", []am{money("50p", 0.5, "GBP")}},
		{"cents", "50 cents", []am{money("50 cents", 0.5, "USD")}},
		{"symbol after", "500€ or 20 £", []am{money("500€", 500, "EUR"), money("20 £", 20, "GBP")}},
		{"number words", "two million dollars", []am{money("two million dollars", 2e6, "USD")}},
		{"a million", "a million people and a billion dollars", []am{qty("a million people", 1e6, "person"), money("a billion dollars", 1e9, "USD")}},
		{"a before an abbreviation", "a m km", nil},
		{"minus", "minus 20C, 5 minus 3 km", []am{qty("minus 20C", -20, "°C"), qty("3 km", 3, "km")}},
		{"hundred thousand", "five hundred thousand euros", []am{money("five hundred thousand euros", 5e5, "EUR")}},
		// ranges
		{"symbol range", "$3-4 billion", []am{money("$3-4 billion", 3e9, "USD")}},
		{"between and", "between $3 and $4 billion", []am{money("$3 and $4 billion", 3e9, "USD")}},
		{"to with symbols", "$3 to $4 billion", []am{money("$3 to $4 billion", 3e9, "USD")}},
		{"complete parts stay apart", "$3bn to $4bn", []am{money("$3bn", 3e9, "USD"), money("$4bn", 4e9, "USD")}},
		{"name range", "3-4 billion dollars", []am{money("3-4 billion dollars", 3e9, "USD")}},
		{"percent range", "5-6%", []am{qty("5-6%", 5, "percent")}},
		{"mixed fraction", "a coupon of 8-1/4 pct and 5/8 pct", []am{qty("8-1/4 pct", 8.25, "percent"), qty("5/8 pct", 0.625, "percent")}},
		{"fraction with scale", "1-1/2 billion dlrs", []am{money("1-1/2 billion dlrs", 1.5e9, "USD")}},
		{"numeric dates and scores are no fractions", "on 12/03/2024 km, 24/7 km", nil},
		{"unit range", "from 10 to 20 km", []am{qty("10 to 20 km", 10, "km")}},
		{"and without between is no range", "5 and 6%", []am{qty("6%", 6, "percent")}},
		// quantities
		{"percent sign", "up 5.2%", []am{qty("5.2%", 5.2, "percent")}},
		{"percent word", "5.2 percent", []am{qty("5.2 percent", 5.2, "percent")}},
		{"per cent", "5.2 per cent", []am{qty("5.2 per cent", 5.2, "percent")}},
		{"pc", "rose 3pc", []am{qty("3pc", 3, "percent")}},
		{"negative percent", "growth of −0.3%", []am{qty("−0.3%", -0.3, "percent")}},
		{"words percent", "twenty-five percent", []am{qty("twenty-five percent", 25, "percent")}},
		{"percentage points", "0.25 percentage points", []am{qty("0.25 percentage points", 0.25, "percentage point")}},
		{"basis points", "50 basis points", []am{qty("50 basis points", 50, "basis point")}},
		{"km spaced", "100 km", []am{qty("100 km", 100, "km")}},
		{"km attached", "a 100km trip", []am{qty("100km", 100, "km")}},
		{"hyphenated unit", "a 10-km race and a 5-mile walk", []am{qty("10-km", 10, "km"), qty("5-mile", 5, "mile")}},
		{"hyphenated scale", "a $1.5-billion deal", []am{money("$1.5-billion", 1.5e9, "USD")}},
		{"hyphen before an abbreviation is not a scale", "$5-m", []am{money("$5", 5, "USD")}},
		{"kilometres", "5 kilometres", []am{qty("5 kilometres", 5, "km")}},
		{"miles", "26.2 miles", []am{qty("26.2 miles", 26.2, "mile")}},
		{"feet", "3,000 feet", []am{qty("3,000 feet", 3000, "foot")}},
		{"feet and inches", "he is 6ft 4in tall", []am{qty("6ft", 6, "foot"), qty("4in", 4, "inch")}},
		{"in spaced is a preposition", "5 in 10 people", []am{qty("10 people", 10, "person")}},
		{"kg", "10kg", []am{qty("10kg", 10, "kg")}},
		{"tonnes", "5 tonnes", []am{qty("5 tonnes", 5, "tonne")}},
		{"metric tons", "20 metric tons", []am{qty("20 metric tons", 20, "tonne")}},
		{"barrels", "1.5 million barrels", []am{qty("1.5 million barrels", 1.5e6, "barrel")}},
		{"barrels per day", "500,000 barrels per day", []am{qty("500,000 barrels per day", 5e5, "barrel/day")}},
		{"litres", "2 litres", []am{qty("2 litres", 2, "litre")}},
		{"hectares", "300 hectares", []am{qty("300 hectares", 300, "hectare")}},
		{"square kilometres", "1,200 square kilometres", []am{qty("1,200 square kilometres", 1200, "km2")}},
		{"km squared", "50 km²", []am{qty("50 km²", 50, "km2")}},
		{"cubic metres", "3 m3", []am{qty("3 m3", 3, "m3")}},
		{"bcm", "17 bcm", []am{qty("17 bcm", 1.7e10, "m3")}},
		{"megawatts", "400 MW", []am{qty("400 MW", 400, "MW")}},
		{"gigawatts", "1.2 gigawatts", []am{qty("1.2 gigawatts", 1.2, "GW")}},
		{"TWh", "10 TWh", []am{qty("10 TWh", 10, "TWh")}},
		{"km/h", "120 km/h", []am{qty("120 km/h", 120, "km/h")}},
		{"mph", "70 mph", []am{qty("70 mph", 70, "mph")}},
		{"celsius symbol", "30°C", []am{qty("30°C", 30, "°C")}},
		{"negative celsius", "-5 degrees Celsius", []am{qty("-5 degrees Celsius", -5, "°C")}},
		{"celsius letter against the number", "warming of 1.5C and 95F", []am{qty("1.5C", 1.5, "°C"), qty("95F", 95, "°F")}},
		{"celsius letter spaced is not a unit", "grade 5 C", nil},
		{"hyphenated names", "CF-80C engines, A-6F jets, F-16s and Covid-19 km", nil},
		{"people", "12 people died", []am{qty("12 people", 12, "person")}},
		{"people in words", "five people", []am{qty("five people", 5, "person")}},
		{"m as million before a unit", "100m people", []am{qty("100m people", 1e8, "person")}},
		{"gigabytes", "5GB", []am{qty("5GB", 5, "GB")}},
		{"megabits per second", "a 2Mbps line", []am{qty("2Mbps", 2, "Mbit/s")}},
		{"bushels", "16 mln bushels", []am{qty("16 mln bushels", 1.6e7, "bushel")}},
		{"grams exact case", "5g of gold", []am{qty("5g", 5, "g")}},
		// nothing
		{"5G is a network", "5G network", nil},
		{"names with numbers", "the G7 summit, the A380, MP3 and COVID-19", nil},
		{"3D", "3D printing", nil},
		{"bare m is ambiguous", "the 100m sprint", nil},
		{"scale alone", "5 million", nil},
		{"number alone", "in 2024, page 5, 1,2,3", nil},
		{"too many digits", "$1234567890123456789012", nil},
		{"dollar before words", "$ and €", nil},
		{"prefix in the wrong case", "us$5", []am{money("$5", 5, "USD")}},
		{"ISO code in lower case", "usd 5", nil},
		{"amount after a month", "In May 5% of voters and in March 12 people", []am{qty("5%", 5, "percent"), qty("12 people", 12, "person")}},
		// several
		{"sentence", "Revenue rose 5.2% to $38 billion, and 1,200 people lost jobs.", []am{
			qty("5.2%", 5.2, "percent"), money("$38 billion", 3.8e10, "USD"), qty("1,200 people", 1200, "person"),
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := tg.Find(tc.text, nil)
			checkOffsets(t, tc.text, got, nil)
			var g []string
			for _, a := range got {
				g = append(g, fromAmount(a).String())
			}
			var w []string
			for _, a := range tc.want {
				w = append(w, a.String())
			}
			if strings.Join(g, "; ") != strings.Join(w, "; ") {
				t.Errorf("Find(%q)\n got  %s\n want %s", tc.text, strings.Join(g, "; "), strings.Join(w, "; "))
			}
		})
	}
}

// checkOffsets checks the offset contract: text[Start:End] == Text, items in text order,
// without overlaps.
func checkOffsets(t *testing.T, text string, amounts []article.Amount, dates []article.Date) {
	t.Helper()
	end := 0
	for _, a := range amounts {
		if a.Start < end || a.End <= a.Start || a.End > len(text) || text[a.Start:a.End] != a.Text {
			t.Errorf("amount %+v breaks the offset contract (previous end %d)", a, end)
			return
		}
		end = a.End
	}
	end = 0
	for _, d := range dates {
		if d.Start < end || d.End <= d.Start || d.End > len(text) || text[d.Start:d.End] != d.Text {
			t.Errorf("date %+v breaks the offset contract (previous end %d)", d, end)
			return
		}
		end = d.End
	}
}
