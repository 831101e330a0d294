package main

import (
	"strconv"
	"testing"
)

func TestParseExists(t *testing.T) {
	tests := []struct {
		line string
		n    uint32
		ok   bool
	}{
		{"* 23 EXISTS", 23, true},
		{"* 0 EXISTS", 0, true},
		{"* 7 exists", 7, true},
		{"* 4294967295 EXISTS", 4294967295, true},
		{"* 4294967296 EXISTS", 0, false},
		{"* 3 RECENT", 0, false},
		{"* 3 FETCH (FLAGS (\\Seen))", 0, false},
		{"* 3 EXISTS extra", 0, false},
		{"* +3 EXISTS", 0, false},
		{"* -3 EXISTS", 0, false},
		{"*  3 EXISTS", 0, false},
		{"* EXISTS", 0, false},
		{"a1 3 EXISTS", 0, false},
		{"* OK [UIDNEXT 4] Predicted next UID", 0, false},
		{"+ idling", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		n, ok := parseExists(tt.line)
		if n != tt.n || ok != tt.ok {
			t.Errorf("parseExists(%q) = %d, %v; want %d, %v", tt.line, n, ok, tt.n, tt.ok)
		}
	}
}

// FuzzParseExists checks that no line makes parseExists panic and that
// every line it accepts prints back to itself (up to case).
func FuzzParseExists(f *testing.F) {
	f.Add("* 23 EXISTS")
	f.Add("* 0 exists")
	f.Add("* 99999999999 EXISTS")
	f.Add("* 3 FETCH (UID 4)")
	f.Add("*")
	f.Add("")
	f.Fuzz(func(t *testing.T, line string) {
		n, ok := parseExists(line)
		if !ok {
			return
		}
		if len(line) != len("*  EXISTS")+len(strconv.FormatUint(uint64(n), 10)) && line[2] != '0' {
			t.Errorf("parseExists(%q) = %d: not the line's number", line, n)
		}
	})
}
