package mime

import (
	"reflect"
	"testing"
)

func TestParseMediaValue(t *testing.T) {
	tests := []struct {
		in     string
		value  string
		params []param
	}{
		{"text/plain", "text/plain", nil},
		{`text/plain; charset="utf-8"; format=flowed`, "text/plain",
			[]param{{"charset", "utf-8"}, {"format", "flowed"}}},
		{"multipart/mixed; boundary=----=_Part_1", "multipart/mixed",
			[]param{{"boundary", "----=_Part_1"}}}, // unquoted tspecials
		{`attachment; filename="a \"b\".txt"`, "attachment", []param{{"filename", `a "b".txt`}}},
		{"text/plain (comment); charset=us-ascii (Plain)", "text/plain", []param{{"charset", "us-ascii"}}},
		{"a/b; NAME=x; name=y", "a/b", []param{{"name", "x"}}}, // first wins
		{"a/b; noequals; c=d", "a/b", []param{{"c", "d"}}},
		{"a/b; name*=utf-8'en'%E2%82%AC%20rate", "a/b", []param{{"name", "€ rate"}}},
		{"a/b; name*=iso-8859-1''%E9t%E9", "a/b", []param{{"name", "été"}}},
		// Continuations in any order; a plain value loses to RFC 2231.
		{"a/b; name=plain; name*1=B; name*0=A", "a/b", []param{{"name", "AB"}}},
		{"a/b; x=1; name*0*=utf-8''%C3%A9; name*1*=%C3%A9; y=2", "a/b",
			[]param{{"x", "1"}, {"name", "éé"}, {"y", "2"}}},
		{`a/b; filename="=?utf-8?q?caf=C3=A9.txt?="`, "a/b", []param{{"filename", "café.txt"}}},
		{`a/b; name="unterminated`, "a/b", []param{{"name", "unterminated"}}},
	}
	for _, tt := range tests {
		value, params := parseMediaValue(tt.in)
		if value != tt.value || !reflect.DeepEqual(params, tt.params) {
			t.Errorf("parseMediaValue(%q) = %q, %q; want %q, %q", tt.in, value, params, tt.value, tt.params)
		}
	}
}
