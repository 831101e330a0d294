package server

import (
	"fmt"
	"strings"
	"testing"
)

const testMsg = "From: Alice <alice@example.com>\r\nTo: bob@example.com\r\nSubject: Hello there\r\nDate: Mon, 7 Feb 1994 21:52:25 -0800\r\nMessage-ID: <1@example.com>\r\n\r\nBody text with needle inside.\r\n"

func appendMsg(c *client, mbox, msg string) string {
	c.t.Helper()
	c.n++
	tag := fmt.Sprintf("t%d", c.n)
	c.send(fmt.Sprintf("%s APPEND %s (\\Flagged) {%d}", tag, mbox, len(msg)))
	if l := c.line(); !strings.HasPrefix(l, "+") {
		c.t.Fatalf("no continuation: %q", l)
	}
	c.send(msg)
	_, st := c.until(tag)
	if !strings.HasPrefix(st, "OK [APPENDUID ") {
		c.t.Fatalf("APPEND: %q", st)
	}
	return st
}

func hasLine(lines []string, sub string) bool {
	for _, l := range lines {
		if strings.Contains(l, sub) {
			return true
		}
	}
	return false
}

func TestMailboxLifecycle(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	c.mustOK("CREATE Archive/2024")
	c.mustOK(`CREATE "Entw&APw-rfe"`)
	if _, st := c.cmd("CREATE Archive/2024"); !strings.HasPrefix(st, "NO [ALREADYEXISTS]") {
		t.Fatalf("duplicate CREATE: %q", st)
	}
	lines := c.mustOK(`LIST "" "*"`)
	for _, want := range []string{`"/" INBOX`, `(\HasChildren) "/" Archive`, `"/" Archive/2024`, `"/" Entw&APw-rfe`} {
		if !hasLine(lines, want) {
			t.Errorf("LIST lacks %q: %q", want, lines)
		}
	}
	if l := c.mustOK(`LIST "" "%"`); hasLine(l, "Archive/2024") {
		t.Errorf("%% matched a lower level: %q", l)
	}
	c.mustOK("SUBSCRIBE Archive")
	// INBOX was subscribed when the account was created at first login.
	if l := c.mustOK(`LSUB "" "*"`); len(l) != 2 || !hasLine(l, `"/" Archive`) || !hasLine(l, `"/" INBOX`) {
		t.Errorf("LSUB: %q", l)
	}
	if l := c.mustOK(`LIST (SUBSCRIBED) "" "*" RETURN (STATUS (MESSAGES SIZE))`); !hasLine(l, `\Subscribed`) || !hasLine(l, "* STATUS Archive (MESSAGES 0 SIZE 0)") {
		t.Errorf("LIST-EXTENDED: %q", l)
	}
	c.mustOK("RENAME Archive Old")
	if l := c.mustOK("STATUS Old/2024 (MESSAGES UIDNEXT)"); !hasLine(l, "* STATUS Old/2024 (MESSAGES 0 UIDNEXT 1)") {
		t.Errorf("STATUS after rename: %q", l)
	}
	c.mustOK("DELETE Old/2024")
	if _, st := c.cmd("SELECT Old/2024"); !strings.HasPrefix(st, "NO [NONEXISTENT]") {
		t.Errorf("SELECT deleted: %q", st)
	}
	if l := c.mustOK("NAMESPACE"); !hasLine(l, `* NAMESPACE (("" "/")) (("Other Users/" "/")) NIL`) {
		t.Errorf("NAMESPACE: %q", l)
	}
}

