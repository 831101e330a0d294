package master

import (
	"testing"
	"time"
)

func TestForkBucket(t *testing.T) {
	t0 := time.Unix(1000, 0)
	tests := []struct {
		name  string
		rate  int
		at    []time.Duration // offsets of fork attempts
		wantN int             // forks allowed
	}{
		{"unlimited", 0, []time.Duration{0, 0, 0, 0, 0}, 5},
		{"burst of rate then stop", 3, []time.Duration{0, 0, 0, 0, 0}, 3},
		{"refills over a second", 2, []time.Duration{0, 0, 0, time.Second, time.Second, time.Second}, 4},
		{"half a second gives half", 4, []time.Duration{0, 0, 0, 0, 500 * time.Millisecond, 500 * time.Millisecond, 500 * time.Millisecond}, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newForkBucket(tt.rate)
			n := 0
			for _, d := range tt.at {
				if b.take(t0.Add(d)) {
					n++
				}
			}
			if n != tt.wantN {
				t.Fatalf("allowed %d forks, want %d", n, tt.wantN)
			}
		})
	}
}
