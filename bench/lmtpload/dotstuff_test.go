package main

import (
	"bytes"
	"testing"
)

func TestStuff(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "\r\n"},
		{".", "..\r\n"},
		{"a\r\n", "a\r\n"},
		{"a\r\n.b\r\n", "a\r\n..b\r\n"},
		{".\r\n", "..\r\n"},
		{"a\r\n.\r\n", "a\r\n..\r\n"},
		{"..x\r\n", "...x\r\n"},
		{"a\n.b\r\n", "a\n.b\r\n"}, // a bare LF ends no line
		{"a.b\r\nc", "a.b\r\nc\r\n"},
		{"a\r", "a\r\r\n"},
	}
	for _, tt := range tests {
		if got := string(stuff([]byte(tt.in))); got != tt.want {
			t.Errorf("stuff(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// unstuff is the receiving side of RFC 5321 §4.5.2, written as plainly as
// possible: split into CRLF lines, drop one leading period of each.
func unstuff(b []byte) []byte {
	var out []byte
	for _, line := range bytes.SplitAfter(b, []byte("\r\n")) {
		if len(line) > 0 && line[0] == '.' {
			line = line[1:]
		}
		out = append(out, line...)
	}
	return out
}

// FuzzStuff checks that stuffed text never holds the terminator and that
// the receiver gets back what was sent (plus the CRLF stuff adds at the
// end when it is missing).
func FuzzStuff(f *testing.F) {
	f.Add([]byte("a\r\n.\r\n.b\r\n"))
	f.Add([]byte("."))
	f.Add([]byte("x\n.\r\n"))
	f.Add([]byte("\r\n\r\n."))
	f.Fuzz(func(t *testing.T, in []byte) {
		out := stuff(in)
		if bytes.HasPrefix(out, []byte(".\r\n")) || bytes.Contains(out, []byte("\r\n.\r\n")) {
			t.Fatalf("stuff(%q) = %q holds the terminator", in, out)
		}
		want := in
		if !bytes.HasSuffix(in, []byte("\r\n")) {
			want = append(append([]byte(nil), in...), '\r', '\n')
		}
		if got := unstuff(out); !bytes.Equal(got, want) {
			t.Fatalf("unstuff(stuff(%q)) = %q", in, got)
		}
	})
}
