package canon

import (
	"slices"
	"testing"
)

func TestFoldWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		key  string
	}{
		{"Díaz-Canel", []string{"diaz", "canel"}, "diazcanel"},
		{"Diaz Canel", []string{"diaz", "canel"}, "diazcanel"},
		{"U.S.", []string{"u", "s"}, "us"},
		{"US", []string{"us"}, "us"},
		{"O'Neill", []string{"o", "neill"}, "oneill"},
		{"Erdoğan", []string{"erdogan"}, "erdogan"},
		{"Straße Øresund Łódź", []string{"strasse", "oresund", "lodz"}, "strasseoresundlodz"},
		{"Mbappé", []string{"mbappe"}, "mbappe"},
		{"Mbappe\u0301", []string{"mbappe"}, "mbappe"}, // decomposed accent
		{"G7 2024", []string{"g7", "2024"}, "g72024"},
		{"Путин", []string{"путин"}, "путин"},
		{"--", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := foldWords(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("foldWords(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := foldKey(tt.in); got != tt.key {
				t.Errorf("foldKey(%q) = %q, want %q", tt.in, got, tt.key)
			}
		})
	}
}

func TestStripTitle(t *testing.T) {
	tests := []struct {
		name      string
		person    bool
		want      string
		honorific bool
	}{
		{"President Emmanuel Macron", true, "Emmanuel Macron", false},
		{"Prime Minister Keir Starmer", true, "Keir Starmer", false},
		{"Mr Putin", true, "Putin", true},
		{"Mr. Putin", false, "Putin", true},
		{"Dr Tedros", false, "Tedros", true},
		{"Foreign Minister Dmytro Kuleba", true, "Dmytro Kuleba", false},
		{"General Motors", false, "General Motors", false},
		{"Prime Video", true, "Prime Video", false}, // a modifier without a title
		{"President", true, "President", false},     // never the last word
		{"King", true, "King", false},
		{"Martin Luther King", true, "Martin Luther King", false},
		{"Mr de Gaulle", true, "Mr de Gaulle", false}, // stops before a lower-case word
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			skip, hon := stripTitle(tt.name, tt.person)
			if got := tt.name[skip:]; got != tt.want || hon != tt.honorific {
				t.Errorf("stripTitle(%q, %v) = %q, %v; want %q, %v", tt.name, tt.person, got, hon, tt.want, tt.honorific)
			}
		})
	}
}

func TestAcronyms(t *testing.T) {
	shaped := map[string]bool{"IMF": true, "U.N.": true, "G7": true, "AT&T": true, "BoE": false, "I": false, "Imf": false, "NATO OTAN": false}
	for s, want := range shaped {
		t.Run("shape "+s, func(t *testing.T) {
			if got := acronymShaped(s); got != want {
				t.Errorf("acronymShaped(%q) = %v", s, got)
			}
		})
	}
	defs := []struct {
		rest, key string
		ok        bool
	}{
		{" (IMF) cut", "imf", true},
		{"(U.N.)", "un", true},
		{" (the IMF)", "", false},
		{" said", "", false},
		{" (IMF", "", false},
		{" (ABCDEFGHIJKLMNOP)", "", false},
	}
	for _, d := range defs {
		t.Run("definition "+d.rest, func(t *testing.T) {
			key, ok := definedAcronym(d.rest)
			if key != d.key || ok != d.ok {
				t.Errorf("definedAcronym(%q) = %q, %v", d.rest, key, ok)
			}
		})
	}
	inits := []struct{ name, all, caps string }{
		{"Food and Drug Administration", "fada", "fda"},
		{"Médecins Sans Frontières", "msf", "msf"},
		{"Group of 7", "go7", "g7"},
	}
	for _, in := range inits {
		t.Run("initials "+in.name, func(t *testing.T) {
			all, caps := initialsOf(in.name)
			if all != in.all || caps != in.caps {
				t.Errorf("initialsOf(%q) = %q, %q", in.name, all, caps)
			}
		})
	}
}

func TestTransferAccents(t *testing.T) {
	tests := []struct{ name, variant, want string }{
		{"Miguel Diaz-Canel", "Díaz-Canel", "Miguel Díaz-Canel"},
		{"Miguel Diaz Canel", "Díaz-Canel", "Miguel Díaz Canel"},
		{"Recep Tayyip Erdogan", "Erdoğan", "Recep Tayyip Erdoğan"},
		{"Jose Maria Aznar", "José María", "José María Aznar"},
		{"Kylian Mbappe", "MBAPPÉ", "Kylian Mbappe"}, // another case: left alone
		{"Kylian Mbappe", "Mbappo", "Kylian Mbappe"},
		{"Bill Clinton", "Clintón Foundation", "Bill Clinton"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"+"+tt.variant, func(t *testing.T) {
			if got := transferAccents(tt.name, tt.variant); got != tt.want {
				t.Errorf("transferAccents(%q, %q) = %q, want %q", tt.name, tt.variant, got, tt.want)
			}
		})
	}
}
