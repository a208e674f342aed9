package geo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
)

func newTagger(t testing.TB) *Tagger {
	t.Helper()
	tg, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// summary renders places as "Name|CC|kind×count" for compact comparisons.
func summary(ps []article.Place) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = fmt.Sprintf("%s|%s|%s×%d", p.Name, p.CountryCode, p.Kind, p.Count)
	}
	return out
}

// checkMentions asserts the offset contract of every mention.
func checkMentions(t *testing.T, body string, ps []article.Place) {
	t.Helper()
	for _, p := range ps {
		if p.Count != len(p.Mentions) || p.Count == 0 {
			t.Errorf("%s: count %d, %d mentions", p.Name, p.Count, len(p.Mentions))
		}
		for _, m := range p.Mentions {
			if m.Start < 0 || m.End > len(body) || m.Start >= m.End || body[m.Start:m.End] != m.Text {
				t.Errorf("%s: mention %+v does not match the body", p.Name, m)
			}
		}
	}
}

func TestPlaces(t *testing.T) {
	tg := newTagger(t)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"country city and demonym", "Officials in Berlin expect German exports to rise.",
			[]string{"Berlin|DE|city×1", "Germany|DE|country×1"}},
		{"reporting verb after a name that is also a surname", "Berlin said no.", nil},
		{"mentions grouped in order of first mention", "Rome, then Madrid, then Rome again.",
			[]string{"Rome|IT|city×2", "Madrid|ES|city×1"}},
		{"longest match", "He flew from New York City to Papua New Guinea.",
			[]string{"New York City|US|city×1", "Papua New Guinea|PG|country×1"}},
		{"city named after its country", "Mexico City grew faster than the rest of Mexico.",
			[]string{"Mexico City|MX|city×1", "Mexico|MX|country×1"}},
		{"short form of a city", "Traders in New York were cautious.",
			[]string{"New York City|US|city×1"}},
		{"accents optional", "From Zürich and Zurich to São Paulo and Sao Paulo.",
			[]string{"Zürich|CH|city×2", "São Paulo|BR|city×2"}},
		{"plural demonym", "Germans and Italians voted.",
			[]string{"Germany|DE|country×1", "Italy|IT|country×1"}},
		{"dotted and bare codes in mixed case", "The U.S. and the UK agreed; the US said so.",
			[]string{"United States|US|country×2", "United Kingdom|GB|country×1"}},
		{"bare code in capitals", "PLEASE CALL US NOW", nil},
		{"two-letter ISO codes are words", "IT is IN and AT the end.", nil},
		{"lower case is not a name", "paris and london are nice to visit in turkey season.", nil},
		{"given name before a city", "The novels of Jack London sold well.", nil},
		{"name continued by a surname", "Paris Hilton and Sydney Brenner met.", nil},
		{"person name after a capitalised word", "Denzel Washington starred.", nil},
		{"reporting verb after a person name", "The coach, Washington said, was tired.", nil},
		{"blocked longer name", "Ships crossed the Indian Ocean.", nil},
		{"common word without a region", "Mobile phones are cheap.", nil},
		{"common word in a City, Region pattern", "It hit Mobile, Alabama.",
			[]string{"Mobile|US|city×1"}},
		{"namesake resolved by the country in the text", "London, Ontario, is in Canada.",
			[]string{"London|CA|city×1", "Canada|CA|country×1"}},
		{"namesake resolved by a city of the same country", "From Kingston to Toronto.",
			[]string{"Kingston|CA|city×1", "Toronto|CA|city×1"}},
		{"namesake resolved to the capital", "They met in Kingston.",
			[]string{"Kingston|JM|city×1"}},
		{"namesake resolved to the most populous", "They met in Birmingham.",
			[]string{"Birmingham|GB|city×1"}},
		{"Georgia the country", "Georgia's president visited Tbilisi.",
			[]string{"Georgia|GE|country×1", "Tbilisi|GE|city×1"}},
		{"Georgia the US state", "Flights to Atlanta, Georgia resumed.",
			[]string{"Atlanta|US|city×1", "Georgia|US|region×1"}},
		{"possessive and hyphen", "France's and Iran-backed groups.",
			[]string{"France|FR|country×1", "Iran|IR|country×1"}},
		{"no match across a blank line", "New\n\nYork", []string{"York|GB|city×1"}},
		{"match across a line break", "New\nYork City", []string{"New York City|US|city×1"}},
		{"dateline in capitals", "NEW YORK, April 8 - Shares rose.", []string{"New York City|US|city×1"}},
		{"headline in capitals", "JAPANESE BANKS LEND MORE IN BRAZIL", []string{"Japan|JP|country×1", "Brazil|BR|country×1"}},
		{"capitals: no codes read as words", "IT IS IN THE AIR", nil},
		{"capitals: common words need proof", "NICE WEATHER", nil},
		{"capitals stop at a word in mixed case", "NEW York", []string{"York|GB|city×1"}},
		{"state abbreviation", "CAMBRIDGE, Mass., April 9 - It paid.", []string{"Cambridge|US|city×1"}},
		{"state initials", "He lives in Rochester, N.Y., now.", []string{"Rochester|US|city×1"}},
		{"abbreviation of another state", "They met in Cambridge, Fla., today.", []string{"Cambridge|GB|city×1"}},
		{"locative before a surname and a reporting verb", "Farmers near Valencia said Spanish prices fell.", []string{"Valencia|ES|city×1", "Spain|ES|country×1"}},
		{"locative before a common word", "We stayed in Nice for a week.", []string{"Nice|FR|city×1"}},
		{"an acronym is not a name in capitals", "She spoke at the Institute (ICA) in Lima.", []string{"Lima|PE|city×1"}},
		{"a word in capitals in a headline", "Rain hit\nLONDON AND PARIS", []string{"London|GB|city×1", "Paris|FR|city×1"}},
		{"subdivision word after a name", "Growers in Washington state rejoiced.", nil},
		{"city located by a country after in", "Fighting in Tripoli, in northern Lebanon, went on.",
			[]string{"Tripoli|LB|city×1", "Lebanon|LB|country×1"}},
		{"town before its state", "It was shot in Paris, Texas, in 1984.", []string{"Paris|US|city×1"}},
		{"town before a state abbreviation, in capitals", "TREVOSE, Pa., March 3 - Shares rose.", []string{"Trevose|US|city×1"}},
		{"town before its country", "Flooding hit Ennis, Ireland, overnight.", []string{"Ennis|IE|city×1", "Ireland|IE|country×1"}},
		{"a country's name as a town of a state", "The plant in Lebanon, Pa., closed.", []string{"Lebanon|US|city×1"}},
		{"a list of states is not a town", "Voters in Virginia, Minnesota and Iowa agreed.", nil},
		{"a list of countries is not a town", "Chad, Niger and Mali met.", []string{"Chad|TD|country×1", "Niger|NE|country×1", "Mali|ML|country×1"}},
		{"no town after a given name", "Senator Mansfield, Ohio Democrat, spoke.", nil},
		{"a town needs its qualifier", "Trevose is quiet.", nil},
		{"English name of a city", "Talks in Geneva and Cologne ended.", []string{"Genève|CH|city×1", "Köln|DE|city×1"}},
		{"former name of a city", "He grew up in Bombay.", []string{"Mumbai|IN|city×1"}},
		{"a common noun before a noun at a sentence start", "Turkey farmers in Minnesota expect demand.", nil},
		{"the place named again keeps it", "Turkey exports rose. Turkey farmers said Turkey would gain.",
			[]string{"Türkiye|TR|country×3"}},
		{"a common noun before a verb at a sentence start", "Turkey said it would act.", []string{"Türkiye|TR|country×1"}},
		{"a list of cities before a state that is also a city", "Flights from Cairo, New York and London were cut.",
			[]string{"Cairo|EG|city×1", "New York City|US|city×1", "London|GB|city×1"}},
		{"a list of cities before a subdivision of another country", "Fans in Oxford, Cambridge, Manchester and Leeds cheered.",
			[]string{"Oxford|GB|city×1", "Cambridge|GB|city×1", "Manchester|GB|city×1", "Leeds|GB|city×1"}},
		{"a subdivision numbered apart in GeoNames places no town", "Officials in Chartres, Dordogne, said so.", nil},
		{"a possessive after the qualifier describes a person", "Moore, Oklahoma's coach, resigned.", nil},
		{"a capitalised word after the qualifier describes a person", "Moore, Oklahoma Democrat, resigned.", nil},
		{"Co. is no state", "Flooding hit Westport, Co. Mayo, overnight.", nil},
		{"a town in capitals covers the country in its name", "MEXICO BEACH, Fla. (AP) - The storm hit.", []string{"Mexico Beach|US|city×1"}},
		{"a city and its country without a comma", "She moved to Sydney Australia last year.", []string{"Sydney|AU|city×1", "Australia|AU|country×1"}},
		{"a town named like its own subdivision", "Tourists crowd Siena, Italy, in summer.", []string{"Siena|IT|city×1", "Italy|IT|country×1"}},
		{"one town under two spellings is one place", "St. Charles, Mo., and Saint Charles, Missouri, agreed.", []string{"Saint Charles|US|city×2"}},
		{"a short function word is no compound's noun", "China or India will gain, U.S. officials said.", []string{"China|CN|country×1", "India|IN|country×1", "United States|US|country×1"}},
		{"a lone compound in a text naming no other country stands", "China growth slowed in the third quarter.", []string{"China|CN|country×1"}},
		{"a subdivision's office makes the region", "Georgia's Democratic governor vetoed it. The governor of Niger met chiefs.",
			[]string{"Georgia|US|region×1", "Niger|NG|region×1"}},
		{"a country's office keeps the country", "Georgia's president vetoed it.", []string{"Georgia|GE|country×1"}},
		{"a possessive at the end of the text", "They voted for Georgia's", []string{"Georgia|GE|country×1"}},
		{"a possessive and one word at the end of the text", "They voted for Georgia's Republican", []string{"Georgia|GE|country×1"}},
		{"a storm named like a city", "Typhoon Victoria and Hurricane Sydney weakened.", nil},
		{"demonym, kind and of place a city", "Protests spread in the Libyan city of Tripoli.", []string{"Libya|LY|country×1", "Tripoli|LY|city×1"}},
		{"demonym, kind and of choose the namesake", "Shelling hit the Lebanese port of Tripoli.", []string{"Lebanon|LB|country×1", "Tripoli|LB|city×1"}},
		{"demonym, subdivision and of make the region", "Floods hit the Belgian province of Luxembourg.", []string{"Belgium|BE|country×1", "Luxembourg|BE|region×1"}},
		{"a subdivision word makes the region", "Voting was calm in Niger state on Sunday.", []string{"Niger|NG|region×1"}},
		{"a person's given name before a place name", "Striker Jordan Henderson scored twice.", nil},
		{"a subdivision names its country", "The port of Victoria, in British Columbia, froze.", []string{"Victoria|CA|city×1"}},
		{"namesakes settle each other", "Rents in Richmond, next to Vancouver, rose.",
			[]string{"Richmond|CA|city×1", "Vancouver|CA|city×1"}},
		{"spelt as written before accents folded", "Engineers in San Jose built it.", []string{"San Jose|US|city×1"}},
		{"accents folded in the city's country", "San Jose is the capital of Costa Rica.",
			[]string{"San José|CR|city×1", "Costa Rica|CR|country×1"}},
		{"the US state among other US states", "Georgia and Alabama voted.", []string{"Georgia|US|region×1"}},
		{"a sea named after a country", "Storms in the Gulf of Mexico and the Sea of Japan.", nil},
		{"a country after of", "The Bank of Japan and the Isle of Man.",
			[]string{"Japan|JP|country×1", "Isle of Man|IM|country×1"}},
		{"common word coordinated with a nearby city of its country", "Buses run from Birmingham and Reading every hour.",
			[]string{"Birmingham|GB|city×1", "Reading|GB|city×1"}},
		{"name mostly not a place in a list of cities", "Offices opened in Paris, Lille and Lyon.",
			[]string{"Paris|FR|city×1", "Lille|FR|city×1", "Lyon|FR|city×1"}},
		{"coordination by or proves nothing", "Trains to London or Reading.", []string{"London|GB|city×1"}},
		{"coordinated city too far away", "Flights between Sydney and Reading.", []string{"Sydney|AU|city×1"}},
		{"coordination without a resolved city", "Leeds and Reading drew.", nil},
		{"coordination does not prove a person's name", "Fans of Leicester and Bolton cheered.", []string{"Leicester|GB|city×1"}},
		{"coordinated name continued by a capitalised word", "Votes in London and Leeds North were counted.", []string{"London|GB|city×1"}},
		{"apposition with a demonym locates the city", "Shipments from Newcastle, an Australian port, fell.",
			[]string{"Newcastle|AU|city×1", "Australia|AU|country×1"}},
		{"apposition with a demonym of a country without the city", "Newcastle, the French club's rival, lost.",
			[]string{"France|FR|country×1"}},
		{"apposition with a demonym before a capitalised word", "Newcastle, the English Premier League club, won.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tg.Places(tc.text)
			checkMentions(t, tc.text, got)
			if s := summary(got); !slices.Equal(s, tc.want) {
				t.Errorf("Places(%q)\n got %q\nwant %q", tc.text, s, tc.want)
			}
		})
	}
}

