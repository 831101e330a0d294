package cpuload

import "testing"

func TestParseLine(t *testing.T) {
	tests := []struct {
		line        string
		busy, total uint64
		ok          bool
	}{
		{"cpu  100 5 50 800 40 1 4 0 0 0", 155, 1000, true},
		{"cpu 1 2 3 4 5", 6, 15, true},
		{"cpu 1 2 3 4 5 6 7 8 99 99", 14, 36, true}, // irq, softirq and guest fields not busy
		{"cpu0 1 2 3 4 5", 0, 0, false},
		{"cpu 1 2 x 4 5", 0, 0, false},
		{"cpu 1 2", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		busy, total, err := ParseLine(tt.line)
		if (err == nil) != tt.ok || busy != tt.busy || total != tt.total {
			t.Errorf("ParseLine(%q) = %d, %d, %v; want %d, %d, ok=%v", tt.line, busy, total, err, tt.busy, tt.total, tt.ok)
		}
	}
}
