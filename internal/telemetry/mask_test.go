package telemetry

import (
	"slices"
	"testing"
)

func TestMask(t *testing.T) {
	tests := []struct {
		in    string
		spans [][2]int
		want  string
	}{
		{"abcdef", nil, "abcdef"},
		{"abcdef", [][2]int{{1, 3}}, "a***def"},
		{"abcdef", [][2]int{{4, 6}, {0, 1}}, "***bcd***"},      // unsorted
		{"abcdef", [][2]int{{1, 3}, {2, 5}}, "a***f"},          // overlapping
		{"abcdef", [][2]int{{1, 3}, {3, 5}}, "a***f"},          // touching
		{"abcdef", [][2]int{{-4, 2}, {5, 99}}, "***cde***"},    // clipped
		{"abcdef", [][2]int{{3, 3}, {4, 2}, {7, 9}}, "abcdef"}, // empty, inverted, outside
		{"", [][2]int{{0, 5}}, ""},
	}
	for _, tt := range tests {
		before := slices.Clone(tt.spans)
		if got := string(Mask([]byte(tt.in), tt.spans)); got != tt.want {
			t.Errorf("Mask(%q, %v) = %q; want %q", tt.in, tt.spans, got, tt.want)
		}
		if !slices.Equal(before, tt.spans) {
			t.Errorf("Mask changed the caller's spans to %v", tt.spans)
		}
	}
}

// TestMaskNoCopy checks the common case costs no allocation.
func TestMaskNoCopy(t *testing.T) {
	in := []byte("a1 NOOP\r\n")
	if got := Mask(in, [][2]int{{9, 12}}); &got[0] != &in[0] {
		t.Error("Mask copied a buffer with nothing to mask")
	}
}
