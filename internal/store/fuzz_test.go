package store

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/emersion/go-imap/v2"
)

// FuzzCheckUser: whatever CheckUser accepts is one or two harmless path
// components.
func FuzzCheckUser(f *testing.F) {
	for _, s := range []string{"alice", "a@b.c", "../x", ".x", "a/b", "a\x00", "a..b", "x@y@z", "é@d.e", "@"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, user string) {
		if CheckUser(user) != nil {
			return
		}
		if !utf8.ValidString(user) || len(user) > MaxUserName || strings.ContainsAny(user, "/\\\x00") {
			t.Fatalf("accepted %q", user)
		}
		for _, part := range strings.Split(user, "@") {
			if part == "" || part[0] == '.' || strings.Contains(part, "..") {
				t.Fatalf("accepted %q", user)
			}
		}
	})
}

// FuzzCanonicalMailbox: canonical names are valid and canonical again.
func FuzzCanonicalMailbox(f *testing.F) {
	for _, s := range []string{"INBOX", "inbox/x", "a//b", "/a", "a/", "a*", "Entwürfe", "\xff", "INBOX.x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		c, err := CanonicalMailbox(name)
		if err != nil {
			return
		}
		again, err := CanonicalMailbox(c)
		if err != nil || again != c {
			t.Fatalf("%q → %q → %q, %v", name, c, again, err)
		}
		if !strings.EqualFold(c, name) || strings.Contains(c, "//") || !utf8.ValidString(c) {
			t.Fatalf("%q → %q", name, c)
		}
	})
}

// FuzzCanonicalFlag: accepted flags are canonical again and printable
// ASCII without spaces.
func FuzzCanonicalFlag(f *testing.F) {
	for _, s := range []string{`\Seen`, `\recent`, "$Junk", "a b", "x]", `\`, ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := CanonicalFlag(imap.Flag(s))
		if err != nil {
			return
		}
		again, err := CanonicalFlag(c)
		if err != nil || again != c {
			t.Fatalf("%q → %q → %q, %v", s, c, again, err)
		}
		for i := 0; i < len(c); i++ {
			if c[i] <= ' ' || c[i] >= 0x7f {
				t.Fatalf("accepted %q", s)
			}
		}
	})
}

// FuzzCanonicalMetadataEntry: accepted names are canonical again and in
// one of the two scopes.
func FuzzCanonicalMetadataEntry(f *testing.F) {
	for _, s := range []string{"/private/comment", "/SHARED/x/y", "/shared/", "/x", "/shared/a*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := CanonicalMetadataEntry(s)
		if err != nil {
			return
		}
		again, err := CanonicalMetadataEntry(c)
		if err != nil || again != c {
			t.Fatalf("%q → %q → %q, %v", s, c, again, err)
		}
		if !strings.HasPrefix(c, MetadataPrivate) && !strings.HasPrefix(c, MetadataShared) {
			t.Fatalf("accepted %q", s)
		}
	})
}

// FuzzResolveUIDs: resolved ranges are sorted, disjoint, non-empty, and
// contain exactly the UIDs the set contains.
func FuzzResolveUIDs(f *testing.F) {
	f.Add(uint32(1), uint32(5), uint32(0), uint32(9), uint32(7))
	f.Add(uint32(0), uint32(0), uint32(3), uint32(3), uint32(0))
	f.Add(uint32(100), uint32(0), uint32(2), uint32(1), uint32(50))
	f.Fuzz(func(t *testing.T, a, b, c, d, highest uint32) {
		highest %= 1000
		set := imap.UIDSet{{Start: imap.UID(a % 1000), Stop: imap.UID(b % 1000)}, {Start: imap.UID(c % 1000), Stop: imap.UID(d % 1000)}}
		got, err := ResolveUIDs(set, imap.UID(highest))
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range got {
			if r.Start == 0 || r.Start > r.Stop || i > 0 && uint64(got[i-1].Stop)+1 >= uint64(r.Start) {
				t.Fatalf("bad ranges %v", got)
			}
		}
		for uid := imap.UID(1); uid < 1001; uid++ {
			in := false
			for _, r := range set {
				lo, hi := r.Start, r.Stop
				if lo == 0 {
					lo = imap.UID(highest)
				}
				if hi == 0 {
					hi = imap.UID(highest)
				}
				lo, hi = min(lo, hi), max(lo, hi)
				in = in || lo <= uid && uid <= hi
			}
			if InRanges(got, uid) != in {
				t.Fatalf("set %v highest %d: uid %d in=%v, ranges %v", set, highest, uid, in, got)
			}
		}
	})
}
