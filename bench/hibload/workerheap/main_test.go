package main

import (
	"slices"
	"testing"
)

func TestParsePoints(t *testing.T) {
	tests := []struct {
		in   string
		want []int
		err  bool
	}{
		{"0,100,200", []int{0, 100, 200}, false},
		{" 5 , 5 ", []int{5, 5}, false},
		{"100,50", nil, true},
		{"-1", nil, true},
		{"", nil, true},
		{"x", nil, true},
	}
	for _, tt := range tests {
		got, err := parsePoints(tt.in)
		if (err != nil) != tt.err || !slices.Equal(got, tt.want) {
			t.Errorf("parsePoints(%q) = %v, %v; want %v (error %v)", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func FuzzParsePoints(f *testing.F) {
	for _, s := range []string{"0,100,200", "5", "", ",", "3,1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parsePoints(s)
		if err != nil {
			return
		}
		if len(got) == 0 || !slices.IsSorted(got) || got[0] < 0 {
			t.Fatalf("%q: accepted %v", s, got)
		}
	})
}
