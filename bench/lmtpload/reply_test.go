package main

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestParseLine(t *testing.T) {
	tests := []struct {
		line     string
		code     int
		last     bool
		text     string
		wantFail bool
	}{
		{line: "250 2.1.5 Ok", code: 250, last: true, text: "2.1.5 Ok"},
		{line: "250-PIPELINING", code: 250, text: "PIPELINING"},
		{line: "354", code: 354, last: true},
		{line: "452 4.2.2 Over quota", code: 452, last: true, text: "4.2.2 Over quota"},
		{line: "220 ", code: 220, last: true},
		{line: "25", wantFail: true},
		{line: "", wantFail: true},
		{line: "650 no such class", wantFail: true},
		{line: "260 second digit over 5", wantFail: true},
		{line: "25x Ok", wantFail: true},
		{line: "250+Ok", wantFail: true},
		{line: "* OK imap", wantFail: true},
	}
	for _, tt := range tests {
		code, last, text, err := parseLine(tt.line)
		if tt.wantFail {
			if err == nil {
				t.Errorf("parseLine(%q) = %d, %v, %q; want an error", tt.line, code, last, text)
			}
			continue
		}
		if err != nil || code != tt.code || last != tt.last || text != tt.text {
			t.Errorf("parseLine(%q) = %d, %v, %q, %v; want %d, %v, %q", tt.line, code, last, text, err, tt.code, tt.last, tt.text)
		}
	}
}

func TestReadReply(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		code    int
		lines   int
		wantErr bool
		rest    string // what must be left unread
	}{
		{name: "one line", in: "250 2.0.0 Ok\r\nNEXT", code: 250, lines: 1, rest: "NEXT"},
		{name: "LHLO capabilities", in: "250-host\r\n250-PIPELINING\r\n250 CHUNKING\r\n", code: 250, lines: 3},
		{name: "bare LF tolerated", in: "221 2.0.0 Bye\n", code: 221, lines: 1},
		{name: "code changes mid-reply", in: "250-a\r\n251 b\r\n", wantErr: true},
		{name: "EOF mid-reply", in: "250-a\r\n", wantErr: true},
		{name: "EOF mid-line", in: "250 no end", wantErr: true},
		{name: "malformed", in: "hello\r\n", wantErr: true},
		{name: "overlong line", in: "250 " + strings.Repeat("x", maxLine+10) + "\r\n", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br := bufio.NewReaderSize(strings.NewReader(tt.in), 64)
			r, err := readReply(br)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("readReply = %v, want an error", r)
				}
				return
			}
			if err != nil || r.code != tt.code || len(r.lines) != tt.lines {
				t.Fatalf("readReply = %+v, %v; want code %d in %d lines", r, err, tt.code, tt.lines)
			}
			if rest, _ := io.ReadAll(br); string(rest) != tt.rest {
				t.Errorf("left %q unread, want %q", rest, tt.rest)
			}
		})
	}
}

func TestReadReplyEOF(t *testing.T) {
	_, err := readReply(bufio.NewReader(strings.NewReader("")))
	if !errors.Is(err, io.EOF) {
		t.Errorf("readReply on a closed connection = %v, want io.EOF", err)
	}
}

// FuzzReadReply checks that the reply reader never panics and that what
// it accepts is a well-formed reply: a code of RFC 5321's grammar and at
// least one line.
func FuzzReadReply(f *testing.F) {
	f.Add("250 2.1.5 Ok SESSIONID=<x>\r\n")
	f.Add("250-host\r\n250-PIPELINING\r\n250 CHUNKING\r\n")
	f.Add("354\r\n")
	f.Add("250-a\r\n251 b\r\n")
	f.Add("452 4.2.2 Over quota\n550 5.1.1 User unknown\r\n")
	f.Add("\r\n")
	f.Add("599-\r\n599 \r\n")
	f.Fuzz(func(t *testing.T, in string) {
		br := bufio.NewReaderSize(strings.NewReader(in), 16)
		for range 8 {
			r, err := readReply(br)
			if err != nil {
				return
			}
			if r.code < 200 || r.code > 559 || r.code%100 > 59 || len(r.lines) == 0 {
				t.Fatalf("accepted malformed reply %+v from %q", r, in)
			}
		}
	})
}