func TestAppendFetchSearchStore(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	appendMsg(c, "INBOX", testMsg)
	appendMsg(c, "INBOX", strings.Replace(testMsg, "needle", "hay", 1))
	lines := c.mustOK("SELECT INBOX")
	for _, want := range []string{"* 2 EXISTS", "[UIDVALIDITY ", "[UIDNEXT 3]", "[PERMANENTFLAGS ("} {
		if !hasLine(lines, want) {
			t.Errorf("SELECT lacks %q: %q", want, lines)
		}
	}
	lines = c.mustOK("FETCH 1 (UID FLAGS RFC822.SIZE ENVELOPE BODY.PEEK[])")
	if !hasLine(lines, "UID 1 FLAGS (\\Flagged \\Recent) RFC822.SIZE "+fmt.Sprint(len(testMsg))) || !hasLine(lines, `"Hello there"`) {
		t.Errorf("FETCH: %q", lines)
	}
	lines = c.mustOK("FETCH 1 BODY[TEXT]")
	if !hasLine(lines, "FLAGS (\\Seen \\Flagged)") && !hasLine(lines, "\\Seen") {
		t.Errorf("BODY[] did not set \\Seen: %q", lines)
	}
	if l := c.mustOK("SEARCH BODY needle"); !hasLine(l, "* SEARCH 1") || hasLine(l, "* SEARCH 1 2") {
		t.Errorf("SEARCH BODY: %q", l)
	}
	if l := c.mustOK("UID SEARCH RETURN (MIN COUNT) FROM alice"); !hasLine(l, "* ESEARCH (TAG ") || !hasLine(l, "UID MIN 1 COUNT 2") {
		t.Errorf("ESEARCH: %q", l)
	}
	if l := c.mustOK("SEARCH UNSEEN"); !hasLine(l, "* SEARCH 2") {
		t.Errorf("SEARCH UNSEEN: %q", l)
	}
	// SENT* read the Date: header (1994), not the internal date (today).
	if l := c.mustOK("SEARCH SENTBEFORE 1-Jan-2000"); !hasLine(l, "* SEARCH 1 2") {
		t.Errorf("SEARCH SENTBEFORE: %q", l)
	}
	if l := c.mustOK("SEARCH OR SENTON 7-Feb-1994 SENTSINCE 1-Jan-2000"); !hasLine(l, "* SEARCH 1 2") {
		t.Errorf("SEARCH SENTON: %q", l)
	}
	if l := c.mustOK("SEARCH SENTON 8-Feb-1994"); hasLine(l, "* SEARCH 1") {
		t.Errorf("SEARCH SENTON took the date in UTC: %q", l)
	}
	if l := c.mustOK("SEARCH NOT SENTBEFORE 1-Jan-2000"); hasLine(l, "* SEARCH 1") {
		t.Errorf("SEARCH NOT SENTBEFORE: %q", l)
	}
	if l := c.mustOK(`STORE 2 +FLAGS (\Deleted)`); !hasLine(l, `* 2 FETCH (FLAGS (\Flagged \Deleted \Recent))`) {
		t.Errorf("STORE: %q", l)
	}
	c.mustOK("CREATE Saved")
	if _, st := c.cmd("COPY 1 Saved"); !strings.HasPrefix(st, "OK [COPYUID ") {
		t.Errorf("COPY: %q", st)
	}
	if l := c.mustOK("EXPUNGE"); !hasLine(l, "* 2 EXPUNGE") {
		t.Errorf("EXPUNGE: %q", l)
	}
	if l := c.mustOK("MOVE 1 Saved"); !hasLine(l, "* OK [COPYUID ") || !hasLine(l, "* 1 EXPUNGE") {
		t.Errorf("MOVE: %q", l)
	}
	if l := c.mustOK("STATUS Saved (MESSAGES)"); !hasLine(l, "MESSAGES 2") {
		t.Errorf("STATUS Saved: %q", l)
	}
	c.mustOK("UNSELECT")
	if _, st := c.cmd("FETCH 1 FLAGS"); !strings.HasPrefix(st, "BAD") {
		t.Errorf("FETCH after UNSELECT: %q", st)
	}
}

func TestAppendTooBig(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.MaxMessageSize = 100 })
	c := e.dial()
	c.login("alice")
	c.send("a APPEND INBOX {500}")
	if l := c.line(); !strings.HasPrefix(l, "a NO [TOOBIG]") {
		t.Fatalf("oversized APPEND: %q", l)
	}
	if _, st := c.cmd("APPEND Nowhere {3+}\r\nabc"); !strings.HasPrefix(st, "NO [TRYCREATE]") {
		t.Fatalf("APPEND to missing mailbox: %q", st)
	}
	if l := c.mustOK("CAPABILITY"); !hasLine(l, "APPENDLIMIT=100") {
		t.Errorf("capability: %q", l)
	}
}

