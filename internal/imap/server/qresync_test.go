package server

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// QRESYNC (RFC 7162 §3.2): ENABLE, SELECT with the client's UIDVALIDITY
// and modseq (VANISHED (EARLIER) and the changed flags), VANISHED in place
// of EXPUNGE, and UID FETCH's VANISHED modifier.
func TestQResync(t *testing.T) {
	e := newEnv(t, nil)
	a := e.dial()
	a.login("alice")
	for range 5 {
		appendMsg(a, "INBOX", testMsg)
	}
	l := a.mustOK("SELECT INBOX (CONDSTORE)")
	uv := regexp.MustCompile(`UIDVALIDITY (\d+)`).FindStringSubmatch(strings.Join(l, " "))
	ms := regexp.MustCompile(`HIGHESTMODSEQ (\d+)`).FindStringSubmatch(strings.Join(l, " "))
	if uv == nil || ms == nil {
		t.Fatalf("SELECT: %q", l)
	}
	if _, st := a.cmd(fmt.Sprintf("SELECT INBOX (QRESYNC (%s %s))", uv[1], ms[1])); !strings.HasPrefix(st, "BAD") {
		t.Errorf("QRESYNC without ENABLE: %q", st)
	}
	a.mustOK("SELECT INBOX")
	a.mustOK(`STORE 2 +FLAGS (\Answered)`)
	a.mustOK(`STORE 3 +FLAGS (\Deleted)`)
	a.mustOK("EXPUNGE")

	b := e.dial()
	b.login("alice")
	if l := b.mustOK("ENABLE QRESYNC"); len(l) != 1 || l[0] != "* ENABLED QRESYNC" {
		t.Errorf("ENABLE QRESYNC: %q", l)
	}
	l = b.mustOK(fmt.Sprintf("SELECT INBOX (QRESYNC (%s %s 1:5))", uv[1], ms[1]))
	if !hasLine(l, "* VANISHED (EARLIER) 3") || !hasLine(l, `* 2 FETCH (UID 2 FLAGS (\Answered \Flagged) MODSEQ (`) {
		t.Errorf("SELECT QRESYNC: %q", l)
	}
	if hasLine(l, "FETCH (UID 1 ") {
		t.Errorf("SELECT QRESYNC reported an unchanged message: %q", l)
	}
	// Another session expunges UID 4: this one hears VANISHED, not EXPUNGE.
	a.mustOK(`UID STORE 4 +FLAGS (\Deleted)`)
	a.mustOK("UID EXPUNGE 4")
	if l := b.mustOK("NOOP"); !hasLine(l, "* VANISHED 4") || hasLine(l, "EXPUNGE") {
		t.Errorf("NOOP after an expunge: %q", l)
	}
	l = b.mustOK(fmt.Sprintf("UID FETCH 1:* (FLAGS) (CHANGEDSINCE %s VANISHED)", ms[1]))
	if len(l) < 2 || l[0] != "* VANISHED (EARLIER) 3:4" || !hasLine(l, "UID 2 ") || hasLine(l, "UID 1 ") {
		t.Errorf("UID FETCH VANISHED: %q", l)
	}
	// A stale UIDVALIDITY gets a plain SELECT.
	if l := b.mustOK("SELECT INBOX (QRESYNC (1 1))"); hasLine(l, "VANISHED") {
		t.Errorf("SELECT QRESYNC with a wrong UIDVALIDITY: %q", l)
	}
}
