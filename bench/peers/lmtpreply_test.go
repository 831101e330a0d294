package main

import (
	"bufio"
	"slices"
	"strings"
	"testing"
)

func TestReadLMTPReply(t *testing.T) {
	tests := []struct {
		name, in string
		code     int
		lines    []string
		wantErr  bool
	}{
		{name: "one line", in: "250 2.1.5 ok\r\n", code: 250, lines: []string{"2.1.5 ok"}},
		{name: "bare code", in: "354\r\n", code: 354, lines: []string{""}},
		{name: "multi-line", in: "250-vm\r\n250-PIPELINING\r\n250 SIZE\r\n", code: 250, lines: []string{"vm", "PIPELINING", "SIZE"}},
		{name: "code changes", in: "250-a\r\n550 b\r\n", wantErr: true},
		{name: "not a code", in: "hello\r\n", wantErr: true},
		{name: "first digit", in: "150 x\r\n", wantErr: true},
		{name: "separator", in: "250x\r\n", wantErr: true},
		{name: "cut off", in: "250-a\r\n", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := readLMTPReply(bufio.NewReader(strings.NewReader(tt.in)))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err == nil && (r.code != tt.code || !slices.Equal(r.lines, tt.lines)) {
				t.Errorf("got %d %q, want %d %q", r.code, r.lines, tt.code, tt.lines)
			}
		})
	}
}

func FuzzReadLMTPReply(f *testing.F) {
	f.Add("250-a\r\n250 b\r\n")
	f.Add("550 5.1.1 unknown\r\n")
	f.Add("2")
	f.Fuzz(func(t *testing.T, in string) {
		r, err := readLMTPReply(bufio.NewReader(strings.NewReader(in)))
		if err == nil && (r.code < 200 || r.code > 559 || len(r.lines) == 0) {
			t.Errorf("accepted %q as %+v", in, r)
		}
	})
}