func TestIdleSeesAppend(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	c.mustOK("SELECT INBOX")
	c.send("i IDLE")
	if l := c.line(); !strings.HasPrefix(l, "+ ") {
		t.Fatalf("IDLE: %q", l)
	}
	other := e.dial()
	other.login("alice")
	appendMsg(other, "INBOX", testMsg)
	if l := c.line(); l != "* 1 EXISTS" {
		t.Fatalf("during IDLE: %q", l)
	}
	if l := c.line(); l != "* 1 RECENT" {
		t.Fatalf("during IDLE: %q", l)
	}
	c.send("DONE")
	if l := c.line(); !strings.HasPrefix(l, "i OK") {
		t.Fatalf("after DONE: %q", l)
	}
}

func TestListRecursiveMatch(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	c.mustOK("CREATE A/B")
	c.mustOK("SUBSCRIBE A/B")
	l := c.mustOK(`LIST (SUBSCRIBED RECURSIVEMATCH) "" "%"`)
	if !hasLine(l, `"/" A ("CHILDINFO" ("SUBSCRIBED"))`) {
		t.Errorf("RECURSIVEMATCH: %q", l)
	}
}

func TestRev2SearchIsESearch(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	c.mustOK("ENABLE IMAP4rev2")
	c.mustOK("SELECT INBOX")
	if l := c.mustOK("SEARCH ALL"); !hasLine(l, "* ESEARCH (TAG ") {
		t.Errorf("rev2 SEARCH: %q", l)
	}
}

func TestDotSeparatorStandardNamespace(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.UnixHierarchySep, o.AltNamespace = false, false })
	c := e.dial()
	c.login("alice")
	c.mustOK("CREATE INBOX.Sent.2024")
	l := c.mustOK(`LIST "" "*"`)
	if !hasLine(l, `"." INBOX.Sent.2024`) || !hasLine(l, `(\HasChildren) "." INBOX`) {
		t.Errorf("LIST: %q", l)
	}
	if _, st := c.cmd("CREATE a/b"); !strings.HasPrefix(st, "NO") {
		t.Errorf("'/' accepted with '.' separator: %q", st)
	}
	if l := c.mustOK("NAMESPACE"); !hasLine(l, `* NAMESPACE (("INBOX." ".")) (("user." ".")) NIL`) {
		t.Errorf("NAMESPACE: %q", l)
	}
}

func TestShutdownDuringIdle(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	c.send("i IDLE")
	c.line()
	e.writeMsg("shutdown", "maintenance")
	if l := c.line(); l != "* BYE [ALERT] maintenance" {
		t.Fatalf("during IDLE: %q", l)
	}
	if !c.closed() {
		t.Fatal("still open")
	}
}

func TestUTF8Accept(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	c.mustOK(`CREATE "Entw&APw-rfe"`)
	if l := c.mustOK("ENABLE UTF8=ACCEPT"); !hasLine(l, "* ENABLED UTF8=ACCEPT") {
		t.Fatalf("ENABLE: %q", l)
	}
	l := c.mustOK(`LIST "" "Entw*"`)
	if !hasLine(l, `"/" "Entwürfe"`) {
		t.Errorf("UTF-8 LIST: %q", l)
	}
	if l := c.mustOK("ENABLE UTF8=ACCEPT"); !hasLine(l, "* ENABLED") || hasLine(l, "UTF8") {
		t.Errorf("second ENABLE: %q", l)
	}
	c.mustOK(`SELECT "Entwürfe"`)
	if _, st := c.cmd("ENABLE CONDSTORE"); !strings.HasPrefix(st, "BAD") {
		t.Errorf("ENABLE in selected state: %q", st)
	}
}

func TestMultiAppendAndSpecialUse(t *testing.T) {
	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	_, st := c.cmd("APPEND INBOX {3+}\r\nabc (\\Seen) {3+}\r\ndef")
	if !strings.HasPrefix(st, "OK [APPENDUID ") || !strings.Contains(st, " 1:2]") {
		t.Fatalf("MULTIAPPEND: %q", st)
	}
	c.mustOK(`CREATE Sent (USE (\Sent))`)
	if l := c.mustOK(`LIST "" "*" RETURN (SPECIAL-USE)`); !hasLine(l, `\Sent) "/" Sent`) {
		t.Fatalf("special use: %q", l)
	}
	if l := c.mustOK(`LIST (SPECIAL-USE) "" "*"`); len(l) != 1 {
		t.Fatalf("LIST (SPECIAL-USE): %q", l)
	}
}
