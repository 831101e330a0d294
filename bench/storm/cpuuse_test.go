package main

import "testing"

func TestParseTimes(t *testing.T) {
	// A real line's shape, with a command holding spaces and a ')'.
	line := "4242 (echo (worker) x) S 1 4242 4242 0 -1 4194560 300 0 0 0 17 5 3 2 20 0 6 0 100 0 0"
	got, ok := parseTimes([]byte(line))
	if !ok || got != (procTimes{own: 22, reaped: 5}) {
		t.Fatalf("parseTimes = %+v, %v; want own 22 reaped 5", got, ok)
	}
	for _, bad := range []string{"", "1 (x) S 1 2", "1 (x) S 1 2 3 4 5 6 7 8 9 10 a 5 3 2 20"} {
		if _, ok := parseTimes([]byte(bad)); ok {
			t.Errorf("parseTimes(%q) succeeded", bad)
		}
	}
}

func TestForeignShare(t *testing.T) {
	tests := []struct {
		a, b cpuUse
		want float64
	}{
		{cpuUse{0, 0, 0}, cpuUse{200, 100, 100}, 0},   // all busy time ours
		{cpuUse{0, 0, 0}, cpuUse{200, 100, 50}, 0.25}, // half of the busy time others'
		{cpuUse{100, 50, 50}, cpuUse{100, 60, 50}, 0}, // no time passed
		{cpuUse{0, 0, 0}, cpuUse{200, 100, 120}, 0},   // ours over-counted: never negative
		{cpuUse{10, 5, 1}, cpuUse{110, 105, 1}, 1},    // all others'
	}
	for _, tt := range tests {
		if got := foreignShare(tt.a, tt.b); got != tt.want {
			t.Errorf("foreignShare(%+v, %+v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
