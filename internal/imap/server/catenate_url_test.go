package server

import (
	"reflect"
	"testing"

	"github.com/emersion/go-imap/v2"
)

func TestParseIMAPURL(t *testing.T) {
	tests := []struct {
		in   string
		want *imapURL // nil: a syntax error
	}{
		{"/INBOX/;UID=5", &imapURL{mailbox: []byte("INBOX"), uid: 5}},
		{"/a/b;uidvalidity=7/;uid=5", &imapURL{mailbox: []byte("a/b"), uidValidity: 7, uid: 5}},
		{"/a%20b/;UID=1/;SECTION=1.2.MIME", &imapURL{mailbox: []byte("a b"), uid: 1,
			section: &imap.FetchItemBodySection{Part: []int{1, 2}, Specifier: imap.PartSpecifierMIME}}},
		{"/x/;UID=1/;PARTIAL=3.4", &imapURL{mailbox: []byte("x"), uid: 1, partial: &imap.SectionPartial{Offset: 3, Size: 4}}},
		{"/x/;UID=1/;SECTION=TEXT/;PARTIAL=0", &imapURL{mailbox: []byte("x"), uid: 1,
			section: &imap.FetchItemBodySection{Specifier: imap.PartSpecifierText}, partial: &imap.SectionPartial{Size: 1 << 62}}},
		{"IMAP://fred%40x;AUTH=*@Host.Example:993/INBOX/;UID=2", &imapURL{absolute: true, user: "fred@x", host: "Host.Example",
			mailbox: []byte("INBOX"), uid: 2}},
		{"imap://host/INBOX/;UID=2;EXPIRE=2026-01-01T00:00:00Z;URLAUTH=anonymous:internal:ab", &imapURL{absolute: true, host: "host",
			mailbox: []byte("INBOX"), uid: 2, urlauth: true}},
		{";UID=9/;SECTION=2", &imapURL{uid: 9, section: &imap.FetchItemBodySection{Part: []int{2}}}},
		{"", nil},
		{"/", nil},
		{"//;UID=1", nil},
		{"/;UID=1", nil},
		{"/x;UIDVALIDITY=0/;UID=1", nil},
		{"/x;FOO=1/;UID=1", nil},
		{"/x/;UID=", nil},
		{"/x/;UID=4294967296", nil},
		{"/x/;UID=1/;SECTION=", nil},
		{"/x/;UID=1/;SECTION=0", nil},
		{"/x/;UID=1/;PARTIAL=1.0", nil},
		{"/x/;UID=1/extra", nil},
		{"/x y/;UID=1", nil},
		{"/x%zz/;UID=1", nil},
		{"/x%4/;UID=1", nil},
		{"imap://host", nil},
		{"imap:///x/;UID=1", nil},
		{"imap://h:port/x/;UID=1", nil},
		{"/caf\xc3\xa9/;UID=1", nil},
		{"INBOX/;UID=1", nil},
	}
	for _, tc := range tests {
		got, err := parseIMAPURL(tc.in)
		if tc.want == nil {
			if err == nil {
				t.Errorf("%q: accepted as %+v", tc.in, got)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %+v %v, want %+v", tc.in, got, err, tc.want)
		}
	}
}

// FuzzParseIMAPURL: no panic, and what parses names a message (UID > 0)
// with positive part numbers.
func FuzzParseIMAPURL(f *testing.F) {
	for _, s := range []string{
		"/INBOX;UIDVALIDITY=1/;UID=2/;SECTION=1.HEADER.FIELDS%20(A)/;PARTIAL=0.10",
		"imap://u;AUTH=*@h:143/a%2Fb/;UID=1", ";UID=1", "/x/;UID=1;URLAUTH=a", "/%", "imap://@/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := parseIMAPURL(s)
		if err != nil {
			return
		}
		if u.uid == 0 {
			t.Fatalf("%q: UID 0", s)
		}
		if u.section != nil {
			for _, n := range u.section.Part {
				if n < 1 {
					t.Fatalf("%q: part %v", s, u.section.Part)
				}
			}
		}
	})
}
