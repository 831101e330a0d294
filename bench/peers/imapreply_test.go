package main

import (
	"bufio"
	"slices"
	"strings"
	"testing"
)

func TestReadIMAPReply(t *testing.T) {
	tests := []struct {
		name, in, tag string
		cont          bool
		wantOK        bool // continuation seen
		status        string
		untagged      []string
		literal       int
		wantErr       bool
	}{
		{name: "ok", in: "* 2 EXISTS\r\na1 OK done\r\n", tag: "a1", status: "OK", untagged: []string{"2 EXISTS"}},
		{name: "lowercase status", in: "a1 no nope\r\n", tag: "a1", status: "NO"},
		{name: "literal skipped", in: "* 1 FETCH (BODY[] {5}\r\nab\r\nc)\r\na1 OK x\r\n", tag: "a1", status: "OK",
			untagged: []string{"1 FETCH (BODY[] {5})"}, literal: 5},
		{name: "two literals", in: "* 1 FETCH (A {1}\r\nx B {2}\r\nyz)\r\na1 OK\r\n", tag: "a1", status: "OK",
			untagged: []string{"1 FETCH (A {1} B {2})"}, literal: 3},
		{name: "continuation wanted", in: "+ go ahead\r\n", tag: "a1", cont: true, wantOK: true},
		{name: "continuation unwanted", in: "+ go ahead\r\n", tag: "a1", wantErr: true},
		{name: "refused append", in: "a1 NO [TRYCREATE] no\r\n", tag: "a1", cont: true, status: "NO"},
		{name: "other tag", in: "a2 OK\r\n", tag: "a1", wantErr: true},
		{name: "no status", in: "a1 \r\n", tag: "a1", wantErr: true},
		{name: "eof", in: "* 1 EXISTS\r\n", tag: "a1", wantErr: true},
		{name: "short literal", in: "* X {10}\r\nabc", tag: "a1", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok, err := readIMAPReply(bufio.NewReader(strings.NewReader(tt.in)), tt.tag, tt.cont)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if ok != tt.wantOK || r.status != tt.status || r.literalBytes != tt.literal || !slices.Equal(r.untagged, tt.untagged) {
				t.Errorf("got ok %v %+v", ok, r)
			}
		})
	}
}

func TestLiteralSize(t *testing.T) {
	tests := []struct {
		line string
		n    int
		ok   bool
	}{
		{"* 1 FETCH (BODY[] {123}", 123, true},
		{"* 1 FETCH (BINARY[] ~{7}", 7, true},
		{"{0}", 0, true},
		{"* OK {x}", 0, false},
		{"* OK {}", 0, false},
		{"* OK {+1}", 0, false},
		{"* OK {12345678901}", 0, false},
		{"* OK done", 0, false},
		{"* OK }", 0, false},
	}
	for _, tt := range tests {
		n, ok := literalSize(tt.line)
		if n != tt.n || ok != tt.ok {
			t.Errorf("literalSize(%q) = %d %v, want %d %v", tt.line, n, ok, tt.n, tt.ok)
		}
	}
}

func TestParseExists(t *testing.T) {
	tests := []struct {
		line string
		n    uint32
		ok   bool
	}{
		{"* 23 EXISTS", 23, true},
		{"* 0 exists", 0, true},
		{"* 4294967295 EXISTS", 4294967295, true},
		{"* 4294967296 EXISTS", 0, false},
		{"* 3 RECENT", 0, false},
		{"* +3 EXISTS", 0, false},
		{"a1 3 EXISTS", 0, false},
		{"* EXISTS", 0, false},
		{"* 3 EXISTS extra", 0, false},
	}
	for _, tt := range tests {
		n, ok := parseExists(tt.line)
		if n != tt.n || ok != tt.ok {
			t.Errorf("parseExists(%q) = %d %v, want %d %v", tt.line, n, ok, tt.n, tt.ok)
		}
	}
}

func TestSearchAndFetchCounts(t *testing.T) {
	got, err := searchNumbers([]string{"SEARCH 1 5 9", "3 EXISTS", "search 11", "SEARCH"})
	if err != nil || !slices.Equal(got, []uint32{1, 5, 9, 11}) {
		t.Errorf("searchNumbers = %v %v", got, err)
	}
	if _, err := searchNumbers([]string{"SEARCH 1 x"}); err == nil {
		t.Error("searchNumbers took a non-number")
	}
	if n := countFetch([]string{"1 FETCH (FLAGS ())", "2 fetch (UID 4)", "3 EXISTS", "FETCH"}); n != 2 {
		t.Errorf("countFetch = %d, want 2", n)
	}
}

func FuzzReadIMAPReply(f *testing.F) {
	f.Add("* 1 FETCH (BODY[] {3}\r\nabc)\r\na1 OK\r\n", true)
	f.Add("+ more\r\n", true)
	f.Add("a1 BAD\r\n", false)
	f.Add("* X {99999999999}\r\n", false)
	f.Fuzz(func(t *testing.T, in string, cont bool) {
		r, ok, err := readIMAPReply(bufio.NewReader(strings.NewReader(in)), "a1", cont)
		if err == nil && !ok && r.status == "" {
			t.Errorf("no error, no continuation and no status for %q", in)
		}
		if r.literalBytes > len(in) {
			t.Errorf("skipped %d literal bytes of %d", r.literalBytes, len(in))
		}
	})
}

func FuzzParseExists(f *testing.F) {
	f.Add("* 23 EXISTS")
	f.Add("* 1 FETCH (FLAGS ())")
	f.Fuzz(func(t *testing.T, line string) {
		if n, ok := parseExists(line); !ok && n != 0 {
			t.Errorf("parseExists(%q) = %d without ok", line, n)
		}
	})
}
