package mime

import (
	"reflect"
	"testing"

	"github.com/emersion/go-imap/v2"
)

func TestParseAddressList(t *testing.T) {
	tests := []struct {
		in   string
		want []imap.Address
	}{
		{"a@example.com", addrs(addr("", "a", "example.com"))},
		{"Alice <a@example.com>", addrs(addr("Alice", "a", "example.com"))},
		{`"Doe, John" <j@example.com>, b@example.com`,
			addrs(addr("Doe, John", "j", "example.com"), addr("", "b", "example.com"))},
		{"John Q. Public <jqp@example.com>", addrs(addr("John Q. Public", "jqp", "example.com"))},
		{"a@example.com (Alice A.)", addrs(addr("Alice A.", "a", "example.com"))}, // comment as name
		// Names as written: the client decodes (RFC 3501 §7.4.2).
		{"=?utf-8?q?J=C3=B6rg?= <j@example.de>", addrs(addr("=?utf-8?q?J=C3=B6rg?=", "j", "example.de"))},
		{`"=?utf-8?q?J=C3=B6rg?=" <j@example.de>`, addrs(addr("=?utf-8?q?J=C3=B6rg?=", "j", "example.de"))},
		{"Terry  Gray\t<gray@example.edu>", addrs(addr("Terry Gray", "gray", "example.edu"))},
		{"a@example.com (=?utf-8?q?J=C3=B6rg?=)", addrs(addr("=?utf-8?q?J=C3=B6rg?=", "a", "example.com"))},
		{"=?utf-8?q?Fr=C3=BCnde?=: a@x.example;", addrs(addr("", "=?utf-8?q?Fr=C3=BCnde?=", ""),
			addr("", "a", "x.example"), addr("", "", ""))},
		{"<@route.example,@hop.example:a@example.com>", addrs(addr("", "a", "example.com"))}, // obs-route
		{`"john doe"@example.com`, addrs(addr("", `"john doe"`, "example.com"))},
		{"a@[192.0.2.1]", addrs(addr("", "a", "[192.0.2.1]"))},
		{"undisclosed-recipients:;", addrs(addr("", "undisclosed-recipients", ""), addr("", "", ""))},
		{"G: a@x.example, B <b@x.example>; c@y.example", addrs(addr("", "G", ""),
			addr("", "a", "x.example"), addr("B", "b", "x.example"), addr("", "", ""), addr("", "c", "y.example"))},
		{"G: a@x.example", addrs(addr("", "G", ""), addr("", "a", "x.example"), addr("", "", ""))}, // unclosed group
		{"a@b.example c@d.example", addrs(addr("", "a", "b.example"), addr("", "c", "d.example"))}, // missing comma
		{"a@b.example <c@d.example>", addrs(addr("a@b.example", "c", "d.example"))},                // unquoted @ in name
		{"<>", nil},
		{"root", addrs(addr("", "root", MissingHost))},
		{"Alice <a>", addrs(addr("Alice", "a", MissingHost))},
		{",,,", nil},
		{"", nil},
		{"Broken <a@example.com", addrs(addr("Broken", "a", "example.com"))},
		{") a@example.com ]", addrs(addr("", "a", "example.com"))}, // stray closers
	}
	for _, tt := range tests {
		if got := parseAddressList(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseAddressList(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
		}
	}
}

func TestMsgIDs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"<a@b>", []string{"a@b"}},
		{"<a@b> <c@d>\t<e@f>", []string{"a@b", "c@d", "e@f"}},
		{"Your message of Monday <a@b> (comment <x@y>)", []string{"a@b"}},
		{"<a@ b>", []string{"a@b"}},
		{"<>", nil},
		{"no ids", nil},
	}
	for _, tt := range tests {
		if got := msgIDs(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("msgIDs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := messageID("bare@id.example extra"); got != "bare@id.example" {
		t.Errorf("messageID without brackets = %q", got)
	}
}
