package server

import (
	"testing"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

// Other users' mailboxes under Cyrus's names: "Other Users/<user>/…" in
// the alternate namespace, "user/<user>/…" in the standard one and for
// admins, '.' in user names shown as '^' with the '.' separator.
func TestOtherNames(t *testing.T) {
	tests := []struct {
		unix, alt, admin bool
		user, name       string
		ns               string // "" when the mailbox has no such name
	}{
		{true, true, false, "bob", "INBOX", "Other Users/bob"},
		{true, true, false, "bob", "Sub/Deep", "Other Users/bob/Sub/Deep"},
		{true, true, true, "bob", "INBOX", "user/bob"},
		{true, true, true, "bob", "Sub", "user/bob/Sub"},
		{true, false, false, "bob", "INBOX/Sub", "user/bob/Sub"},
		{true, false, false, "bob", "Sub", ""}, // outside INBOX: Cyrus's shared space
		{false, false, false, "john.doe", "INBOX/Sub", "user/john^doe/Sub"},
		{false, true, false, "john.doe", "Sub", "Other Users/john^doe/Sub"},
	}
	for _, tt := range tests {
		s := &Session{srv: &Server{opts: Options{UnixHierarchySep: tt.unix, AltNamespace: tt.alt}}, user: "alice", admin: tt.admin}
		ns, ok := s.otherName(tt.user, tt.name)
		if ok != (tt.ns != "") || ns != tt.ns {
			t.Errorf("%+v: otherName = %q, %v", tt, ns, ok)
			continue
		}
		if !ok {
			continue
		}
		user, name, root, other := s.splitOther(ns)
		if !other || root || user != tt.user || name != tt.name {
			t.Errorf("%+v: splitOther(%q) = %q %q %v %v", tt, ns, user, name, root, other)
		}
	}
}

// Names outside the namespace, its root, and INBOX spelled in any case.
func TestSplitOther(t *testing.T) {
	s := &Session{srv: &Server{opts: Options{UnixHierarchySep: true, AltNamespace: true}}, user: "alice"}
	tests := []struct {
		ns, user, name string
		root, other    bool
	}{
		{"INBOX", "", "", false, false},
		{"Other", "", "", false, false},
		{"Other Users", "", "", true, true},
		{"Other Usersx/bob", "", "", false, false},
		{"Other Users/bob/inbox", "bob", "INBOX", false, true},
		{"Other Users/bob/INBOX/x", "bob", "INBOX/x", false, true},
		{"user/bob", "", "", false, false}, // "user" is a plain folder here
	}
	for _, tt := range tests {
		user, name, root, other := s.splitOther(tt.ns)
		if user != tt.user || name != tt.name || root != tt.root || other != tt.other {
			t.Errorf("splitOther(%q) = %q %q %v %v", tt.ns, user, name, root, other)
		}
	}
}

// Which LIST patterns make the session read other users' accounts, and
// which single account a pattern names.
func TestOthersReached(t *testing.T) {
	tests := []struct {
		pattern string
		reach   bool
		users   []string
	}{
		{"*", true, nil},
		{"%", true, nil},
		{"INBOX*", false, nil},
		{"Sub/%", false, nil},
		{"Oth*", true, nil},
		{"Other Users/%", true, nil},
		{"Other Users/bob", true, []string{"bob"}},
		{"Other Users/bob/*", true, []string{"bob"}},
		{"Other Users/bo*", true, nil},
	}
	for _, tt := range tests {
		s := &Session{srv: &Server{opts: Options{UnixHierarchySep: true, AltNamespace: true}}, user: "alice",
			enabled: map[imap.Cap]bool{}}
		users, reach := s.othersReached(listOf(tt.pattern))
		if reach != tt.reach || len(users) != len(tt.users) || (len(users) == 1 && users[0] != tt.users[0]) {
			t.Errorf("%q: %v %v", tt.pattern, users, reach)
		}
	}
}

func listOf(pattern string) *wire.List {
	return &wire.List{Reference: []byte{}, Patterns: [][]byte{[]byte(pattern)}}
}
