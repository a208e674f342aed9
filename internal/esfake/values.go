package esfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// kind is the JSON kind of a raw value, from its first byte.
type kind int

const (
	kindNull kind = iota
	kindObject
	kindArray
	kindString
	kindNumber
	kindBool
)

func kindOf(raw []byte) kind {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return kindNull
	}
	switch raw[0] {
	case '{':
		return kindObject
	case '[':
		return kindArray
	case '"':
		return kindString
	case 't', 'f':
		return kindBool
	case 'n':
		return kindNull
	default:
		return kindNumber
	}
}

// scalarText is the text of a string, number or boolean value.
func scalarText(raw []byte) string {
	if kindOf(raw) == kindString {
		var s string
		_ = json.Unmarshal(raw, &s)
		return s
	}
	return string(bytes.TrimSpace(raw))
}

// dateRE is strict_date_optional_time: a date, optionally a time, optionally a zone.
var dateRE = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$`)

// parseDate reads a date as the default format strict_date_optional_time||epoch_millis does.
func parseDate(raw []byte) (time.Time, error) {
	k := kindOf(raw)
	text := scalarText(raw)
	if k == kindNumber || (k == kindString && isNumeric(text)) {
		ms, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsInf(ms, 0) || math.IsNaN(ms) {
			return time.Time{}, fmt.Errorf("failed to parse date field [%s] with format [epoch_millis]", text)
		}
		return time.UnixMilli(int64(ms)).UTC(), nil
	}
	if k != kindString {
		return time.Time{}, fmt.Errorf("failed to parse date field [%s] with format [strict_date_optional_time||epoch_millis]", text)
	}
	m := dateRE.FindStringSubmatch(text)
	if m == nil {
		return time.Time{}, fmt.Errorf("failed to parse date field [%s] with format [strict_date_optional_time||epoch_millis]", text)
	}
	num := func(s string, def int) int {
		if s == "" {
			return def
		}
		n, _ := strconv.Atoi(s)
		return n
	}
	year, month, day := num(m[1], 0), num(m[2], 1), num(m[3], 1)
	hour, minute, sec := num(m[4], 0), num(m[5], 0), num(m[6], 0)
	nanos := 0
	if m[7] != "" {
		nanos = num((m[7] + "000000000")[:9], 0)
	}
	loc := time.UTC
	if z := m[8]; z != "" && z != "Z" {
		digits := strings.ReplaceAll(z[1:], ":", "")
		off := num(digits[:2], 0) * 3600
		if len(digits) == 4 {
			off += num(digits[2:], 0) * 60
		}
		if z[0] == '-' {
			off = -off
		}
		loc = time.FixedZone("", off)
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nanos, loc)
	// time.Date normalises 2024-02-30 into March; Elasticsearch refuses it.
	if t.Month() != time.Month(month) || t.Day() != day || t.Hour() != hour || t.Minute() != minute || t.Second() != sec {
		return time.Time{}, fmt.Errorf("failed to parse date field [%s] with format [strict_date_optional_time||epoch_millis]", text)
	}
	return t.UTC(), nil
}

func isNumeric(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil && s != ""
}

// parseNumber reads a number (or a numeric string: coerce is on by default).
func parseNumber(raw []byte) (float64, error) {
	k := kindOf(raw)
	text := scalarText(raw)
	if k != kindNumber && k != kindString {
		return 0, fmt.Errorf("For input string: \"%s\"", preview(text))
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("For input string: \"%s\"", preview(text))
	}
	return v, nil
}

// integerRanges bounds the integer field types.
var integerRanges = map[string][2]float64{
	"long":    {math.MinInt64, math.MaxInt64},
	"integer": {math.MinInt32, math.MaxInt32},
	"short":   {math.MinInt16, math.MaxInt16},
	"byte":    {math.MinInt8, math.MaxInt8},
}

func parseBool(raw []byte) error {
	switch k := kindOf(raw); k {
	case kindBool:
		return nil
	case kindString:
		switch scalarText(raw) {
		case "true", "false", "":
			return nil
		}
	}
	return fmt.Errorf("Failed to parse value [%s] as only [true] or [false] are allowed.", preview(scalarText(raw)))
}

// geoPoint is a parsed geo_point.
type geoPoint struct{ lat, lon float64 }

var wktPointRE = regexp.MustCompile(`(?i)^\s*POINT\s*\(\s*(\S+)\s+(\S+)\s*\)\s*$`)

// parseGeoPoint reads one geo_point in any of Elasticsearch's forms: {"lat":..,"lon":..},
// "lat,lon", a geohash, "POINT (lon lat)" or [lon, lat], and checks its range.
func parseGeoPoint(raw []byte, field string) (geoPoint, error) {
	var p geoPoint
	switch kindOf(raw) {
	case kindObject:
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return p, err
		}
		for k := range m {
			if k != "lat" && k != "lon" {
				return p, fmt.Errorf("field [%s] not supported - must be one of: lon, lat, z, type, coordinates, geohash", k)
			}
		}
		lat, ok := m["lat"]
		if !ok {
			return p, fmt.Errorf("field [lat] missing")
		}
		lon, ok := m["lon"]
		if !ok {
			return p, fmt.Errorf("field [lon] missing")
		}
		var err error
		if p.lat, err = parseNumber(lat); err != nil {
			return p, fmt.Errorf("latitude must be a number")
		}
		if p.lon, err = parseNumber(lon); err != nil {
			return p, fmt.Errorf("longitude must be a number")
		}
	case kindArray:
		var nums []json.RawMessage
		if err := json.Unmarshal(raw, &nums); err != nil {
			return p, err
		}
		if len(nums) < 2 || len(nums) > 3 {
			return p, fmt.Errorf("[geo_point] field type should be defined as [lon, lat] with an optional z value")
		}
		var err error
		if p.lon, err = parseNumber(nums[0]); err != nil {
			return p, fmt.Errorf("numeric value expected")
		}
		if p.lat, err = parseNumber(nums[1]); err != nil {
			return p, fmt.Errorf("numeric value expected")
		}
	case kindString:
		s := scalarText(raw)
		if m := wktPointRE.FindStringSubmatch(s); m != nil {
			lon, err1 := strconv.ParseFloat(m[1], 64)
			lat, err2 := strconv.ParseFloat(m[2], 64)
			if err1 != nil || err2 != nil {
				return p, fmt.Errorf("invalid WKT point [%s]", preview(s))
			}
			p = geoPoint{lat: lat, lon: lon}
		} else if lat, lon, ok := strings.Cut(s, ","); ok {
			var err1, err2 error
			p.lat, err1 = strconv.ParseFloat(strings.TrimSpace(lat), 64)
			p.lon, err2 = strconv.ParseFloat(strings.TrimSpace(lon), 64)
			if err1 != nil || err2 != nil {
				return p, fmt.Errorf("[%s] must be in the form lat,lon", preview(s))
			}
		} else {
			var err error
			if p, err = decodeGeohash(s); err != nil {
				return p, err
			}
		}
	default:
		return p, fmt.Errorf("geo_point expected")
	}
	if math.IsNaN(p.lat) || p.lat < -90 || p.lat > 90 {
		return p, fmt.Errorf("illegal latitude value [%v] for %s", p.lat, field)
	}
	if math.IsNaN(p.lon) || p.lon < -180 || p.lon > 180 {
		return p, fmt.Errorf("illegal longitude value [%v] for %s", p.lon, field)
	}
	return p, nil
}

const geohashAlphabet = "0123456789bcdefghjkmnpqrstuvwxyz"

func decodeGeohash(s string) (geoPoint, error) {
	if s == "" || len(s) > 12 {
		return geoPoint{}, fmt.Errorf("unsupported symbol in geohash [%s]", preview(s))
	}
	latLo, latHi, lonLo, lonHi := -90.0, 90.0, -180.0, 180.0
	even := true
	for _, c := range s {
		v := strings.IndexRune(geohashAlphabet, c)
		if v < 0 {
			return geoPoint{}, fmt.Errorf("unsupported symbol [%c] in geohash [%s]", c, preview(s))
		}
		for bit := 4; bit >= 0; bit-- {
			on := v&(1<<bit) != 0
			if even {
				mid := (lonLo + lonHi) / 2
				if on {
					lonLo = mid
				} else {
					lonHi = mid
				}
			} else {
				mid := (latLo + latHi) / 2
				if on {
					latLo = mid
				} else {
					latHi = mid
				}
			}
			even = !even
		}
	}
	return geoPoint{lat: (latLo + latHi) / 2, lon: (lonLo + lonHi) / 2}, nil
}
