package migrate

import (
	"slices"
	"testing"

	"github.com/emersion/go-imap/v2"
)

// Cyrus's two namespace layouts: altnamespace with '/' (3.x defaults) and
// the classic INBOX.-prefixed one with '.'.
var (
	altNS = NamespacesFrom(&imap.NamespaceData{
		Personal: []imap.NamespaceDescriptor{{Prefix: "", Delim: '/'}},
		Other:    []imap.NamespaceDescriptor{{Prefix: "Other Users/", Delim: '/'}},
		Shared:   []imap.NamespaceDescriptor{{Prefix: "Shared Folders/", Delim: '/'}},
	}, '/')
	dotNS = NamespacesFrom(&imap.NamespaceData{
		Personal: []imap.NamespaceDescriptor{{Prefix: "INBOX.", Delim: '.'}},
		Other:    []imap.NamespaceDescriptor{{Prefix: "user.", Delim: '.'}},
		Shared:   []imap.NamespaceDescriptor{{Prefix: "", Delim: '.'}},
	}, '.')
)

func TestToStore(t *testing.T) {
	tests := []struct {
		ns      Namespaces
		in      string
		want    string
		wantErr bool
	}{
		{altNS, "INBOX", "INBOX", false},
		{altNS, "inbox", "INBOX", false},
		{altNS, "Sent", "Sent", false},
		{altNS, "Work/Projects", "Work/Projects", false},
		{altNS, "a.b", "a.b", false},
		{altNS, "Other Users/bob/Work", "", true},
		{altNS, "Shared Folders/news", "", true},
		{altNS, "Work//x", "", true},
		{dotNS, "INBOX", "INBOX", false},
		{dotNS, "INBOX.Sent", "Sent", false},
		{dotNS, "INBOX.Work.Projects", "Work/Projects", false},
		{dotNS, "INBOX.a/b", "", true},
		{dotNS, "user.bob.Work", "", true},
		{dotNS, "shared", "", true},
		{dotNS, "INBOX.", "", true},
		{NamespacesFrom(nil, '.'), "Work.Projects", "Work/Projects", false},
	}
	for _, tt := range tests {
		got, err := tt.ns.ToStore(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("ToStore(%q) with %q = %q, %v; want %q, error %v", tt.in, tt.ns.Personal.Prefix, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestAdminUsers(t *testing.T) {
	tests := []struct {
		names  []string
		prefix string
		delim  rune
		want   []string
	}{
		{[]string{"user/alice", "user/bob", "user/bob/Sent", "shared"}, "user/", '/', []string{"alice", "bob"}},
		{[]string{"user.alice", "user.j^doe", "user.bob.Sent"}, "user.", '.', []string{"alice", "j.doe"}},
		{[]string{"user/", "user/.hidden", "user/x@example.com"}, "user/", '/', []string{"x@example.com"}},
	}
	for _, tt := range tests {
		if got := AdminUsers(tt.names, tt.prefix, tt.delim); !slices.Equal(got, tt.want) {
			t.Errorf("AdminUsers(%q) = %q, want %q", tt.names, got, tt.want)
		}
	}
}

func FuzzToStore(f *testing.F) {
	for _, s := range []string{"INBOX", "INBOX.Sent", "Work/Projects", "Other Users/bob", "a..b", "INBOX./x", "\x00"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, name string, alt bool) {
		ns := dotNS
		if alt {
			ns = altNS
		}
		got, err := ns.ToStore(name)
		if err == nil && got == "" {
			t.Fatalf("ToStore(%q) = empty name without error", name)
		}
	})
}
