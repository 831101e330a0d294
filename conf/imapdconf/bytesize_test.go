package imapdconf

import (
	"math"
	"testing"
)

func TestParseByteSize(t *testing.T) {
	tests := []struct {
		in, unit string
		want     int64
		ok       bool
	}{
		{"100", "", 100, true},
		{"100", "K", 100 << 10, true},
		{"0", "K", 0, true},
		{"64B", "", 64, true},
		{"1K", "", 1024, true},
		{"1kb", "", 1024, true},
		{"1KiB", "", 1024, true},
		{"10M", "K", 10 << 20, true},
		{"10MB", "", 10 << 20, true},
		{"10MiB", "", 10 << 20, true},
		{"1G", "", 1 << 30, true},
		{"1gb", "", 1 << 30, true},
		{"2GiB", "", 2 << 30, true},
		{"10 M", "", 10 << 20, true},
		{"-1", "K", -1, true},
		{"-5M", "", -1, true},
		{"-0", "", 0, true},
		{"", "", 0, false},
		{"K", "", 0, false},
		{"1T", "", 0, false},
		{"1.5M", "", 0, false},
		{"1MM", "", 0, false},
		{"+1", "", 0, false},
		{"8589934591G", "", 8589934591 << 30, true},
		{"8589934592G", "", 0, false},
		{"99999999999999999999", "", 0, false},
		{"9223372036854775807", "", math.MaxInt64, true},
	}
	for _, tt := range tests {
		got, err := parseByteSize(tt.in, tt.unit)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseByteSize(%q, %q) = %d, %v; want %d, ok %v", tt.in, tt.unit, got, err, tt.want, tt.ok)
		}
	}
}

func FuzzByteSize(f *testing.F) {
	for _, s := range []string{"100", "10M", "-1", "1KiB", "64B", "8589934592G", "1 T", ""} {
		f.Add(s, "K")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, s, unit string) {
		if unit != "" && unit != "K" && unit != "M" && unit != "G" {
			return // units come from the table, never from input
		}
		n, err := parseByteSize(s, unit)
		if err != nil && n != 0 || n < -1 {
			t.Errorf("parseByteSize(%q) = %d, %v", s, n, err)
		}
	})
}
