package main

import (
	"math"
	"testing"
)

func TestFitLine(t *testing.T) {
	pts := func(xy ...float64) []workerPoint {
		var out []workerPoint
		for i := 0; i < len(xy); i += 2 {
			out = append(out, workerPoint{xy[i], xy[i+1]})
		}
		return out
	}
	tests := []struct {
		name      string
		ps        []workerPoint
		per, base float64
	}{
		{"exact", pts(0, 5000, 1, 5400, 2, 5800, 3, 6200), 400, 5000},
		{"noisy", pts(1, 10, 2, 30, 3, 20), 5, 10},
		{"flat x", pts(2, 100, 2, 200), 0, 150},
		{"none", nil, 0, 0},
	}
	for _, tt := range tests {
		per, base := fitLine(tt.ps)
		if math.Abs(per-tt.per) > 1e-9 || math.Abs(base-tt.base) > 1e-9 {
			t.Errorf("%s: fitLine = %v, %v; want %v, %v", tt.name, per, base, tt.per, tt.base)
		}
	}
}

func TestMeans(t *testing.T) {
	a, p := means([]workerPoint{{1, 100}, {3, 300}})
	if a != 2 || p != 200 {
		t.Fatalf("means = %v, %v", a, p)
	}
	if a, p := means(nil); a != 0 || p != 0 {
		t.Fatalf("means(nil) = %v, %v", a, p)
	}
}
