package lexbuild

import (
	"slices"
	"testing"
)

func TestNameForms(t *testing.T) {
	tests := []struct {
		in           string
		names, codes []string
	}{
		{"France", []string{"France"}, nil},
		{"Iran, Islamic Republic of", []string{"Islamic Republic of Iran", "Iran"}, nil},
		{"Virgin Islands, British", []string{"British Virgin Islands", "Virgin Islands"}, nil},
		{"Bonaire, Sint Eustatius and Saba", []string{"Bonaire"}, nil},
		{"Bolivia (Plurinational State of)", []string{"Bolivia", "Plurinational State of Bolivia"}, nil},
		{"Congo (The Democratic Republic Of The)", []string{"Congo", "Democratic Republic of the Congo"}, nil},
		{"Cote D'Ivoire (Ivory Coast)", []string{"Cote D'Ivoire", "Ivory Coast"}, nil},
		{"Great Britain (UK)", []string{"Great Britain"}, []string{"UK"}},
		{"Congo [DRC]", []string{"Congo"}, []string{"DRC"}},
		{"Korea (South)", []string{"Korea"}, nil},
		{"the French Republic", []string{"French Republic"}, nil},
		{"  Spaced   out  ", []string{"Spaced out"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			names, codes := nameForms(tc.in)
			if !slices.Equal(names, tc.names) || !slices.Equal(codes, tc.codes) {
				t.Errorf("nameForms(%q) = %q, %q; want %q, %q", tc.in, names, codes, tc.names, tc.codes)
			}
		})
	}
}

func TestSpellings(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Paris", []string{"Paris"}},
		{"Zürich", []string{"Zürich", "Zurich"}},
		{"Saint John’s", []string{"Saint John’s", "Saint John's", "St. John’s", "St John’s", "St. John's", "St John's"}},
		{"Hồ Chí Minh", []string{"Hồ Chí Minh", "Ho Chi Minh"}},
		{"Łódź", []string{"Łódź", "Lodz"}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := spellings(tc.in); !slices.Equal(got, tc.want) {
				t.Errorf("spellings(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestInitialism(t *testing.T) {
	for in, want := range map[string]string{
		"United States":                    "US",
		"United Arab Emirates":             "UAE",
		"Democratic Republic of the Congo": "DRC",
		"France":                           "",
		"Guinea-Bissau and Friends":        "",
	} {
		if got := initialism(in); got != want {
			t.Errorf("initialism(%q) = %q, want %q", in, got, want)
		}
	}
	if got := dotted("US"); got != "U.S." {
		t.Errorf("dotted = %q", got)
	}
}

func TestCityForms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Paris", nil},
		{"Washington, D.C.", []string{"Washington D.C.", "Washington DC", "Washington"}},
		{"Halle (Saale)", []string{"Halle"}},
		{"Palikir - National Government Center", []string{"Palikir"}},
		{"The Hague", []string{"Hague"}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := cityForms(tc.in); !slices.Equal(got, tc.want) {
				t.Errorf("cityForms(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestKey(t *testing.T) {
	if a, b := key("U.S."), key("U . S ."); a != b || a != "U . S ." {
		t.Errorf("key: %q, %q", a, b)
	}
	if k := key("Washington,  D.C."); k != "Washington , D . C ." {
		t.Errorf("key = %q", k)
	}
}
