package resultsmd

import (
	"strings"
	"testing"
	"time"
)

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

func TestHeader(t *testing.T) {
	var b strings.Builder
	began := time.Date(2026, 11, 24, 3, 4, 0, 0, time.FixedZone("X", 3600))
	Header(&b, "## x: y", "make bench", "go run ./bench/x -out f", began, 61400*time.Millisecond, Machine{})
	want := "## x: y\n\n- Command: `make bench` (runs `go run ./bench/x -out f`; took 1m1s)\n- Date: 2026-11-24 02:04 UTC\n- Machine: "
	if !strings.HasPrefix(b.String(), want) {
		t.Errorf("got %q\nwant prefix %q", b.String(), want)
	}
}
