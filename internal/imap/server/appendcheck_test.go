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
