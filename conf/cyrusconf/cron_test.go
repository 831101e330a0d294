package cyrusconf

import (
	"strings"
	"testing"
	"time"
)

func TestCronNext(t *testing.T) {
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse("2006-01-02 15:04:05", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// 2025-01-01 is a Wednesday.
	tests := []struct {
		expr, after, want string
	}{
		{"* * * * *", "2025-01-01 10:00:00", "2025-01-01 10:01:00"},
		{"* * * * *", "2025-01-01 10:00:59", "2025-01-01 10:01:00"},
		{"0 4 * * *", "2025-01-01 03:59:00", "2025-01-01 04:00:00"},
		{"0 4 * * *", "2025-01-01 04:00:00", "2025-01-02 04:00:00"},
		{"*/15 * * * *", "2025-01-01 10:07:00", "2025-01-01 10:15:00"},
		{"*/15 * * * *", "2025-01-01 10:45:00", "2025-01-01 11:00:00"},
		{"1-30/5 * * * *", "2025-01-01 10:12:00", "2025-01-01 10:16:00"},
		{"1-30/5 * * * *", "2025-01-01 10:26:00", "2025-01-01 11:01:00"},
		{"50/5 * * * *", "2025-01-01 10:51:00", "2025-01-01 10:55:00"},
		{"5,35 9,17 * * *", "2025-01-01 09:35:00", "2025-01-01 17:05:00"},
		{"59 23 31 12 *", "2025-01-01 00:00:00", "2025-12-31 23:59:00"},
		{"0 0 1 jan *", "2025-01-01 00:00:00", "2026-01-01 00:00:00"},
		{"0 12 * JUN-aug *", "2025-01-01 00:00:00", "2025-06-01 12:00:00"},
		{"0 12 * * mon", "2025-01-01 00:00:00", "2025-01-06 12:00:00"},
		{"0 12 * * mon-fri", "2025-01-03 13:00:00", "2025-01-06 12:00:00"},
		{"0 12 * * 0", "2025-01-01 00:00:00", "2025-01-05 12:00:00"},
		{"0 12 * * 7", "2025-01-01 00:00:00", "2025-01-05 12:00:00"},
		{"0 12 * * fri-sun", "2025-01-04 13:00:00", "2025-01-05 12:00:00"},
		{"0 12 * * 5-7", "2025-01-01 00:00:00", "2025-01-03 12:00:00"},
		// dom and dow both restricted: either matches (the 15th or a Monday).
		{"0 0 15 * mon", "2025-01-07 00:00:00", "2025-01-13 00:00:00"},
		{"0 0 15 * mon", "2025-01-13 00:00:00", "2025-01-15 00:00:00"},
		// dow starts with '*': both must match (Vixie).
		{"0 0 15 * */1", "2025-01-07 00:00:00", "2025-01-15 00:00:00"},
		{"0 0 */10 * mon", "2025-01-07 00:00:00", "2025-03-31 00:00:00"}, // a Monday that is the 1st, 11th, 21st or 31st
		{"0 0 29 feb *", "2025-01-01 00:00:00", "2028-02-29 00:00:00"},
		{"0 0 31 * *", "2025-04-01 00:00:00", "2025-05-31 00:00:00"},
		// February 29 that is a Sunday (dow "*/7" = {0, 7}, ANDed).
		{"0 0 29 2 */7", "2005-01-01 00:00:00", "2032-02-29 00:00:00"},
	}
	for _, tt := range tests {
		c, err := ParseCron(tt.expr)
		if err != nil {
			t.Errorf("ParseCron(%q): %v", tt.expr, err)
			continue
		}
		got := c.Next(at(tt.after))
		if !got.Equal(at(tt.want)) || got.Location() != time.UTC {
			t.Errorf("%q.Next(%s) = %v, want %s", tt.expr, tt.after, got, tt.want)
		}
	}
}

// TestCronNextLocal checks the result is in after's location and follows
// its wall clock across a DST change.
func TestCronNextLocal(t *testing.T) {
	ber, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	c, err := ParseCron("30 1 * * *")
	if err != nil {
		t.Fatal(err)
	}
	// 2025-03-30 02:00 CET jumps to 03:00 CEST.
	after := time.Date(2025, 3, 29, 12, 0, 0, 0, ber)
	got := c.Next(after)
	if got.Location() != ber || got.Hour() != 1 || got.Minute() != 30 || got.Day() != 30 {
		t.Errorf("Next = %v", got)
	}
	// 02:30 does not exist on 2025-03-30; the next one is on the 31st.
	c2, _ := ParseCron("30 2 * * *")
	if got := c2.Next(after); got.Day() != 31 || got.Hour() != 2 {
		t.Errorf("Next over the gap = %v", got)
	}
}

func TestParseCronErrors(t *testing.T) {
	tests := []struct{ expr, want string }{
		{"", "want 5 fields"},
		{"* * * *", "got 4"},
		{"* * * * * *", "got 6"},
		{"60 * * * *", `minute field "60": 60 is out of range 0-59`},
		{"* 24 * * *", "hour field"},
		{"* * 0 * *", "day-of-month field"},
		{"* * 32 * *", "day-of-month field"},
		{"* * * 13 *", "month field"},
		{"* * * foo *", `month field "foo": "foo" is not a number or a name (jan to dec)`},
		{"* * * * 8", "day-of-week field"},
		{"* * * * monday", "day-of-week field"},
		{"*/0 * * * *", "step"},
		{"*/x * * * *", "step"},
		{"*/60 * * * *", "step"},
		{"5-1 * * * *", "runs backwards"},
		{"1,,2 * * * *", "empty list element"},
		{"1- * * * *", "not a number"},
		{"-1 * * * *", "not a number"},
		{"a * * * *", `"a" is not a number`},
		{"0 0 30 feb *", "no such day"},
		{"0 0 31 apr,jun *", "no such day"},
		{strings.Repeat("1,", 200) + "1 * * * *", "at most"},
	}
	for _, tt := range tests {
		_, err := ParseCron(tt.expr)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseCron(%q) error = %v, want ~%q", tt.expr, err, tt.want)
		}
	}
	// ORed day fields make a February 30 reachable through the weekday.
	if _, err := ParseCron("0 0 30 feb mon"); err != nil {
		t.Errorf("ParseCron(0 0 30 feb mon): %v", err)
	}
}
