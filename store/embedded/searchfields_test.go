package embedded

import (
	"strconv"
	"testing"
	"time"
)

func TestHourOf(t *testing.T) {
	for _, tc := range []struct {
		name string
		t    time.Time
		want int64
	}{
		{"epoch", time.Unix(0, 0), 0},
		{"just before the epoch", time.Unix(-1, 0), -1},
		{"an hour before the epoch", time.Unix(-3600, 0), -1},
		{"just over an hour before", time.Unix(-3601, 0), -2},
		{"late in the first hour", time.Unix(3599, 999_000_000), 0},
		{"2026", time.Date(2026, 11, 27, 5, 30, 0, 0, time.UTC), 498821},
		{"other zone, same instant", time.Date(2026, 11, 27, 6, 30, 0, 0, time.FixedZone("CET", 3600)), 498821},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := hourOf(tc.t)
			if got != tc.want {
				t.Fatalf("hourOf(%v) = %d, want %d", tc.t, got, tc.want)
			}
			back, ok := parseHour([]byte(strconv.FormatInt(got, 10)))
			if !ok || back != got {
				t.Fatalf("parseHour(%d) = %d, %v", got, back, ok)
			}
		})
	}
	for _, bad := range []string{"", "-", "12a", "1234567890123456789", "+5"} {
		t.Run("bad "+bad, func(t *testing.T) {
			if _, ok := parseHour([]byte(bad)); ok {
				t.Fatalf("parseHour(%q) ok", bad)
			}
		})
	}
}
