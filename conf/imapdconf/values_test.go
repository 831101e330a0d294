package imapdconf

import (
	"slices"
	"strings"
	"testing"
)

func TestValues(t *testing.T) {
	sw := Option{Name: "s", Type: Switch}
	in := Option{Name: "i", Type: Int}
	en := Option{Name: "e", Type: Enum, Values: []string{"off", "userid", "on"}}
	sl := Option{Name: "l", Type: StringList, Values: []string{"twoskip", "flat"}}
	bf := Option{Name: "b", Type: Bitfield, Values: []string{"VEVENT", "VTODO", "VPOLL"}}
	tests := []struct {
		o    Option
		in   string
		want any // nil: invalid
	}{
		{sw, "1", true}, {sw, "yes", true}, {sw, "ON", true}, {sw, "True", true}, {sw, "t", true}, {sw, "Y", true},
		{sw, "0", false}, {sw, "No", false}, {sw, "off", false}, {sw, "FALSE", false}, {sw, "f", false}, {sw, "n", false},
		{sw, "2", nil}, {sw, "enable", nil}, {sw, "yes please", nil},
		{in, "42", int64(42)}, {in, "-7", int64(-7)}, {in, "0", int64(0)},
		{in, "4x", nil}, {in, "+4", nil}, {in, " 4", nil}, {in, "0x10", nil}, {in, "1e3", nil}, {in, "1_000", nil}, {in, "99999999999999999999", nil},
		{en, "userid", "userid"}, {en, "USERID", nil}, {en, "maybe", nil},
		{sl, "flat", "flat"}, {sl, "sql", nil},
		{bf, "VTODO VEVENT", []string{"VEVENT", "VTODO"}}, {bf, "VPOLL  VPOLL", []string{"VPOLL"}},
		{bf, "VEVENT vtodo", nil},
	}
	for _, tt := range tests {
		got, verr := parseValue(tt.o, tt.in)
		switch {
		case tt.want == nil && verr == nil:
			t.Errorf("%s %q: accepted as %v", tt.o.Type, tt.in, got)
		case tt.want != nil && verr != nil:
			t.Errorf("%s %q: rejected, expected %s", tt.o.Type, tt.in, verr.expected)
		case tt.want != nil:
			if ws, ok := tt.want.([]string); ok {
				if !slices.Equal(got.([]string), ws) {
					t.Errorf("%s %q = %v, want %v", tt.o.Type, tt.in, got, ws)
				}
			} else if got != tt.want {
				t.Errorf("%s %q = %v, want %v", tt.o.Type, tt.in, got, tt.want)
			}
		}
	}
}

func TestBitfieldErrorPointsAtWord(t *testing.T) {
	o := Option{Name: "b", Type: Bitfield, Values: []string{"a", "bb"}}
	_, verr := parseValue(o, "a  bb  ccc a")
	if verr == nil || verr.off != 7 || verr.n != 3 {
		t.Fatalf("error = %+v, want the word at offset 7, length 3", verr)
	}
}

func TestInvalidValueMessages(t *testing.T) {
	tests := []struct {
		src    string
		detail string
		col    int
	}{
		{"allowplaintext: maybe\n", "yes/no", 17},
		{"autocreate_quota_messages: lots\n", "decimal integer", 28},
		{"timeout: soon\n", "bare number is in minutes", 10},
		{"imapidlepoll: 1w\n", "unknown unit", 15},
		{"maxmessagesize: 10T\n", "bare number is in bytes", 17},
		{"quotawarnsize: big\n", "bare number is in K", 16},
		{"virtdomains: yes\n", "one of: off, userid, on", 14},
		{"serverinfo: max\n", "one of: off, min, on", 13},
	}
	for _, tt := range tests {
		_, diags := parseTest(t, tt.src)
		checkDiags(t, diags, []wantDiag{werr("invalid value", 1, tt.col)})
		if len(diags) == 1 && !strings.Contains(diags[0].Detail, tt.detail) {
			t.Errorf("%q: detail %q, want it to contain %q", tt.src, diags[0].Detail, tt.detail)
		}
	}
}
