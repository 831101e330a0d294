package imapdconf

import (
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in, unit string
		want     time.Duration
		ok       bool
	}{
		{"30", "", 30 * time.Second, true},
		{"30", "m", 30 * time.Minute, true},
		{"2", "d", 48 * time.Hour, true},
		{"0", "m", 0, true},
		{"90s", "m", 90 * time.Second, true},
		{"5m", "", 5 * time.Minute, true},
		{"1h30m", "", 90 * time.Minute, true},
		{"1d2h3m4s", "s", 26*time.Hour + 3*time.Minute + 4*time.Second, true},
		{"2H", "", 2 * time.Hour, true},
		{"-1", "d", -24 * time.Hour, true},
		{"-5m", "", -5 * time.Minute, true},
		{"", "", 0, false},
		{"-", "", 0, false},
		{"m", "", 0, false},
		{"1h30", "m", 0, false}, // a trailing bare number is ambiguous
		{"1x", "", 0, false},
		{"1.5h", "", 0, false},
		{"1h 30m", "", 0, false},
		{"+5", "", 0, false},
		{"--5", "", 0, false},
		{"99999999999999999999", "", 0, false},
		{"106751d", "", 106751 * 24 * time.Hour, true},
		{"106752d", "", 0, false},
		{"106751d23h59m59s", "", 0, false}, // sum past the largest Duration
	}
	for _, tt := range tests {
		got, err := parseDuration(tt.in, tt.unit)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseDuration(%q, %q) = %v, %v; want %v, ok %v", tt.in, tt.unit, got, err, tt.want, tt.ok)
		}
	}
}

func FuzzDuration(f *testing.F) {
	for _, s := range []string{"30", "1h30m", "-1", "2d", "99999999999999999999s", "1h30", "5M", ""} {
		f.Add(s, "m")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, s, unit string) {
		if unit != "" && unit != "s" && unit != "m" && unit != "h" && unit != "d" {
			return // units come from the table, never from input
		}
		d, err := parseDuration(s, unit)
		if err != nil && d != 0 {
			t.Errorf("parseDuration(%q) = %v with error %v", s, d, err)
		}
	})
}
