package geo

import (
	"testing"

	"github.com/newsflow/newsflow/enricher/geo/internal/token"
)

func TestAbbreviationAt(t *testing.T) {
	tests := []struct {
		text     string
		letters  string
		initials bool
	}{
		{"Calif., April", "Calif", false},
		{"MICH., April", "MICH", false},
		{"N.Y., April", "NY", true},
		{"D.C. today", "DC", true},
		{"Pa.", "Pa", false},
		{"California.", "", false},        // too long for an abbreviation
		{"Calif , x", "", false},          // no full stop
		{"calif.", "", false},             // not capitalised
		{"N. Y.", "", false},              // spaced initials
		{"N.", "", false},                 // one initial
		{"A1.", "", false},                // not letters
		{"U.S.A.I.D.X.Y.", "USAID", true}, // at most maxAbbrev initials
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			toks := token.Scan(tc.text, nil)
			letters, initials := abbreviationAt(tc.text, toks, 0)
			if letters != tc.letters || letters != "" && initials != tc.initials {
				t.Errorf("abbreviationAt(%q) = %q, %v; want %q, %v", tc.text, letters, initials, tc.letters, tc.initials)
			}
		})
	}
}

func TestAbbreviates(t *testing.T) {
	tests := []struct {
		letters  string
		initials bool
		name     string
		want     bool
	}{
		{"Calif", false, "California", true},
		{"Pa", false, "Pennsylvania", true},
		{"MICH", false, "Michigan", true},
		{"Fla", false, "Florida", true},
		{"Mass", false, "Minnesota", false},
		{"Va", false, "West Virginia", false}, // the first letter must start the name
		{"Ohio", false, "Ohio", false},        // the whole name is not an abbreviation
		{"NY", true, "New York", true},
		{"DC", true, "District of Columbia", true},
		{"NY", true, "Nevada", false},
	}
	for _, tc := range tests {
		if got := abbreviates(tc.letters, tc.initials, tc.name); got != tc.want {
			t.Errorf("abbreviates(%q, %v, %q) = %v, want %v", tc.letters, tc.initials, tc.name, got, tc.want)
		}
	}
}
