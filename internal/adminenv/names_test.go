package adminenv

import (
	"strings"
	"testing"

	"github.com/corvusmail/corvus/internal/store"
)

var (
	slash = Names{Sep: '/', VirtDomains: true}
	dot   = Names{Sep: '.'}
	dotv  = Names{Sep: '.', VirtDomains: true}
)

func TestParseAndExternal(t *testing.T) {
	tests := []struct {
		n             Names
		name          string
		user, mailbox string
		bad           bool
	}{
		{slash, "user/alice", "alice", "INBOX", false},
		{slash, "user/alice/Sent/2024", "alice", "Sent/2024", false},
		{slash, "user/alice/Sent@example.com", "alice@example.com", "Sent", false},
		{slash, "user/alice@example.com", "alice@example.com", "INBOX", false},
		{dot, "user.alice.Sent.2024", "alice", "Sent/2024", false},
		{dot, "user.john^doe.Trash", "john.doe", "Trash", false},
		{dotv, "user.alice@example.com", "alice@example.com", "INBOX", false},
		{dotv, "user.bob.Lists.x@example.com", "bob@example.com", "Lists/x", false},
		{slash, "shared/folder", "", "", true},
		{slash, "user/", "", "", true},
		{slash, "user/alice//x", "", "", true},
		{dot, "user.alice.a/b", "", "", true},
		{slash, "user/../x", "", "", true},
	}
	for _, tt := range tests {
		user, mailbox, err := tt.n.Parse(tt.name)
		if (err != nil) != tt.bad || user != tt.user || mailbox != tt.mailbox {
			t.Errorf("Parse(%q) = %q, %q, %v", tt.name, user, mailbox, err)
			continue
		}
		if tt.bad || strings.Contains(tt.name, "@") && !tt.n.VirtDomains {
			continue
		}
		if back := tt.n.External(user, mailbox); back != tt.name {
			t.Errorf("External(%q, %q) = %q, want %q", user, mailbox, back, tt.name)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"*", "user/alice/Trash", true},
		{"user/%", "user/alice", true},
		{"user/%", "user/alice/Trash", false},
		{"user/%/Trash", "user/alice/Trash", true},
		{"user/%/Trash", "user/alice/x/Trash", false},
		{"user/*/Trash", "user/alice/x/Trash", true},
		{"user/alice", "user/alice", true},
		{"user/alice", "user/alice/Trash", false},
		{"user/a*e", "user/alice", true},
		{"user/%%%%%%%%%%%%%%%%x", "user/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
		{"", "", true},
		{"user/alice*", "user/alicexyz/Sent", true},
	}
	for _, tt := range tests {
		if got := slash.Match(tt.pattern, tt.name); got != tt.want {
			t.Errorf("Match(%q, %q) = %v", tt.pattern, tt.name, got)
		}
	}
}

// FuzzParse: Parse never panics, and what it accepts names the same
// mailbox once printed back (where the separator can say it).
func FuzzParse(f *testing.F) {
	for _, s := range []string{"user/alice", "user/alice/Sent@example.com", "user.a^b.c", "user/", "@", "user/x@", "user//"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, name string, useSlash bool) {
		n := dot
		if useSlash {
			n = slash
		}
		user, mailbox, err := n.Parse(name)
		if err != nil {
			return
		}
		if store.CheckUser(user) != nil {
			t.Fatalf("Parse(%q) gave bad user %q", name, user)
		}
		if strings.ContainsAny(user, "^") || n.Sep == '.' && strings.Contains(mailbox, ".") {
			return // not representable with '.' as separator, as in Cyrus
		}
		u2, m2, err := n.Parse(n.External(user, mailbox))
		if err != nil || u2 != user || m2 != mailbox {
			t.Fatalf("round trip of %q: %q %q → %q → %q %q %v", name, user, mailbox, n.External(user, mailbox), u2, m2, err)
		}
	})
}

// FuzzMatch: Match never panics and a name always matches itself (with
// no wildcards in it).
func FuzzMatch(f *testing.F) {
	f.Add("user/%/Trash", "user/alice/Trash")
	f.Add("*%*%", "a/b/c")
	f.Fuzz(func(t *testing.T, pattern, name string) {
		slash.Match(pattern, name)
		if !strings.ContainsAny(name, "*%") && !slash.Match(name, name) {
			t.Fatalf("%q does not match itself", name)
		}
	})
}
