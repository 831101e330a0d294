package server

import (
	"testing"

	"github.com/emersion/go-imap/v2"
)

func TestRangeBounds(t *testing.T) {
	tests := []struct {
		start, stop, star imap.UID
		lo, hi            imap.UID
	}{
		{2, 4, 9, 2, 4},
		{4, 2, 9, 2, 4}, // reversed ends
		{3, 0, 9, 3, 9}, // 3:*
		{0, 0, 9, 9, 9}, // *
		{12, 0, 9, 9, 12},
	}
	for _, tt := range tests {
		lo, hi := rangeBounds(tt.start, tt.stop, tt.star)
		if lo != tt.lo || hi != tt.hi {
			t.Errorf("rangeBounds(%d, %d, *=%d) = %d:%d, want %d:%d", tt.start, tt.stop, tt.star, lo, hi, tt.lo, tt.hi)
		}
	}
}
