package main

import "testing"

func TestParseLine(t *testing.T) {
	tests := []struct {
		line string
		want serverLine
	}{
		{"* 12 EXISTS", serverLine{kind: lineExists, n: 12}},
		{"* 0 exists", serverLine{kind: lineExists, n: 0}},
		{"* 3 RECENT", serverLine{kind: lineRecent, n: 3}},
		{"* 4294967295 EXISTS", serverLine{kind: lineExists, n: 4294967295}},
		{"* 4294967296 EXISTS", serverLine{}},
		{"* +1 EXISTS", serverLine{}},
		{"* 1 EXISTS extra", serverLine{}},
		{"* 1 EXPUNGE", serverLine{}},
		{"* 1 FETCH (FLAGS ())", serverLine{}},
		{"* EXISTS", serverLine{}},
		{"* BYE Server shutting down", serverLine{kind: lineBye}},
		{"* bye", serverLine{kind: lineBye}},
		{"* OK [UIDVALIDITY 1] ok", serverLine{}},
		{"+ idling", serverLine{kind: lineCont}},
		{"+", serverLine{kind: lineCont}},
		{"c OK IDLE terminated", serverLine{kind: lineTagged, tag: "c", status: "OK"}},
		{"n1 no [ALERT] nope", serverLine{kind: lineTagged, tag: "n1", status: "NO"}},
		{"x BAD Expected DONE", serverLine{kind: lineTagged, tag: "x", status: "BAD"}},
		{"x MAYBE", serverLine{}},
		{"x", serverLine{}},
		{" OK", serverLine{}},
		{"", serverLine{}},
	}
	for _, tt := range tests {
		if got := parseLine(tt.line); got != tt.want {
			t.Errorf("parseLine(%q) = %+v, want %+v", tt.line, got, tt.want)
		}
	}
}

func FuzzParseLine(f *testing.F) {
	for _, s := range []string{"* 1 EXISTS", "* 2 RECENT", "a OK done", "* BYE", "+ idling", "* 99999999999 EXISTS", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		got := parseLine(line)
		if got.kind == lineTagged && (got.tag == "" || got.status == "") {
			t.Fatalf("tagged line without tag or status: %+v", got)
		}
		if (got.kind == lineExists || got.kind == lineRecent) && line[:2] != "* " {
			t.Fatalf("%q parsed as a count", line)
		}
	})
}
