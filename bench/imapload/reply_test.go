package main

import (
	"bufio"
	"slices"
	"strings"
	"testing"
)

func TestReadReply(t *testing.T) {
	tests := []struct {
		name, in, tag string
		untagged      []string
		lit           int
		status        string
		wantErr       bool
	}{
		{"plain OK", "* 3 EXISTS\r\na1 OK done\r\n", "a1", []string{"3 EXISTS"}, 0, "OK", false},
		{"literal", "* 1 FETCH (BODY[] {5}\r\nhello)\r\na2 OK x\r\n", "a2", []string{"1 FETCH (BODY[] {5})"}, 5, "OK", false},
		{"literal holding CRLF and tag", "* 1 FETCH (BODY[] {12}\r\na3 OK fake\r\n)\r\na3 OK real\r\n", "a3", []string{"1 FETCH (BODY[] {12})"}, 12, "OK", false},
		{"two literals in one response", "* 1 FETCH (A {2}\r\nxx B {3}\r\nyyy)\r\nt NO z\r\n", "t", []string{"1 FETCH (A {2} B {3})"}, 5, "NO", false},
		{"bare LF", "* OK hi\na1 BAD what\n", "a1", []string{"OK hi"}, 0, "BAD", false},
		{"lower-case status", "a1 ok fine\r\n", "a1", nil, 0, "OK", false},
		{"BYE then tagged", "* BYE bye\r\na9 OK LOGOUT done\r\n", "a9", []string{"BYE bye"}, 0, "OK", false},
		{"wrong tag", "a2 OK no\r\n", "a1", nil, 0, "", true},
		{"tag without status", "a1 \n", "a1", nil, 0, "", true},
		{"EOF before tag", "* 1 EXISTS\r\n", "a1", []string{"1 EXISTS"}, 0, "", true},
		{"short literal", "* 1 FETCH (BODY[] {50}\r\nabc", "a1", nil, 3, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := readReply(bufio.NewReader(strings.NewReader(tt.in)), tt.tag)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if !slices.Equal(r.untagged, tt.untagged) || r.literalBytes != tt.lit || r.status != tt.status {
				t.Errorf("got %q lit %d status %q, want %q lit %d status %q", r.untagged, r.literalBytes, r.status, tt.untagged, tt.lit, tt.status)
			}
		})
	}
}

func TestReadContinue(t *testing.T) {
	tests := []struct {
		in     string
		ok     bool
		status string
	}{
		{"+ go ahead\r\n", true, ""},
		{"+\r\n", true, ""},
		{"* 2 EXISTS\r\n+ Ready\r\n", true, ""},
		{"a1 NO [OVERQUOTA] full\r\n", false, "NO"},
	}
	for _, tt := range tests {
		r, ok, err := readContinue(bufio.NewReader(strings.NewReader(tt.in)), "a1")
		if err != nil || ok != tt.ok || r.status != tt.status {
			t.Errorf("%q: ok %v status %q err %v, want ok %v status %q", tt.in, ok, r.status, err, tt.ok, tt.status)
		}
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
		{"* OK {abc}", 0, false},
		{"* OK {}", 0, false},
		{"* OK {12+}", 0, false},
		{"* OK done", 0, false},
		{"}", 0, false},
		{"{99999999999}", 0, false},
	}
	for _, tt := range tests {
		n, ok := literalSize(tt.line)
		if n != tt.n || ok != tt.ok {
			t.Errorf("literalSize(%q) = %d, %v; want %d, %v", tt.line, n, ok, tt.n, tt.ok)
		}
	}
}

func TestSearchNumbers(t *testing.T) {
	tests := []struct {
		untagged []string
		want     []uint32
		wantErr  bool
	}{
		{[]string{"SEARCH 1 5 9"}, []uint32{1, 5, 9}, false},
		{[]string{"3 EXISTS", "SEARCH", "search 4"}, []uint32{4}, false},
		{[]string{"SEARCH 1 x"}, nil, true},
		{nil, nil, false},
	}
	for _, tt := range tests {
		got, err := searchNumbers(tt.untagged)
		if (err != nil) != tt.wantErr || !slices.Equal(got, tt.want) {
			t.Errorf("searchNumbers(%q) = %v, %v; want %v", tt.untagged, got, err, tt.want)
		}
	}
}

func TestCountFetch(t *testing.T) {
	got := countFetch([]string{"1 FETCH (FLAGS ())", "2 fetch (X)", "3 EXISTS", "FETCH", "SEARCH 1"})
	if got != 2 {
		t.Errorf("countFetch = %d, want 2", got)
	}
}

func FuzzReadReply(f *testing.F) {
	f.Add("* 1 FETCH (BODY[] {5}\r\nhello)\r\na1 OK x\r\n")
	f.Add("* SEARCH 1 2\r\na1 NO y\r\n")
	f.Add("+ go\r\n")
	f.Add("* OK {999999999}\r\n")
	f.Add("a1")
	f.Fuzz(func(t *testing.T, in string) {
		r, err := readReply(bufio.NewReader(strings.NewReader(in)), "a1")
		if err == nil && r.status == "" {
			t.Fatalf("no error and no status for %q", in)
		}
		if r.literalBytes > len(in) {
			t.Fatalf("skipped %d literal bytes of a %d-byte input", r.literalBytes, len(in))
		}
		searchNumbers(r.untagged)
		countFetch(r.untagged)
	})
}
