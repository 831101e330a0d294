package main

import (
	"bufio"
	"strings"
	"testing"
)

func TestParseReplyLine(t *testing.T) {
	tests := []struct {
		line     string
		code     int
		more, ok bool
	}{
		{"250 2.1.5 Ok", 250, false, true},
		{"250-PIPELINING", 250, true, true},
		{"354", 354, false, true},
		{"550 5.1.1 no such user", 550, false, true},
		{"199 x", 0, false, false},
		{"600 x", 0, false, false},
		{"25 x", 0, false, false},
		{"2a0 x", 0, false, false},
		{"250x", 0, false, false},
		{"", 0, false, false},
	}
	for _, tt := range tests {
		code, more, ok := parseReplyLine(tt.line)
		if code != tt.code || more != tt.more || ok != tt.ok {
			t.Errorf("parseReplyLine(%q) = %d, %v, %v; want %d, %v, %v", tt.line, code, more, ok, tt.code, tt.more, tt.ok)
		}
	}
}

func TestReadLMTPReply(t *testing.T) {
	tests := []struct {
		in   string
		want lmtpReply
		err  bool
	}{
		{"250-host\r\n250-PIPELINING\r\n250 ENHANCEDSTATUSCODES\r\n", lmtpReply{250, "ENHANCEDSTATUSCODES"}, false},
		{"220 ready\r\n", lmtpReply{220, "ready"}, false},
		{"221\r\n", lmtpReply{221, ""}, false},
		{"250-more\r\n", lmtpReply{}, true},
		{"hello\r\n", lmtpReply{}, true},
	}
	for _, tt := range tests {
		got, err := readLMTPReply(bufio.NewReader(strings.NewReader(tt.in)))
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("readLMTPReply(%q) = %+v, %v; want %+v, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// FuzzReadLMTPReply checks that no input makes the reply reader panic and
// that every reply it returns has a code in 200–599.
func FuzzReadLMTPReply(f *testing.F) {
	f.Add("250-a\r\n250 b\r\n")
	f.Add("354 go ahead\r\n")
	f.Add("250-")
	f.Add("5")
	f.Add("")
	f.Fuzz(func(t *testing.T, in string) {
		r, err := readLMTPReply(bufio.NewReader(strings.NewReader(in)))
		if err == nil && (r.code < 200 || r.code > 599) {
			t.Errorf("readLMTPReply(%q) = %+v", in, r)
		}
	})
}
