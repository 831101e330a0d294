package benchstats

import (
	"testing"
	"time"
)

// msList is xs as milliseconds.
func msList(xs ...int) []time.Duration {
	out := make([]time.Duration, len(xs))
	for i, x := range xs {
		out[i] = time.Duration(x) * time.Millisecond
	}
	return out
}

func TestPercentile(t *testing.T) {
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		// Reversed, so the function must sort.
		hundred[i] = time.Duration(100-i) * time.Millisecond
	}
	ten := msList(10, 9, 8, 7, 6, 5, 4, 3, 2, 1)
	tests := []struct {
		name    string
		samples []time.Duration
		p       float64
		want    time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one sample p50", msList(7), 50, 7 * time.Millisecond},
		{"one sample p99", msList(7), 99, 7 * time.Millisecond},
		{"two p50 is the lower", msList(2, 1), 50, 1 * time.Millisecond},
		{"two p51 is the upper", msList(1, 2), 51, 2 * time.Millisecond},
		{"ten p1", ten, 1, 1 * time.Millisecond},
		{"ten p50", ten, 50, 5 * time.Millisecond},
		{"ten p90", ten, 90, 9 * time.Millisecond},
		{"ten p99 rounds up to the max", ten, 99, 10 * time.Millisecond},
		{"ten p100", ten, 100, 10 * time.Millisecond},
		{"hundred p50", hundred, 50, 50 * time.Millisecond},
		{"hundred p99", hundred, 99, 99 * time.Millisecond},
		{"hundred p100", hundred, 100, 100 * time.Millisecond},
		{"p0 clamps to the min", msList(3, 1, 2), 0, 1 * time.Millisecond},
		{"over 100 clamps to the max", msList(3, 1, 2), 150, 3 * time.Millisecond},
		{"duplicates", msList(5, 5, 5, 1), 50, 5 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Percentile(tt.samples, tt.p); got != tt.want {
				t.Errorf("Percentile(%v, %v) = %v, want %v", tt.samples, tt.p, got, tt.want)
			}
		})
	}
}

func TestPercentileLeavesInputAlone(t *testing.T) {
	in := msList(3, 1, 2)
	Percentile(in, 50)
	if in[0] != 3*time.Millisecond || in[1] != 1*time.Millisecond || in[2] != 2*time.Millisecond {
		t.Fatalf("input reordered: %v", in)
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{4}, 4},
		{[]float64{3, 1, 2}, 2},
		{[]float64{9, 1, 5}, 5},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{1, 100, 2}, 2},
	}
	for _, tt := range tests {
		if got := Median(tt.in); got != tt.want {
			t.Errorf("Median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
	in := []float64{3, 1, 2}
	Median(in)
	if in[0] != 3 {
		t.Errorf("Median reordered its input: %v", in)
	}
}

func TestMedianDuration(t *testing.T) {
	tests := []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{msList(9, 1, 4), 4 * time.Millisecond},
		{msList(1, 2), 1500 * time.Microsecond},
		{[]time.Duration{1, 2}, 2}, // 1.5 ns rounds half away from zero
	}
	for _, tt := range tests {
		if got := MedianDuration(tt.in); got != tt.want {
			t.Errorf("MedianDuration(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestMS(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want float64
	}{
		{0, 0},
		{time.Millisecond, 1},
		{1500 * time.Microsecond, 1.5},
		{2 * time.Second, 2000},
	}
	for _, tt := range tests {
		if got := MS(tt.in); got != tt.want {
			t.Errorf("MS(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
