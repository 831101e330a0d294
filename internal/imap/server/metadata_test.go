package server

import (
	"strings"
	"testing"
)

// METADATA (RFC 5464): mailbox and server entries, /private per user,
// DEPTH and MAXSIZE, removal with NIL, server /shared for admins only.
func TestMetadata(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	caps := c.mustOK("CAPABILITY")[0] + " "
	if !strings.Contains(caps, " METADATA ") || !strings.Contains(caps, " METADATA-SERVER ") {
		t.Errorf("CAPABILITY: %q", caps)
	}
	c.mustOK(`SETMETADATA INBOX (/private/comment "My comment" /shared/comment "Shared" /shared/vendor/x/a "1" /shared/vendor/x/a/b "2")`)
	for _, tt := range []struct{ cmd, want string }{
		{"GETMETADATA INBOX /private/comment", `* METADATA INBOX (/private/comment "My comment")`},
		{"GETMETADATA INBOX (/private/comment /shared/comment)", `* METADATA INBOX (/private/comment "My comment" /shared/comment "Shared")`},
		{"GETMETADATA (DEPTH 1) INBOX /shared/vendor/x", `* METADATA INBOX (/shared/vendor/x/a "1")`},
		{"GETMETADATA (DEPTH infinity) INBOX /shared/vendor/x", `* METADATA INBOX (/shared/vendor/x/a "1" /shared/vendor/x/a/b "2")`},
	} {
		if l := c.mustOK(tt.cmd); len(l) != 1 || l[0] != tt.want {
			t.Errorf("%s: %q, want %q", tt.cmd, l, tt.want)
		}
	}
	if l, st := c.cmd("GETMETADATA (MAXSIZE 5) INBOX (/private/comment /shared/comment)"); len(l) != 0 || st != "OK [METADATA LONGENTRIES 10] GETMETADATA completed" {
		t.Errorf("MAXSIZE: %q %q", l, st)
	}
	c.mustOK(`SETMETADATA INBOX (/private/comment NIL)`)
	if l := c.mustOK("GETMETADATA INBOX /private/comment"); len(l) != 0 {
		t.Errorf("entry removed with NIL still there: %q", l)
	}
	if _, st := c.cmd(`SETMETADATA INBOX (/bogus/x "1")`); !strings.HasPrefix(st, "BAD") {
		t.Errorf("invalid entry: %q", st)
	}
	if _, st := c.cmd(`SETMETADATA "" (/shared/motd "x")`); !strings.HasPrefix(st, "NO [NOPERM]") {
		t.Errorf("server /shared by a user: %q", st)
	}
	c.mustOK(`SETMETADATA "" (/private/vendor/client/setting "on")`)

	// Another user sees the /shared entries of a mailbox, not alice's
	// /private ones; here, their own INBOX has none.
	b := e.dial()
	b.login("bob")
	if l := b.mustOK(`GETMETADATA "" /private/vendor/client/setting`); len(l) != 0 {
		t.Errorf("bob sees alice's private server entry: %q", l)
	}
	admin := e.dial()
	admin.login("admin")
	admin.mustOK(`SETMETADATA "" (/shared/admin "postmaster@example.com")`)
	if l := b.mustOK(`GETMETADATA "" /shared/admin`); len(l) != 1 || !strings.Contains(l[0], "postmaster@example.com") {
		t.Errorf("server /shared entry: %q", l)
	}
}

// LIST-METADATA (RFC 9590): LIST RETURN (METADATA (...)) sends each
// listed mailbox's entries after its LIST response.
func TestListMetadata(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	c.mustOK("CREATE Work")
	c.mustOK(`SETMETADATA Work (/shared/comment "for work" /private/color "red")`)
	l := c.mustOK(`LIST "" "*" RETURN (METADATA (/shared/comment /private/color))`)
	want := []string{`* LIST (\HasNoChildren) "/" INBOX`, `* LIST (\HasNoChildren) "/" Work`, `* METADATA Work (/private/color "red" /shared/comment "for work")`}
	if strings.Join(l, "\n") != strings.Join(want, "\n") {
		t.Errorf("LIST RETURN (METADATA):\n%s\nwant\n%s", strings.Join(l, "\n"), strings.Join(want, "\n"))
	}
	if _, st := c.cmd(`LIST "" "*" RETURN (METADATA ())`); !strings.HasPrefix(st, "BAD") {
		t.Errorf("empty METADATA list: %q", st)
	}
}
