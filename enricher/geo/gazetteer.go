package geo

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// gazetteer is what the evaluation reads from ../shared/data/gazetteer at run time (never
// embedded): every country's names and demonym, and every GeoNames city. The tagger itself
// uses only the generated lexicon.
type gazetteer struct {
	countries []gazCountry
	cities    []gazCity
}

type gazCountry struct {
	cc, alpha3 string
	names      []string // ruby-countries' name and unofficial names, iso-codes' names
	demonym    string
}

type gazCity struct {
	name, cc   string
	population int64
	capital    bool
}

// readGazetteer reads countries.json, iso_3166-1.json and geonames_cities1000.tsv in dir.
func readGazetteer(dir string) (*gazetteer, error) {
	var ruby map[string]struct {
		Name        string   `json:"name"`
		Alpha3      string   `json:"alpha3"`
		Unofficial  []string `json:"unofficial_names"`
		Nationality string   `json:"nationality"`
	}
	if err := readJSONFile(filepath.Join(dir, "countries.json"), &ruby); err != nil {
		return nil, err
	}
	var iso struct {
		Countries []struct {
			Alpha2   string `json:"alpha_2"`
			Name     string `json:"name"`
			Official string `json:"official_name"`
			Common   string `json:"common_name"`
		} `json:"3166-1"`
	}
	if err := readJSONFile(filepath.Join(dir, "iso_3166-1.json"), &iso); err != nil {
		return nil, err
	}
	isoNames := make(map[string][]string, len(iso.Countries))
	for _, c := range iso.Countries {
		isoNames[c.Alpha2] = append(isoNames[c.Alpha2], c.Name, c.Official, c.Common)
	}
	g := new(gazetteer)
	for cc, c := range ruby {
		gc := gazCountry{cc: cc, alpha3: c.Alpha3, demonym: c.Nationality}
		for _, n := range append(append([]string{c.Name}, c.Unofficial...), isoNames[cc]...) {
			if n != "" {
				gc.names = append(gc.names, n)
			}
		}
		g.countries = append(g.countries, gc)
	}
	var err error
	if g.cities, err = readCities(filepath.Join(dir, "geonames_cities1000.tsv")); err != nil {
		return nil, err
	}
	return g, nil
}

func readJSONFile(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read gazetteer: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("read gazetteer %s: %w", filepath.Base(path), err)
	}
	return nil
}

// readCities reads GeoNames' cities1000 TSV: id, name, country, admin1, feature code,
// population, lat, lon, with a header line.
func readCities(path string) ([]gazCity, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read gazetteer: %w", err)
	}
	defer f.Close()
	var out []gazCity
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		fs := strings.Split(sc.Text(), "\t")
		if first || len(fs) < 6 {
			continue
		}
		pop, _ := strconv.ParseInt(fs[5], 10, 64)
		out = append(out, gazCity{name: fs[1], cc: fs[2], population: pop, capital: fs[4] == "PPLC"})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read gazetteer: %w", err)
	}
	return out, nil
}
