package server

import (
	"regexp"
	"strings"
	"testing"
)

// OBJECTID (RFC 8474), SAVEDATE (RFC 8514) and WITHIN (RFC 5032).
func TestObjectIDSaveDateWithin(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	caps := c.mustOK("CAPABILITY")[0] + " "
	for _, cp := range []string{" OBJECTID ", " SAVEDATE ", " WITHIN "} {
		if !strings.Contains(caps, cp) {
			t.Errorf("CAPABILITY lacks%s: %q", cp, caps)
		}
	}
	c.n++
	c.send("t0 CREATE Archive")
	_, st := c.until("t0")
	id := regexp.MustCompile(`^OK \[MAILBOXID \(([A-Za-z0-9_-]+)\)\]`).FindStringSubmatch(st)
	if id == nil {
		t.Fatalf("CREATE: %q", st)
	}
	if l := c.mustOK("STATUS Archive (MESSAGES MAILBOXID)"); len(l) != 1 || !strings.Contains(l[0], "MAILBOXID ("+id[1]+")") {
		t.Errorf("STATUS MAILBOXID: %q, want %s", l, id[1])
	}
	appendMsg(c, "INBOX", testMsg)
	l := c.mustOK("SELECT INBOX")
	if !hasLine(l, "[MAILBOXID (") {
		t.Errorf("SELECT lacks MAILBOXID: %q", l)
	}
	l = c.mustOK("FETCH 1 (EMAILID THREADID SAVEDATE)")
	emailID := regexp.MustCompile(`EMAILID \((M[0-9a-f]+)\)`).FindStringSubmatch(strings.Join(l, " "))
	if emailID == nil || !hasLine(l, "THREADID NIL") || !regexp.MustCompile(`SAVEDATE "\d\d-[A-Z][a-z]{2}-\d{4} `).MatchString(l[0]) {
		t.Fatalf("FETCH EMAILID THREADID SAVEDATE: %q", l)
	}
	// The EMAILID survives COPY (RFC 8474 §5.1): same content, same id.
	c.mustOK("COPY 1 Archive")
	c.mustOK("SELECT Archive")
	if l := c.mustOK("FETCH 1 (EMAILID)"); !hasLine(l, "EMAILID ("+emailID[1]+")") {
		t.Errorf("EMAILID after COPY: %q, want %s", l, emailID[1])
	}
	for _, tt := range []struct{ query, want string }{
		{"SEARCH EMAILID " + emailID[1], "* SEARCH 1"},
		{"SEARCH EMAILID Mffff", "* SEARCH"},
		{"SEARCH SAVEDSINCE 1-Jan-2000", "* SEARCH 1"},
		{"SEARCH SAVEDBEFORE 1-Jan-2000", "* SEARCH"},
		{"SEARCH SAVEDATESUPPORTED", "* SEARCH 1"},
		{"SEARCH YOUNGER 3600", "* SEARCH 1"},
		{"SEARCH OLDER 3600", "* SEARCH"},
	} {
		if l := c.mustOK(tt.query); len(l) != 1 || l[0] != tt.want {
			t.Errorf("%s: %q, want %q", tt.query, l, tt.want)
		}
	}
}
