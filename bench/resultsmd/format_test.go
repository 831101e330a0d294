package resultsmd

import "testing"

func TestJoinF(t *testing.T) {
	tests := []struct {
		xs     []float64
		format string
		want   string
	}{
		{nil, "%.0f", ""},
		{[]float64{1.26}, "%.1f", "1.3"},
		{[]float64{612, 598.4, 640.6}, "%.0f", "612 / 598 / 641"},
	}
	for _, tt := range tests {
		if got := JoinF(tt.xs, tt.format); got != tt.want {
			t.Errorf("JoinF(%v, %q) = %q, want %q", tt.xs, tt.format, got, tt.want)
		}
	}
}
