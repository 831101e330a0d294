package server

import (
	"strings"
	"testing"
)

// UNAUTHENTICATE (RFC 8437) returns to the not-authenticated state:
// commands needing a login are refused, enabled extensions are gone, and
// another user can log in on the same connection.
func TestUnauthenticate(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.line() // greeting
	if _, st := c.cmd("UNAUTHENTICATE"); !strings.HasPrefix(st, "BAD") {
		t.Errorf("UNAUTHENTICATE before login: %q", st)
	}
	c.mustOK("LOGIN alice secret")
	if caps := c.mustOK("CAPABILITY"); !strings.Contains(caps[0], " UNAUTHENTICATE") {
		t.Errorf("CAPABILITY lacks UNAUTHENTICATE: %q", caps)
	}
	c.mustOK("ENABLE CONDSTORE")
	appendMsg(c, "INBOX", testMsg)
	c.mustOK("SELECT INBOX")
	c.mustOK("UNAUTHENTICATE")
	if _, st := c.cmd("SELECT INBOX"); !strings.HasPrefix(st, "BAD") {
		t.Errorf("SELECT after UNAUTHENTICATE: %q", st)
	}
	c.mustOK("LOGIN bob secret")
	c.mustOK("SELECT INBOX")
	if l := c.mustOK("STATUS INBOX (MESSAGES)"); len(l) != 1 || l[0] != "* STATUS INBOX (MESSAGES 0)" {
		t.Errorf("bob sees alice's INBOX: %q", l)
	}
	appendMsg(c, "INBOX", testMsg)
	if l := c.mustOK("FETCH 1 (FLAGS)"); len(l) != 1 || strings.Contains(l[0], "MODSEQ") {
		t.Errorf("CONDSTORE still enabled after UNAUTHENTICATE: %q", l)
	}
}
