package mime

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"Mon, 7 Feb 1994 21:52:25 -0800", date(1994, 2, 7, 21, 52, 25, -8*60)},
		{"Mon, 7 Feb 1994 21:52:25 -0800 (PST)", date(1994, 2, 7, 21, 52, 25, -8*60)},
		{"7 Feb 1994 21:52 +0130", date(1994, 2, 7, 21, 52, 0, 90)},       // no weekday, no seconds
		{"Thu, 2 Feb 06 15:04:05 EST", date(2006, 2, 2, 15, 4, 5, -5*60)}, // 2-digit year, named zone
		{"2 Feb 99 15:04:05 GMT", date(1999, 2, 2, 15, 4, 5, 0)},
		{"2 Feb 106 15:04:05 +0000", date(2006, 2, 2, 15, 4, 5, 0)}, // 3-digit year: +1900
		{"Thursday, 2 February 2006 15:04:05 PDT", date(2006, 2, 2, 15, 4, 5, -7*60)},
		{"Mon Jan  2 15:04:05 2006", date(2006, 1, 2, 15, 4, 5, 0)}, // asctime, no zone
		{"2 Jan 2006 15:04:05 Z", date(2006, 1, 2, 15, 4, 5, 0)},
		{"2 Jan 2006 15:04:05 A", date(2006, 1, 2, 15, 4, 5, 0)},     // military: UTC
		{"2 Jan 2006 15.04.05 -0000", date(2006, 1, 2, 15, 4, 5, 0)}, // dots
		{"2 Jan 2006 15:04:05 +02:00", date(2006, 1, 2, 15, 4, 5, 120)},
		{"", time.Time{}},
		{"yesterday", time.Time{}},
		{"31 Feb 2006 10:00:00 +0000", time.Time{}},
		{"2 Jan 2006 25:00:00 +0000", time.Time{}},
		{"2 Jan 2006", time.Time{}}, // no time
	}
	for _, tt := range tests {
		if got := ParseDate(tt.in); !sameTime(got, tt.want) {
			t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
