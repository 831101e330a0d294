package benchstats

import (
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	thousand := make([]time.Duration, 0, 1000)
	for i := 1000; i >= 1; i-- {
		thousand = append(thousand, time.Duration(i)*time.Microsecond)
	}
	tests := []struct {
		name string
		in   []time.Duration
		want Summary
	}{
		{"none", nil, Summary{}},
		{"one", msList(7), Summary{N: 1, P50: 7 * time.Millisecond, P90: 7 * time.Millisecond, P99: 7 * time.Millisecond, Max: 7 * time.Millisecond}},
		{"thousand reversed", thousand, Summary{N: 1000, P50: 500 * time.Microsecond, P90: 900 * time.Microsecond,
			P99: 990 * time.Microsecond, Max: 1000 * time.Microsecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Summarize(tt.in); got != tt.want {
				t.Fatalf("Summarize = %+v, want %+v", got, tt.want)
			}
		})
	}
	if thousand[0] != 1000*time.Microsecond {
		t.Error("Summarize sorted its input in place")
	}
}
