package server

import (
	"strings"
	"testing"
)

func TestCheckAppended(t *testing.T) {
	tests := []struct {
		name   string
		raw    string
		binary bool
		want   string // "" for accepted
	}{
		{"plain", "Subject: a\r\n\r\nbody\r\n", false, ""},
		{"no body", "Subject: a\r\n", false, ""},
		{"NUL in body", "Subject: a\r\n\r\nb\x00dy\r\n", false, "NUL"},
		{"NUL in body, literal8", "Subject: a\r\n\r\nb\x00dy\r\n", true, ""},
		{"NUL in header, literal8", "Subj\x00ect: a\r\n\r\nbody\r\n", true, "NUL"},
		{"bare LF", "Subject: a\n\r\nbody\r\n", false, "bare"},
		{"bare CR", "Subject: a\r\n\r\nbo\rdy\r\n", false, "bare"},
		{"CR at end", "Subject: a\r\n\r\nbody\r", false, "bare"},
		{"bare LF in binary body", "Subject: a\r\n\r\nbo\ndy", true, ""},
		{"bare LF in binary header", "Subject: a\nX: b\r\n\r\nbody", true, "bare"},
		{"LF before CR", "Subject: a\r\n\r\nb\n\rdy\r\n", false, "bare"},
		{"CR CR LF", "Subject: a\r\n\r\nb\r\r\ndy\r\n", false, "bare"},
		{"CRLF LF", "Subject: a\r\n\r\nb\r\n\ndy\r\n", false, "bare"},
		{"only CRLFs", "\r\n\r\n\r\n", false, ""},
		{"empty", "", false, ""},
	}
	for _, tt := range tests {
		err := checkAppended([]byte(tt.raw), tt.binary)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: refused: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: err %v, want %q", tt.name, err, tt.want)
		}
	}
}

// bareNewlineRef is bareNewline written the obvious way, byte by byte.
func bareNewlineRef(b []byte) bool {
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '\r' && (i+1 == len(b) || b[i+1] != '\n'):
			return true
		case b[i] == '\n' && (i == 0 || b[i-1] != '\r'):
			return true
		}
	}
	return false
}

// FuzzBareNewline checks the counting bareNewline against the obvious
// byte-by-byte one.
func FuzzBareNewline(f *testing.F) {
	for _, s := range []string{"", "a\r\nb", "\r", "\n", "\n\r", "\r\r\n", "\r\n\n", "x\r\ny\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := bareNewline(b), bareNewlineRef(b); got != want {
			t.Fatalf("bareNewline(%q) = %v, want %v", b, got, want)
		}
	})
}
