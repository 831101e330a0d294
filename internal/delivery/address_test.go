package delivery

import (
	"errors"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/internal/auth"
)

// parseOpts are the option variants of the address table.
type parseOpts struct {
	virt     auth.VirtDomains
	keepCase bool // lmtp_downcase_rcpt off
	dotSep   bool // unixhierarchysep off
}

func parser(o parseOpts) *Deliverer {
	return New(Options{
		Names:            auth.NewNames(auth.Config{VirtDomains: o.virt, DefaultDomain: "example.org"}),
		VirtDomains:      o.virt,
		DowncaseRcpt:     !o.keepCase,
		UnixHierarchySep: !o.dotSep,
	})
}

func TestParseRecipient(t *testing.T) {
	virt := parseOpts{virt: auth.VirtDomainsUserid}
	tests := []struct {
		name                 string
		opt                  parseOpts
		addr                 string
		user, detail, folder string
		err                  error
	}{
		{name: "bare user", addr: "bob", user: "bob"},
		{name: "brackets", addr: "<bob>", user: "bob"},
		{name: "spaces around", addr: "  <bob> ", user: "bob"},
		{name: "domain dropped without virtdomains", addr: "bob@example.com", user: "bob"},
		{name: "domain kept with virtdomains", opt: virt, addr: "bob@example.com", user: "bob@example.com"},
		{name: "default domain dropped", opt: virt, addr: "bob@Example.ORG", user: "bob"},
		{name: "downcase user and domain", opt: virt, addr: "BoB@Example.COM", user: "bob@example.com"},
		{name: "detail keeps case", addr: "Bob+Lists/Go@example.com", user: "bob", detail: "Lists/Go", folder: "Lists/Go"},
		{name: "no downcase", opt: parseOpts{keepCase: true}, addr: "Bob+x", user: "Bob", detail: "x", folder: "x"},
		{name: "downcase is ASCII only", addr: "JÜRGEN", user: "jÜrgen"},
		{name: "unicode user", addr: "jürgen@example.com", user: "jürgen"},
		{name: "unicode detail", addr: "bob+été", user: "bob", detail: "été", folder: "été"},
		{name: "dot separator", opt: parseOpts{dotSep: true}, addr: "bob+a.b", user: "bob", detail: "a.b", folder: "a/b"},
		{name: "slash with dot separator", opt: parseOpts{dotSep: true}, addr: "bob+a/b", user: "bob", detail: "a/b"},
		{name: "dot with slash separator", addr: "bob+a.b", user: "bob", detail: "a.b", folder: "a.b"},
		{name: "empty detail", addr: "bob+", user: "bob"},
		{name: "second plus is in the detail", addr: "bob+a+b", user: "bob", detail: "a+b", folder: "a+b"},
		{name: "inbox detail", addr: "bob+inbox", user: "bob", detail: "inbox", folder: "INBOX"},
		{name: "detail with empty level", addr: "bob+a//b", user: "bob", detail: "a//b"},
		{name: "detail with wildcard", addr: "bob+%", user: "bob", detail: "%"},
		{name: "dotdot detail is only a name", addr: "bob+../x", user: "bob", detail: "../x", folder: "../x"},
		{name: "quoted local part", addr: `"bob smith"@example.com`, user: "bob smith"},
		{name: "quoted plus", addr: `"bob+x"@example.com`, user: "bob", detail: "x", folder: "x"},
		{name: "escaped character", addr: `b\ob`, user: "bob"},
		{name: "source route", addr: "<@relay.example,@b.example:bob@example.com>", user: "bob"},
		{name: "address literal dropped", addr: "bob@[127.0.0.1]", user: "bob"},

		{name: "empty", addr: "", err: ErrBadAddress},
		{name: "null path", addr: "<>", err: ErrBadAddress},
		{name: "plus only", addr: "+", err: ErrBadAddress},
		{name: "detail only", addr: "+detail@example.com", err: ErrBadAddress},
		{name: "dotdot user", addr: "../x", err: ErrBadAddress},
		{name: "slash user", addr: "a/b", err: ErrBadAddress},
		{name: "backslash user", addr: `"a\\b"`, err: ErrBadAddress},
		{name: "NUL", addr: "a\x00b", err: ErrBadAddress},
		{name: "C1 control", addr: "a\u0085b", err: ErrBadAddress},
		{name: "CRLF injection", addr: "bob\r\nRCPT TO:<x>", err: ErrBadAddress},
		{name: "invalid UTF-8", addr: "b\xffob", err: ErrBadAddress},
		{name: "trailing backslash", addr: `bob\`, err: ErrBadAddress},
		{name: "very long", addr: strings.Repeat("a", 5000), err: ErrBadAddress},
		{name: "user longer than a path component", addr: strings.Repeat("a", 300), err: ErrBadAddress},
		{name: "empty domain", addr: "bob@", err: ErrBadAddress},
		{name: "space in domain", addr: "bob@exa mple.com", err: ErrBadAddress},
		{name: "empty domain label", addr: "bob@a..b", err: ErrBadAddress},
		{name: "two at signs", addr: "a@b@c", err: ErrBadAddress},
		{name: "quoted at sign", addr: `"a@b"@example.com`, err: ErrBadAddress},
		{name: "percent hack", addr: "a%b@example.com", err: ErrBadAddress},
		{name: "unterminated quote", addr: `"bob`, err: ErrBadAddress},
		{name: "open bracket", addr: "<bob", err: ErrBadAddress},
		{name: "close bracket", addr: "bob>", err: ErrBadAddress},
		{name: "route without colon", addr: "@relay.example", err: ErrBadAddress},
		{name: "text after quoted part", addr: `"bob"x@example.com`, err: ErrBadAddress},
		{name: "address literal with virtdomains", opt: virt, addr: "bob@[127.0.0.1]", err: ErrBadAddress},
		{name: "leading dot", addr: ".bob", err: ErrBadAddress},
		{name: "reserved anyone", addr: "anyone", err: ErrUnknownUser},
		{name: "reserved anonymous", opt: virt, addr: "Anonymous@example.com", err: ErrUnknownUser},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parser(tc.opt).parse(tc.addr)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("parse(%q) = %+v, %v; want %v", tc.addr, got, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parse(%q): %v", tc.addr, err)
			}
			if got.User != tc.user || got.Detail != tc.detail || got.Folder != tc.folder || got.Addr != tc.addr {
				t.Errorf("parse(%q) = user %q detail %q folder %q addr %q; want %q %q %q",
					tc.addr, got.User, got.Detail, got.Folder, got.Addr, tc.user, tc.detail, tc.folder)
			}
		})
	}
}
