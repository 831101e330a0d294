package main

import (
	"slices"
	"testing"
)

func TestParseSizes(t *testing.T) {
	tests := []struct {
		in   string
		want []int
		err  bool
	}{
		{"1000", []int{1000}, false},
		{"1000,10000", []int{1000, 10000}, false},
		{" 10 , 20 ", []int{10, 20}, false},
		{"", nil, true},
		{"1000,", nil, true},
		{"0", nil, true},
		{"-5", nil, true},
		{"1e3", nil, true},
		{"2000000", nil, true},
	}
	for _, tt := range tests {
		got, err := parseSizes(tt.in)
		if (err != nil) != tt.err || !slices.Equal(got, tt.want) {
			t.Errorf("parseSizes(%q) = %v, %v; want %v (error %v)", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func FuzzParseSizes(f *testing.F) {
	for _, s := range []string{"1000", "1000,10000", "", ",", "0", " 7 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseSizes(s)
		if err != nil {
			return
		}
		if len(got) == 0 {
			t.Fatalf("%q: no sizes and no error", s)
		}
		for _, n := range got {
			if n < 1 || n > maxConns {
				t.Fatalf("%q: size %d accepted", s, n)
			}
		}
	})
}
