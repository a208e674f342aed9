package canon

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/newsflow/newsflow/internal/article"
)

const (
	per  = article.TypePerson
	org  = article.TypeOrganization
	loc  = article.TypeLocation
	misc = article.TypeMisc
)

// at is a span or place mention written as its text: the n-th occurrence (from 1; 0 means
// the first) of text in the body.
type at struct {
	text string
	n    int
	typ  string
	conf float64
}

// locate returns the byte offsets of the n-th occurrence of text in body.
func locate(t *testing.T, body, text string, n int) (int, int) {
	t.Helper()
	from := 0
	for k := 1; ; k++ {
		i := strings.Index(body[from:], text)
		if i < 0 {
			t.Fatalf("%q occurrence %d not in %q", text, n, body)
		}
		if k >= n {
			return from + i, from + i + len(text)
		}
		from += i + 1
	}
}

func spansOf(t *testing.T, body string, as []at) []Span {
	var out []Span
	for _, a := range as {
		s, e := locate(t, body, a.text, a.n)
		conf := a.conf
		if conf == 0 {
			conf = 0.9
		}
		out = append(out, Span{Start: s, End: e, Type: a.typ, Confidence: conf})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// place is a resolved place of the test article with its mentions.
type place struct {
	name, kind, cc string
	id             int64
	mentions       []at
}

// summary writes entities as "TYPE Name [mention texts] link".
func summary(es []article.Entity) []string {
	var out []string
	for _, e := range es {
		var ms []string
		for _, m := range e.Mentions {
			ms = append(ms, m.Text)
		}
		s := fmt.Sprintf("%s %s [%s]", e.Type, e.Name, strings.Join(ms, "|"))
		if e.Link != "" {
			s += " " + e.Link
		}
		out = append(out, s)
	}
	return out
}

func TestMerge(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		spans  []at
		places []place
		want   []string
	}{
		{
			name:  "spelling variants",
			body:  "Miguel Díaz-Canel spoke. Diaz-Canel said that Diaz Canel and DIAZ-CANEL agree.",
			spans: []at{{"Miguel Díaz-Canel", 0, per, 0}, {"Diaz-Canel", 0, loc, 0.5}, {"Diaz Canel", 0, per, 0}, {"DIAZ-CANEL", 0, per, 0}},
			want:  []string{"PERSON Miguel Díaz-Canel [Miguel Díaz-Canel|Diaz-Canel|Diaz Canel|DIAZ-CANEL]"},
		},
		{
			name:  "accents from a shorter spelling",
			body:  "Miguel Diaz-Canel spoke. Díaz-Canel left.",
			spans: []at{{"Miguel Diaz-Canel", 0, per, 0}, {"Díaz-Canel", 0, per, 0}},
			want:  []string{"PERSON Miguel Díaz-Canel [Miguel Diaz-Canel|Díaz-Canel]"},
		},
		{
			name:  "titles and short forms",
			body:  "President Vladimir Putin met Mr Kuleba. Putin said Foreign Minister Dmytro Kuleba was wrong. Mr Putin left.",
			spans: []at{{"President Vladimir Putin", 0, per, 0}, {"Mr Kuleba", 0, per, 0}, {"Putin", 2, per, 0}, {"Foreign Minister Dmytro Kuleba", 0, per, 0}, {"Mr Putin", 0, org, 0.6}},
			want: []string{
				"PERSON Vladimir Putin [Vladimir Putin|Putin|Putin]",
				"PERSON Dmytro Kuleba [Kuleba|Dmytro Kuleba]",
			},
		},
		{
			name: "a surname goes to the nearest full name before it",
			body: "Bill Clinton spoke. Clinton smiled. Hillary Clinton spoke. Clinton left. Bill and Hillary agreed.",
			spans: []at{{"Bill Clinton", 0, per, 0}, {"Clinton", 2, per, 0}, {"Hillary Clinton", 0, per, 0}, {"Clinton", 4, per, 0},
				{"Bill", 2, per, 0}, {"Hillary", 2, per, 0}},
			want: []string{
				"PERSON Bill Clinton [Bill Clinton|Clinton|Bill]",
				"PERSON Hillary Clinton [Hillary Clinton|Clinton|Hillary]",
			},
		},
		{
			name:  "two people in one span are no full name",
			body:  "Mr Blair and Mr Brown met. Blair spoke; Brown left.",
			spans: []at{{"Mr Blair and Mr Brown", 0, per, 0}, {"Blair", 2, per, 0}, {"Brown", 2, per, 0}},
			want:  []string{"PERSON Blair and Mr Brown [Blair and Mr Brown]", "PERSON Blair [Blair]", "PERSON Brown [Brown]"},
		},
		{
			name:  "two people in an organisation-tagged span",
			body:  "Mr Blair and Mr Brown met. Blair spoke; Mr Brown left.",
			spans: []at{{"Mr Blair and Mr Brown", 0, org, 0}, {"Blair", 2, per, 0}, {"Mr Brown", 2, org, 0}},
			want:  []string{"PERSON Blair and Mr Brown [Blair and Mr Brown]", "PERSON Blair [Blair]", "PERSON Brown [Brown]"}, // the honorific votes PERSON
		},
		{
			name:  "a short form before the full name",
			body:  "Sinner won. Jannik Sinner is number one; Jannik was happy.",
			spans: []at{{"Sinner", 0, per, 0}, {"Jannik Sinner", 0, per, 0}, {"Jannik", 2, per, 0}},
			want:  []string{"PERSON Jannik Sinner [Sinner|Jannik Sinner|Jannik]"},
		},
		{
			name:  "middle name and multi-word short form",
			body:  "Luiz Inácio Lula da Silva spoke. Lula smiled. Lula da Silva left.",
			spans: []at{{"Luiz Inácio Lula da Silva", 0, per, 0}, {"Lula", 2, per, 0}, {"Lula da Silva", 2, per, 0}},
			want:  []string{"PERSON Luiz Inácio Lula da Silva [Luiz Inácio Lula da Silva|Lula|Lula da Silva]"},
		},
		{
			name:  "an honorific makes a person of a mistyped full name",
			body:  "Tedros Adhanom Ghebreyesus spoke. Dr Tedros left.",
			spans: []at{{"Tedros Adhanom Ghebreyesus", 0, org, 0.8}, {"Dr Tedros", 0, per, 0.8}},
			want:  []string{"PERSON Tedros Adhanom Ghebreyesus [Tedros Adhanom Ghebreyesus|Tedros]"},
		},
		{
			name:  "defined acronym",
			body:  "The International Monetary Fund (IMF) cut. The IMF said the I.M.F. would.",
			spans: []at{{"International Monetary Fund", 0, org, 0}, {"IMF", 1, org, 0}, {"IMF", 2, misc, 0.5}, {"I.M.F.", 0, org, 0}},
			want:  []string{"ORGANIZATION International Monetary Fund [International Monetary Fund|IMF|IMF|I.M.F.]"},
		},
		{
			name:  "acronym defined in brackets that are not its initials",
			body:  "Islamic State (ISIS) fighters. ISIS said.",
			spans: []at{{"Islamic State", 0, org, 0}, {"ISIS", 2, org, 0}},
			want:  []string{"ORGANIZATION Islamic State [Islamic State|ISIS]"},
		},
		{
			name:  "a news agency after a dateline defines nothing",
			body:  "ABU DHABI (AP) - The talks ended. AP reporters saw it.",
			spans: []at{{"ABU DHABI", 0, loc, 0}},
			want:  []string{"LOCATION ABU DHABI [ABU DHABI]"},
		},
		{
			name:  "an acronym inside a longer word, in capitals or defined twice is no use",
			body:  "Alpha Telecom (AT) and Air Force (AF) and Agence France (AF) met. AT&T and AT WILL and www.AT.int and AT rose. AF fell.",
			spans: []at{{"Alpha Telecom", 0, org, 0}, {"Air Force", 0, org, 0}, {"Agence France", 0, org, 0}},
			want: []string{
				"ORGANIZATION Alpha Telecom [Alpha Telecom|AT|AT]",
				"ORGANIZATION Air Force [Air Force|AF]",
				"ORGANIZATION Agence France [Agence France]",
			},
		},
		{
			name:  "acronym defined and never tagged",
			body:  "The Independent Petroleum Marketers Association of Nigeria (IPMAN) said prices rose. IPMAN members and IPMANS and XIPMAN.",
			spans: []at{{"Independent Petroleum Marketers Association of Nigeria", 0, org, 0}},
			want:  []string{"ORGANIZATION Independent Petroleum Marketers Association of Nigeria [Independent Petroleum Marketers Association of Nigeria|IPMAN|IPMAN]"},
		},
		{
			name:  "brackets that do not start like the name define nothing",
			body:  "The Petroleum Board (IPMAN) said. IPMAN agreed.",
			spans: []at{{"Petroleum Board", 0, org, 0}},
			want:  []string{"ORGANIZATION Petroleum Board [Petroleum Board]"},
		},
		{
			name:  "initials of one name",
			body:  "NHS lists grew. The National Health Service and the Food and Drug Administration agree; FDA rules.",
			spans: []at{{"NHS", 0, org, 0}, {"National Health Service", 0, org, 0}, {"Food and Drug Administration", 0, org, 0}, {"FDA", 0, org, 0}},
			want: []string{
				"ORGANIZATION National Health Service [NHS|National Health Service]",
				"ORGANIZATION Food and Drug Administration [Food and Drug Administration|FDA]",
			},
		},
		{
			name:  "initials of two names are ambiguous",
			body:  "The National Health Service and the National Hockey Society. NHS said.",
			spans: []at{{"National Health Service", 0, org, 0}, {"National Hockey Society", 0, org, 0}, {"NHS", 0, org, 0}},
			want: []string{
				"ORGANIZATION National Health Service [National Health Service]",
				"ORGANIZATION National Hockey Society [National Hockey Society]",
				"ORGANIZATION NHS [NHS]",
			},
		},
		{
			name:  "persons are not expanded from initials",
			body:  "John Fitzgerald Kennedy spoke. JFK left.",
			spans: []at{{"John Fitzgerald Kennedy", 0, per, 0}, {"JFK", 0, org, 0}},
			want:  []string{"PERSON John Fitzgerald Kennedy [John Fitzgerald Kennedy]", "ORGANIZATION JFK [JFK]"},
		},
		{
			name:  "aliases through the places tagger",
			body:  "Britain and the UK. U.S. and US and the United States. Paris, not Paris Hilton.",
			spans: []at{{"Britain", 0, loc, 0}, {"UK", 0, loc, 0}, {"U.S.", 0, loc, 0}, {"US", 0, loc, 0}, {"United States", 0, loc, 0}, {"Paris", 0, loc, 0}, {"Paris Hilton", 0, per, 0}},
			places: []place{
				{"United Kingdom", article.PlaceCountry, "GB", 0, []at{{"Britain", 0, "", 0}, {"UK", 0, "", 0}}},
				{"United States", article.PlaceCountry, "US", 0, []at{{"U.S.", 0, "", 0}, {"United States", 0, "", 0}}},
				{"Paris", article.PlaceCity, "FR", 2988507, []at{{"Paris", 0, "", 0}}},
			},
			want: []string{
				"LOCATION United Kingdom [Britain|UK] iso3166:GB",
				"LOCATION United States [U.S.|US|United States] iso3166:US",
				"LOCATION Paris [Paris] geonames:2988507",
				"PERSON Paris Hilton [Paris Hilton]",
			},
		},
		{
			name:  "a location inside a longer place takes it; a longer location does not",
			body:  "Santiago Bernabéu stadium. New York.",
			spans: []at{{"Santiago Bernabéu", 0, loc, 0}, {"York", 0, loc, 0}},
			places: []place{
				{"Santiago", article.PlaceCity, "CL", 3871336, []at{{"Santiago", 0, "", 0}}},
				{"New York City", article.PlaceCity, "US", 5128581, []at{{"New York", 0, "", 0}}},
			},
			want: []string{"LOCATION Santiago Bernabéu [Santiago Bernabéu]", "LOCATION New York City [York] geonames:5128581"},
		},
		{
			name:  "a person is not a place of the same name",
			body:  "Michael Jordan visited Jordan. Jordan scored.",
			spans: []at{{"Michael Jordan", 0, per, 0}, {"Jordan", 2, loc, 0}, {"Jordan", 3, per, 0}},
			places: []place{
				{"Jordan", article.PlaceCountry, "JO", 0, []at{{"Jordan", 2, "", 0}}},
			},
			want: []string{"PERSON Michael Jordan [Michael Jordan|Jordan]", "LOCATION Jordan [Jordan] iso3166:JO"},
		},
		{
			name:  "two places of one name stay apart",
			body:  "Georgia and Georgia.",
			spans: []at{{"Georgia", 1, loc, 0}, {"Georgia", 2, loc, 0}},
			places: []place{
				{"Georgia", article.PlaceCountry, "GE", 0, []at{{"Georgia", 1, "", 0}}},
				{"Georgia", article.PlaceRegion, "US", 0, []at{{"Georgia", 2, "", 0}}},
			},
			want: []string{"LOCATION Georgia [Georgia] iso3166:GE", "LOCATION Georgia [Georgia]"},
		},
		{
			name:  "a place run on after and is split off",
			body:  "The Gates Foundation and Japan paid. Trinidad and Tobago won. Procter and Gamble fell. The Motorcycle Diaries and British film Vera won. The Law Society of England and Japan met.",
			spans: []at{{"Gates Foundation and Japan", 0, org, 0}, {"Trinidad and Tobago", 0, loc, 0}, {"Procter and Gamble", 0, org, 0}, {"The Motorcycle Diaries and British", 0, org, 0}, {"Law Society of England and Japan", 0, org, 0}},
			places: []place{
				{"Japan", article.PlaceCountry, "JP", 0, []at{{"Japan", 0, "", 0}}},
				{"Trinidad and Tobago", article.PlaceCountry, "TT", 0, []at{{"Trinidad and Tobago", 0, "", 0}}},
				{"United Kingdom", article.PlaceCountry, "GB", 0, []at{{"British", 0, "", 0}}},
				{"Japan", article.PlaceCountry, "JP", 0, []at{{"Japan", 2, "", 0}}},
			},
			want: []string{
				"ORGANIZATION Gates Foundation [Gates Foundation]",
				"LOCATION Japan [Japan] iso3166:JP",
				"LOCATION Trinidad and Tobago [Trinidad and Tobago] iso3166:TT",
				"ORGANIZATION Procter and Gamble [Procter and Gamble]",
				"ORGANIZATION The Motorcycle Diaries [The Motorcycle Diaries]",
				"MISC British [British]",
				"ORGANIZATION Law Society of England and Japan [Law Society of England and Japan]",
			},
		},
		{
			name:  "an unsure type joins the majority",
			body:  "Eli Lilly rose. Eli Lilly fell. Eli Lilly said.",
			spans: []at{{"Eli Lilly", 1, per, 0.55}, {"Eli Lilly", 2, org, 0.7}, {"Eli Lilly", 3, org, 0.6}},
			want:  []string{"ORGANIZATION Eli Lilly [Eli Lilly|Eli Lilly|Eli Lilly]"},
		},
		{
			name:  "confident types stand apart",
			body:  "Chicago is cold. CHICAGO 5 Boston 3. Chicago won.",
			spans: []at{{"Chicago", 1, loc, 0.9}, {"CHICAGO", 0, org, 0.8}, {"Boston", 0, org, 0.8}, {"Chicago", 2, org, 0.7}},
			want:  []string{"LOCATION Chicago [Chicago]", "ORGANIZATION Chicago [CHICAGO|Chicago]", "ORGANIZATION Boston [Boston]"},
		},
		{
			name: "one-word organisation short forms",
			body: "Real Madrid beat Atlético Madrid. Real coach and Atletico fans. Madrid rejoiced. General Motors and Motors.",
			spans: []at{{"Real Madrid", 0, org, 0}, {"Atlético Madrid", 0, org, 0}, {"Real", 2, org, 0}, {"Atletico", 0, org, 0},
				{"Madrid", 3, org, 0}, {"General Motors", 0, org, 0}, {"Motors", 2, org, 0}},
			want: []string{
				"ORGANIZATION Real Madrid [Real Madrid|Real]",
				"ORGANIZATION Atlético Madrid [Atlético Madrid|Atletico]",
				"ORGANIZATION Madrid [Madrid]",
				"ORGANIZATION General Motors [General Motors|Motors]",
			},
		},
		{
			name:  "a name cut at particles, and its mistyped short form",
			body:  "Ursula von der Leyen spoke. Von der Leyen left.",
			spans: []at{{"Ursula", 0, per, 0.6}, {"Leyen", 1, loc, 0.7}, {"Leyen", 2, loc, 0.95}},
			want:  []string{"PERSON Ursula von der Leyen [Ursula von der Leyen|Von der Leyen]"},
		},
		{
			name:  "a place's name is no short form of an organisation",
			body:  "The Chicago Film Critics Association met in Chicago.",
			spans: []at{{"Chicago Film Critics Association", 0, org, 0}, {"Chicago", 2, org, 0.7}},
			places: []place{
				{"Chicago", article.PlaceCity, "US", 4887398, []at{{"Chicago", 2, "", 0}}},
			},
			want: []string{"ORGANIZATION Chicago Film Critics Association [Chicago Film Critics Association]", "ORGANIZATION Chicago [Chicago]"},
		},
		{
			name:  "misc is never a short form",
			body:  "Emmanuel Macron and the Macron camp.",
			spans: []at{{"Emmanuel Macron", 0, per, 0}, {"Macron", 2, misc, 0}},
			want:  []string{"PERSON Emmanuel Macron [Emmanuel Macron]", "MISC Macron [Macron]"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var places []article.Place
			for _, p := range tt.places {
				ap := article.Place{Name: p.name, Kind: p.kind, CountryCode: p.cc, GeonamesID: p.id}
				for _, m := range p.mentions {
					s, e := locate(t, tt.body, m.text, m.n)
					ap.Mentions = append(ap.Mentions, article.Mention{Start: s, End: e, Text: m.text})
				}
				ap.Count = len(ap.Mentions)
				places = append(places, ap)
			}
			got := Merge(tt.body, spansOf(t, tt.body, tt.spans), places)
			checkEntities(t, tt.body, got)
			if g := summary(got); strings.Join(g, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(g, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

// checkEntities checks what every result must satisfy.
func checkEntities(t *testing.T, body string, es []article.Entity) {
	t.Helper()
	prevFirst := -1
	for _, e := range es {
		if e.Count != len(e.Mentions) || e.Count == 0 {
			t.Errorf("%s: count %d, %d mentions", e.Name, e.Count, len(e.Mentions))
			continue
		}
		if e.Mentions[0].Start <= prevFirst {
			t.Errorf("%s: not in order of first mention", e.Name)
		}
		prevFirst = e.Mentions[0].Start
		for i, m := range e.Mentions {
			if m.Start < 0 || m.End > len(body) || m.Start >= m.End || body[m.Start:m.End] != m.Text {
				t.Errorf("%s: mention %+v does not match the body", e.Name, m)
			}
			if i > 0 && m.Start < e.Mentions[i-1].End {
				t.Errorf("%s: mentions out of order", e.Name)
			}
		}
		if e.Salience < 0 || e.Salience > 1 || e.Confidence <= 0 || e.Confidence > 1 {
			t.Errorf("%s: salience %v, confidence %v", e.Name, e.Salience, e.Confidence)
		}
	}
}

func TestMergeScores(t *testing.T) {
	body := "Alpha Beta met Gamma. Beta left. Beta came back."
	spans := spansOf(t, body, []at{{"Alpha Beta", 0, per, 0.8}, {"Gamma", 0, per, 0.6}, {"Beta", 2, per, 0.8}, {"Beta", 3, per, 0.8}})
	es := Merge(body, spans, nil)
	if len(es) != 2 {
		t.Fatalf("got %v", summary(es))
	}
	if es[0].Salience <= es[1].Salience {
		t.Errorf("the early, frequent entity has salience %v <= %v", es[0].Salience, es[1].Salience)
	}
	if math.Abs(es[0].Confidence-0.8) > 1e-9 || math.Abs(es[1].Confidence-0.6) > 1e-9 {
		t.Errorf("confidences %v, %v; want the mean of the mentions", es[0].Confidence, es[1].Confidence)
	}
	// A mixed group: the winning type's confidences summed over all mentions' count.
	mixed := Merge("Eli Lilly. Eli Lilly.", spansOf(t, "Eli Lilly. Eli Lilly.", []at{{"Eli Lilly", 1, org, 0.6}, {"Eli Lilly", 2, per, 0.4}}), nil)
	if len(mixed) != 1 || mixed[0].Type != org || math.Abs(mixed[0].Confidence-0.6/2) > 1e-9 {
		t.Errorf("mixed group: %+v", mixed)
	}
}

func TestMergeOddText(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		spans []at
		want  int // entities
	}{
		{"invalid UTF-8", "Maria \xff Lopez met Maria \xfe. Lopez \xc3", []at{{"Maria \xff Lopez", 0, per, 0}, {"Maria", 2, per, 0}, {"Lopez", 2, per, 0}}, 3}, // not a person's shape
		{"particles at the end", "Maria de", []at{{"Maria", 0, per, 0}}, 1},
		{"particles at the start", "de la", []at{{"la", 0, loc, 0}}, 1},
		{"brackets at the end", "International Monetary Fund (", []at{{"International Monetary Fund", 0, org, 0}}, 1},
		{"mixed scripts", "Владимир Путин и Путин. 習近平 met 習近平.", []at{{"Владимир Путин", 0, per, 0}, {"Путин", 2, per, 0}, {"習近平", 1, per, 0}, {"習近平", 2, per, 0}}, 2},
		{"only titles", "Mr President spoke.", []at{{"Mr President", 0, per, 0}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Merge(tt.body, spansOf(t, tt.body, tt.spans), nil)
			checkEntities(t, tt.body, got)
			if len(got) != tt.want {
				t.Errorf("got %q", summary(got))
			}
		})
	}
}

func TestMergeBadSpans(t *testing.T) {
	body := "Maria Lopez visited Lisbon."
	tests := []struct {
		name  string
		spans []Span
		want  int
	}{
		{"none", nil, 0},
		{"out of range", []Span{{Start: 20, End: 40, Type: loc, Confidence: 1}}, 0},
		{"empty", []Span{{Start: 3, End: 3, Type: loc, Confidence: 1}}, 0},
		{"overlap", []Span{{Start: 0, End: 11, Type: per, Confidence: 1}, {Start: 6, End: 11, Type: per, Confidence: 1}}, 1},
		{"no letters", []Span{{Start: 26, End: 27, Type: misc, Confidence: 1}}, 1},
		{"reversed", []Span{{Start: 11, End: 4, Type: org, Confidence: 1}}, 0},
		{"reversed before brackets", []Span{{Start: 11, End: 4, Type: org, Confidence: 1}, {Start: 20, End: 26, Type: loc, Confidence: 1}}, 1},
	}
	// A place with a reversed and an out-of-range mention, beside a good one.
	places := []article.Place{{Name: "Lisbon", Kind: article.PlaceCity, CountryCode: "PT", Mentions: []article.Mention{
		{Start: 26, End: 20, Text: ""}, {Start: 20, End: 99, Text: ""}, {Start: 20, End: 26, Text: "Lisbon"},
	}}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Merge(body, tt.spans, places)
			checkEntities(t, body, got)
			if len(got) != tt.want {
				t.Errorf("got %v", summary(got))
			}
		})
	}
}

// TestMergeLarge merges many mentions of many names that share words and initials: the
// bounds on ambiguous words keep this linear (it would take seconds if quadratic).
func TestMergeLarge(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	var b strings.Builder
	var spans []Span
	add := func(text, typ string) {
		spans = append(spans, Span{Start: b.Len(), End: b.Len() + len(text), Type: typ, Confidence: 0.9})
		b.WriteString(text)
		b.WriteString(" said. ")
	}
	for i := 0; i < n; i++ {
		suffix := string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676%26))
		add("John Q"+suffix, per)
		add("John", per)
		add("Acme Bank Q"+suffix, org)
		add("ABQ", org)
	}
	body := b.String()
	got := Merge(body, spans, nil)
	checkEntities(t, body, got)
	mentions := 0
	for _, e := range got {
		mentions += e.Count
	}
	if mentions != len(spans) {
		t.Errorf("%d mentions in, %d out", len(spans), mentions)
	}
}

func TestRepairSpans(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		spans []at
		want  []string // "TYPE text"
	}{
		{"person, particles, tagged rest", "Ursula von der Leyen spoke.", []at{{"Ursula", 0, per, 0}, {"Leyen", 0, loc, 0}}, []string{"PERSON Ursula von der Leyen"}},
		{"person, particle, untagged rest", "Lula da Silva spoke.", []at{{"Lula", 0, per, 0}}, []string{"PERSON Lula da Silva"}},
		{"capitalised particle before", "Von der Leyen spoke.", []at{{"Leyen", 0, loc, 0}}, []string{"LOCATION Von der Leyen"}},
		{"lower-case particle before", "They met van Gaal.", []at{{"Gaal", 0, per, 0}}, []string{"PERSON van Gaal"}},
		{"not after an untagged capitalised word", "Louis van Gaal spoke.", []at{{"Gaal", 0, per, 0}}, []string{"PERSON Gaal"}},
		{"not for a location", "Rio de Janeiro and Paris la Defense.", []at{{"Rio", 0, loc, 0}, {"Paris", 0, loc, 0}}, []string{"LOCATION Rio", "LOCATION Paris"}},
		{"not before lower case", "Maria de la casa.", []at{{"Maria", 0, per, 0}}, []string{"PERSON Maria"}},
		{"not into misc", "Carlos de Spanish.", []at{{"Carlos", 0, per, 0}, {"Spanish", 0, misc, 0}}, []string{"PERSON Carlos", "MISC Spanish"}},
		{"acronym swallowed", "The Lawn Tennis Association (LTA) said.", []at{{"Lawn Tennis Association (LTA)", 0, org, 0}}, []string{"ORGANIZATION Lawn Tennis Association", "ORGANIZATION LTA"}},
		{"brackets that are no acronym", "Maria Lopez (Spain) said.", []at{{"Maria Lopez (Spain)", 0, per, 0}}, []string{"PERSON Maria Lopez (Spain)"}},
		{"nothing to mend", "Emmanuel Macron.", []at{{"Emmanuel Macron", 0, per, 0}}, []string{"PERSON Emmanuel Macron"}},
		{"particle at the text's start", "de Gaulle spoke.", []at{{"Gaulle", 0, per, 0}}, []string{"PERSON de Gaulle"}},
		{"ran on into the sentence", "The Bank revealed that 48,000 jobs went.", []at{{"Bank revealed that 48,000", 0, org, 0}}, []string{"ORGANIZATION Bank"}},
		{"ran on after a connector name", "Tibbett & Britten last August agreed.", []at{{"Tibbett & Britten last August", 0, org, 0}}, []string{"ORGANIZATION Tibbett & Britten"}},
		{"lower-case words before the name", "The award-winning Rover 75 sold.", []at{{"award-winning Rover 75", 0, org, 0}}, []string{"ORGANIZATION Rover 75"}},
		{"possessive at the cut", "The Bank's latest minutes.", []at{{"Bank's latest", 0, org, 0}}, []string{"ORGANIZATION Bank"}},
		{"punctuation at the cut", "Liberty ) newspaper said.", []at{{"Liberty ) newspaper", 0, loc, 0}}, []string{"LOCATION Liberty"}},
		{"connectors inside a name stay", "The Ministry of the Interior and the Bank of England.", []at{{"Ministry of the Interior", 0, org, 0}, {"Bank of England", 0, org, 0}}, []string{"ORGANIZATION Ministry of the Interior", "ORGANIZATION Bank of England"}},
		{"a short particle inside a person's name stays", "Kengo wa Dondo resigned.", []at{{"Kengo wa Dondo", 0, per, 0}}, []string{"PERSON Kengo wa Dondo"}},
		{"a title of a work holds any word", "Gone with the Wind won.", []at{{"Gone with the Wind", 0, misc, 0}}, []string{"MISC Gone with the Wind"}},
		{"a title typed as an organisation keeps its inner words", "Four Weddings and a Funeral won.", []at{{"Four Weddings and a Funeral", 0, org, 0}}, []string{"ORGANIZATION Four Weddings and a Funeral"}},
		{"lower-case words inside a place's name stay", "Ships left Dar es Salaam.", []at{{"Dar es Salaam", 0, loc, 0}}, []string{"LOCATION Dar es Salaam"}},
		{"a long lower-case run with a capital far after", "The Dakar Biennale of contemporary African art opened on Thursday.", []at{{"Dakar Biennale of contemporary African art opened on Thursday", 0, org, 0}}, []string{"ORGANIZATION Dakar Biennale"}},
		{"a long lower-case word right before a capital stays", "Doctors without Borders said.", []at{{"Doctors without Borders", 0, org, 0}}, []string{"ORGANIZATION Doctors without Borders"}},
		{"a person's leading particle stays", "Striker dal Maso scored.", []at{{"dal Maso", 0, per, 0}}, []string{"PERSON dal Maso"}},
		{"punctuation on a clause word", "Barclays said, adding more.", []at{{"Barclays said,", 0, org, 0}}, []string{"ORGANIZATION Barclays"}},
		{"a no-break space separates words", "The Bank\u00a0revealed nothing.", []at{{"Bank\u00a0revealed", 0, org, 0}}, []string{"ORGANIZATION Bank"}},
		{"a title of a work stops at a clause word", "The V8 Vantage will be available.", []at{{"V8 Vantage will be available", 0, misc, 0}}, []string{"MISC V8 Vantage"}},
		{"nothing capitalised would remain", "the new one", []at{{"the new one", 0, org, 0}}, []string{"ORGANIZATION the new one"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range repairSpans(tt.body, spansOf(t, tt.body, tt.spans)) {
				got = append(got, s.Type+" "+tt.body[s.Start:s.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPropagate(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		spans []at
		want  []string // texts of the added mentions
	}{
		{"folded surname", "Recep Tayyip Erdoğan spoke. Erdogan left later.", []at{{"Recep Tayyip Erdoğan", 0, per, 0}}, []string{"Erdogan"}},
		{"possessive and honorific", "Kylian Mbappé scored. Mbappé's goal. Mr Mbappe smiled.", []at{{"Kylian Mbappé", 0, per, 0}}, []string{"Mbappé", "Mbappe"}},
		{"already tagged", "Kylian Mbappé scored. Mbappe won.", []at{{"Kylian Mbappé", 0, per, 0}, {"Mbappe", 0, org, 0}}, nil},
		{"part of a longer name", "Neil Young sang. Young Americans and Paul Young.", []at{{"Neil Young", 0, per, 0}}, nil},
		{"written in lower case too", "Neil Young sang. Young people are young.", []at{{"Neil Young", 0, per, 0}}, nil},
		{"not a person's shape", "CNBC Friday said. On Friday it fell.", []at{{"CNBC Friday", 0, per, 0}}, nil},
		{"headline capitals", "Kylian Mbappé scored. MBAPPE WINS.", []at{{"Kylian Mbappé", 0, per, 0}}, nil},
		{"short surname", "Li Na won. Na left.", []at{{"Li Na", 0, per, 0}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := prepare(tt.body, spansOf(t, tt.body, tt.spans), nil)
			n := len(ms)
			out := propagate(tt.body, ms)
			var added []string
			for _, m := range out {
				if m.conf == propagatedConfidence {
					added = append(added, m.text)
					if tt.body[m.start:m.end] != m.text || m.typ != per {
						t.Errorf("bad mention %+v", m)
					}
				}
			}
			if len(out) != n+len(added) || strings.Join(added, "|") != strings.Join(tt.want, "|") {
				t.Errorf("added %q, want %q", added, tt.want)
			}
			for i := 1; i < len(out); i++ {
				if out[i].start < out[i-1].end {
					t.Errorf("mentions out of order: %q then %q", out[i-1].text, out[i].text)
				}
			}
		})
	}
}

func TestPersonShaped(t *testing.T) {
	tests := map[string]bool{
		"Kylian Mbappé":                   true,
		"George W Bush":                   true,
		"C.C. Wei":                        true,
		"Ursula von der Leyen":            true,
		"Bashar al-Assad":                 true,
		"Lee Jae-myung":                   true,
		"Martin Luther King Jr.":          true,
		"Putin":                           false,
		"CNBC Friday":                     false,
		"Blair and Mr Brown":              false,
		"Preston North End respectively.": false,
	}
	for name, want := range tests {
		t.Run(name, func(t *testing.T) {
			if got := personShaped(name); got != want {
				t.Errorf("personShaped(%q) = %v", name, got)
			}
		})
	}
}