func TestPlaceRecord(t *testing.T) {
	tg := newTagger(t)
	body := "Le Monde reported from Paris. Paris is calm."
	ps := tg.Places(body)
	if len(ps) != 1 {
		t.Fatalf("got %q, want one place", summary(ps))
	}
	p := ps[0]
	want := []article.Mention{{Start: 23, End: 28, Text: "Paris"}, {Start: 30, End: 35, Text: "Paris"}}
	if p.Name != "Paris" || p.CountryCode != "FR" || p.Kind != article.PlaceCity || p.GeonamesID != 2988507 ||
		p.Location == nil || p.Location.Lat < 48 || p.Location.Lat > 49 || !slices.Equal(p.Mentions, want) {
		t.Errorf("got %+v (location %+v)", p, p.Location)
	}
	// The article's location is a copy: changing it must not change the lexicon.
	p.Location.Lat = 0
	if again := tg.Places(body); again[0].Location.Lat == 0 {
		t.Error("the article's location aliases the lexicon's")
	}
}

func TestFindForms(t *testing.T) {
	tg := newTagger(t)
	text := "French troops left the U.S. for France."
	var got []string
	for _, m := range tg.Find(text) {
		got = append(got, fmt.Sprintf("%s:%s:%s:%d-%d", m.Text, m.Form, m.Place.Link(), m.Start, m.End))
	}
	want := []string{"French:demonym:iso3166:FR:0-6", "U.S.:code:iso3166:US:23-27", "France:name:iso3166:FR:32-38"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if l := tg.Find("They landed in Tokyo.")[0].Place.Link(); l != "geonames:1850147" {
		t.Errorf("Tokyo link %q", l)
	}
	links := map[string]string{}
	for _, m := range tg.Find("They flew to Atlanta, Georgia.") {
		links[m.Text] = m.Place.Link()
	}
	if links["Georgia"] != "iso3166-2:US-GA" || links["Atlanta"] != "geonames:4180439" {
		t.Errorf("links %v", links)
	}
}

func TestTag(t *testing.T) {
	tg := newTagger(t)
	if tg.Name() != "places" {
		t.Errorf("Name() = %q", tg.Name())
	}
	if !strings.HasPrefix(tg.Version(), "lexicon-") {
		t.Errorf("Version() = %q", tg.Version())
	}
	a := &article.Article{Body: "Talks in Cairo.", Enrichment: article.Enrichment{Places: []article.Place{{Name: "stale"}}}}
	if err := tg.Tag(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if s := summary(a.Places); !slices.Equal(s, []string{"Cairo|EG|city×1"}) {
		t.Errorf("places %q", s)
	}
	a.Body = "nothing here"
	if err := tg.Tag(context.Background(), a); err != nil || a.Places != nil {
		t.Errorf("Tag on a body without places: %v, %q", err, summary(a.Places))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := tg.Tag(ctx, a); !errors.Is(err, context.Canceled) {
		t.Errorf("Tag with a cancelled context: %v", err)
	}
}

func TestNewReturnsOneTagger(t *testing.T) {
	a, b := newTagger(t), newTagger(t)
	if a != b {
		t.Error("New parsed the lexicon twice")
	}
}

// TestConcurrentTag runs the tagger from many goroutines (meaningful under -race) and checks
// that each result equals the sequential one.
func TestConcurrentTag(t *testing.T) {
	tg := newTagger(t)
	bodies := []string{
		"Officials in Paris and Berlin met Chinese envoys.",
		"London, Ontario, is in Canada; London is in the UK.",
		"Atlanta, Georgia and Tbilisi, Georgia.",
		"The U.S. and the UAE signed a deal in Dubai.",
	}
	want := make([][]string, len(bodies))
	for i, b := range bodies {
		want[i] = summary(tg.Places(b))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				k := (g + i) % len(bodies)
				a := &article.Article{Body: bodies[k]}
				if err := tg.Tag(context.Background(), a); err != nil {
					errs <- err.Error()
					return
				}
				if s := summary(a.Places); !slices.Equal(s, want[k]) {
					errs <- fmt.Sprintf("%q: got %q, want %q", bodies[k], s, want[k])
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
