package lexbuild

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// country merges one country's records from countries.json (ruby-countries) and
// iso_3166-1.json (iso-codes).
type country struct {
	alpha2, alpha3 string
	// common and isoName are iso-codes' common name (when it has one) and short name.
	common, isoName string
	// names are the ISO and ruby-countries names (short, common, official), as written.
	names []string
	// unofficial are ruby-countries' unofficial names, in many languages.
	unofficial []string
	// nationalities are the demonyms ("French"), split where the source lists several.
	nationalities []string
	lat, lon      float64
	hasGeo        bool
}

type rubyCountry struct {
	Alpha2          string   `json:"alpha2"`
	Alpha3          string   `json:"alpha3"`
	Name            string   `json:"name"`
	Nationality     string   `json:"nationality"`
	UnofficialNames []string `json:"unofficial_names"`
	Geo             *struct {
		Latitude  float64 `json:"latitude"`
		Longitude float64 `json:"longitude"`
	} `json:"geo"`
}

type isoCountry struct {
	Alpha2       string `json:"alpha_2"`
	Alpha3       string `json:"alpha_3"`
	Name         string `json:"name"`
	CommonName   string `json:"common_name"`
	OfficialName string `json:"official_name"`
}

// readCountries returns the countries of both sources, ordered by alpha-2 code.
func readCountries(dir string) ([]*country, error) {
	var ruby map[string]rubyCountry
	if err := readJSON(filepath.Join(dir, "countries.json"), &ruby); err != nil {
		return nil, err
	}
	var iso struct {
		Countries []isoCountry `json:"3166-1"`
	}
	if err := readJSON(filepath.Join(dir, "iso_3166-1.json"), &iso); err != nil {
		return nil, err
	}
	byCode := make(map[string]*country)
	get := func(a2 string) *country {
		c := byCode[a2]
		if c == nil {
			c = &country{alpha2: a2}
			byCode[a2] = c
		}
		return c
	}
	for _, e := range iso.Countries {
		if len(e.Alpha2) != 2 {
			continue
		}
		c := get(e.Alpha2)
		c.alpha3 = e.Alpha3
		c.common, c.isoName = e.CommonName, e.Name
		// The common name first: it is the one newsrooms use ("Iran", "Syria").
		c.names = appendNonEmpty(c.names, e.CommonName, e.Name, e.OfficialName)
	}
	for code, r := range ruby {
		if len(code) != 2 {
			continue
		}
		c := get(code)
		if c.alpha3 == "" {
			c.alpha3 = r.Alpha3
		}
		c.names = appendNonEmpty(c.names, r.Name)
		c.unofficial = append(c.unofficial, r.UnofficialNames...)
		// "Antiguan, Barbudan" and "Kittian and Nevisian" are two demonyms each; "Turks and
		// Caicos Islander" is one.
		for _, n := range strings.Split(r.Nationality, ",") {
			n = strings.TrimSpace(n)
			a, b, ok := strings.Cut(n, " and ")
			if ok && !strings.Contains(a, " ") && !strings.Contains(b, " ") {
				c.nationalities = appendNonEmpty(c.nationalities, a, b)
			} else {
				c.nationalities = appendNonEmpty(c.nationalities, n)
			}
		}
		if r.Geo != nil && (r.Geo.Latitude != 0 || r.Geo.Longitude != 0) {
			c.lat, c.lon, c.hasGeo = r.Geo.Latitude, r.Geo.Longitude, true
		}
	}
	out := make([]*country, 0, len(byCode))
	for _, c := range byCode {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].alpha2 < out[j].alpha2 })
	return out, nil
}

// city is one row of geonames_cities1000.tsv.
type city struct {
	id       int64
	name     string
	cc       string
	admin1   string
	feature  string
	pop      int64
	lat, lon float64
}

func (c *city) capital() bool { return c.feature == "PPLC" }

// readCities returns every row of the GeoNames table, in file order.
func readCities(path string) ([]*city, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open cities: %w", err)
	}
	defer f.Close()
	var out []*city
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if line == 1 {
			continue // header
		}
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) != 8 {
			return nil, fmt.Errorf("%s:%d: want 8 fields, got %d", path, line, len(fs))
		}
		c := &city{name: fs[1], cc: fs[2], admin1: fs[3], feature: fs[4]}
		var errs [4]error
		c.id, errs[0] = strconv.ParseInt(fs[0], 10, 64)
		c.pop, errs[1] = strconv.ParseInt(fs[5], 10, 64)
		c.lat, errs[2] = strconv.ParseFloat(fs[6], 64)
		c.lon, errs[3] = strconv.ParseFloat(fs[7], 64)
		for _, e := range errs {
			if e != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, line, e)
			}
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read cities: %w", err)
	}
	return out, nil
}

// subdivision is one ISO 3166-2 entry.
type subdivision struct {
	cc     string // ISO 3166-1 alpha-2 of its country
	suffix string // the code after "CC-", which GeoNames uses as admin1 for some countries
	name   string
}

func readSubdivisions(dir string) ([]subdivision, error) {
	var iso struct {
		Subdivisions []struct {
			Code string `json:"code"`
			Name string `json:"name"`
		} `json:"3166-2"`
	}
	if err := readJSON(filepath.Join(dir, "iso_3166-2.json"), &iso); err != nil {
		return nil, err
	}
	out := make([]subdivision, 0, len(iso.Subdivisions))
	for _, s := range iso.Subdivisions {
		cc, suffix, ok := strings.Cut(s.Code, "-")
		if !ok || len(cc) != 2 {
			continue
		}
		out = append(out, subdivision{cc: cc, suffix: suffix, name: s.Name})
	}
	return out, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", filepath.Base(path), err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("parse %s: %w", filepath.Base(path), err)
	}
	return nil
}

func appendNonEmpty(dst []string, ss ...string) []string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			dst = append(dst, s)
		}
	}
	return dst
}
