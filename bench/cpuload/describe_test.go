package cpuload

import "testing"

func TestDescribe(t *testing.T) {
	tests := []struct {
		name string
		busy []float64
		want string
	}{
		{"none", nil, "not measured"},
		{"unreadable", []float64{-1, -1}, "not measured"},
		{"median and max", []float64{0.02, -1, 0.10, 0.04},
			"before each run bench waits (up to 10s) for the CPUs to be at most 15 % busy; they were 4 % busy (median; max 10 %)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Describe("bench", tt.busy); got != tt.want {
				t.Errorf("Describe(%v) =\n%q\nwant\n%q", tt.busy, got, tt.want)
			}
		})
	}
}
