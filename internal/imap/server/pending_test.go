package server

import "testing"

// An expunge by another session is not announced during FETCH, STORE or
// SEARCH (RFC 9051 §7.5.1): sequence numbers keep their meaning until a
// NOOP, which then reports it.
func TestPendingExpunge(t *testing.T) {
	e := newEnv(t, nil)
	a := e.dial()
	a.login("alice")
	for i := 0; i < 3; i++ {
		appendMsg(a, "INBOX", testMsg)
	}
	a.mustOK("SELECT INBOX")
	b := e.dial()
	b.login("alice")
	b.mustOK("SELECT INBOX")
	b.mustOK(`STORE 2 +FLAGS.SILENT (\Deleted)`)
	b.mustOK("EXPUNGE")
	l := a.mustOK("FETCH 3 (UID)")
	if hasLine(l, "EXPUNGE") || !hasLine(l, "* 3 FETCH (UID 3)") {
		t.Fatalf("FETCH with a pending expunge: %q", l)
	}
	if l := a.mustOK("SEARCH ALL"); hasLine(l, "EXPUNGE") || !hasLine(l, "* SEARCH 1 3") {
		t.Fatalf("SEARCH with a pending expunge: %q", l)
	}
	l = a.mustOK("NOOP")
	if len(l) != 1 || l[0] != "* 2 EXPUNGE" {
		t.Fatalf("NOOP: %q", l)
	}
	if l := a.mustOK("FETCH 2 (UID)"); !hasLine(l, "* 2 FETCH (UID 3)") {
		t.Fatalf("renumbered: %q", l)
	}
	b.mustOK(`STORE 1 +FLAGS (\Answered)`)
	if l := a.mustOK("NOOP"); !hasLine(l, `* 1 FETCH (UID 1 FLAGS (\Answered \Flagged \Recent))`) {
		t.Fatalf("flag change from another session: %q", l)
	}
	if l := a.mustOK("NOOP"); len(l) != 0 {
		t.Fatalf("change reported twice: %q", l)
	}
}
