package server

import (
	"fmt"
	"strings"
	"testing"
)

func TestCondStore(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	appendMsg(c, "INBOX", testMsg)
	appendMsg(c, "INBOX", testMsg)
	l := c.mustOK("SELECT INBOX (CONDSTORE)")
	if !hasLine(l, "[HIGHESTMODSEQ ") {
		t.Fatalf("SELECT (CONDSTORE): %q", l)
	}
	l = c.mustOK("FETCH 1:* (MODSEQ)")
	if len(l) != 2 || !strings.Contains(l[0], "MODSEQ (") {
		t.Fatalf("FETCH MODSEQ: %q", l)
	}
	var ms2 uint64
	fmt.Sscanf(l[1][strings.Index(l[1], "MODSEQ (")+8:], "%d", &ms2)
	c.mustOK(`STORE 1 +FLAGS.SILENT (\Answered)`)
	l = c.mustOK(fmt.Sprintf("FETCH 1:* (FLAGS) (CHANGEDSINCE %d)", ms2))
	if len(l) != 1 || !strings.HasPrefix(l[0], "* 1 FETCH") {
		t.Fatalf("CHANGEDSINCE: %q", l)
	}
	_, st := c.cmd(fmt.Sprintf(`STORE 1:2 (UNCHANGEDSINCE %d) +FLAGS (\Flagged)`, ms2))
	if !strings.HasPrefix(st, "OK [MODIFIED 1]") {
		t.Fatalf("UNCHANGEDSINCE: %q", st)
	}
	l = c.mustOK(fmt.Sprintf("SEARCH MODSEQ %d", ms2))
	if !hasLine(l, "* SEARCH 1 2 (MODSEQ ") {
		t.Fatalf("SEARCH MODSEQ: %q", l)
	}
	if l := c.mustOK("STATUS INBOX (HIGHESTMODSEQ)"); !hasLine(l, "HIGHESTMODSEQ ") {
		t.Fatalf("STATUS: %q", l)
	}
}
