package main

import (
	"bufio"
	"strings"
	"testing"
)

func TestParseReplyLine(t *testing.T) {
	tests := []struct {
		line       string
		code       int
		more, okay bool
	}{
		{"250 2.1.5 Ok", 250, false, true},
		{"250-PIPELINING", 250, true, true},
		{"354", 354, false, true},
		{"550 5.1.1 no such user", 550, false, true},
		{"199 too low", 0, false, false},
		{"600 too high", 0, false, false},
		{"25 short", 0, false, false},
		{"2a0 letters", 0, false, false},
		{"250x", 0, false, false},
		{"", 0, false, false},
	}
	for _, tt := range tests {
		code, more, ok := parseReplyLine(tt.line)
		if code != tt.code || more != tt.more || ok != tt.okay {
			t.Errorf("parseReplyLine(%q) = %d, %v, %v; want %d, %v, %v", tt.line, code, more, ok, tt.code, tt.more, tt.okay)
		}
	}
}

func TestReadLMTPReply(t *testing.T) {
	tests := []struct {
		in      string
		code    int
		text    string
		wantErr bool
	}{
		{"250-corvus\r\n250-PIPELINING\r\n250 ENHANCEDSTATUSCODES\r\n", 250, "ENHANCEDSTATUSCODES", false},
		{"220 ready\r\n", 220, "ready", false},
		{"250\r\n", 250, "", false},
		{"hello\r\n", 0, "", true},
		{"250-more\r\n", 0, "", true}, // EOF inside the reply
	}
	for _, tt := range tests {
		r, err := readLMTPReply(bufio.NewReader(strings.NewReader(tt.in)))
		if (err != nil) != tt.wantErr || r.code != tt.code || r.text != tt.text {
			t.Errorf("readLMTPReply(%q) = %v, %v; want %d %q (error %v)", tt.in, r, err, tt.code, tt.text, tt.wantErr)
		}
	}
}

func FuzzParseReplyLine(f *testing.F) {
	for _, s := range []string{"250 ok", "250-x", "354", "5", "", "999 x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		code, more, ok := parseReplyLine(line)
		if ok && (code < 200 || code > 599) {
			t.Fatalf("%q: code %d accepted", line, code)
		}
		if !ok && (code != 0 || more) {
			t.Fatalf("%q: refused but returned %d, %v", line, code, more)
		}
	})
}
