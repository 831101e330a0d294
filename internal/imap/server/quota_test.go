package server

import (
	"strconv"
	"strings"
	"testing"
)

// QUOTA (RFC 9208) as Cyrus: a user sees their own root as INBOX, only
// admins set quotas, naming users' roots user/<name>; limits are enforced
// by APPEND with [OVERQUOTA].
func TestQuota(t *testing.T) {
	e := newEnv(t, nil)
	bob := e.dial()
	bob.login("bob")
	caps := bob.mustOK("CAPABILITY")
	for _, c := range []string{" QUOTA ", "QUOTA=RES-STORAGE", "QUOTA=RES-MESSAGE", "QUOTASET"} {
		if !strings.Contains(caps[0]+" ", c) {
			t.Errorf("CAPABILITY lacks %s: %q", c, caps)
		}
	}
	if l := bob.mustOK("GETQUOTAROOT INBOX"); len(l) != 1 || l[0] != "* QUOTAROOT INBOX" {
		t.Errorf("GETQUOTAROOT without a quota: %q", l)
	}
	if _, st := bob.cmd("GETQUOTA INBOX"); !strings.HasPrefix(st, "NO [NONEXISTENT]") {
		t.Errorf("GETQUOTA without a quota: %q", st)
	}
	if _, st := bob.cmd("SETQUOTA INBOX (STORAGE 100)"); !strings.HasPrefix(st, "NO [NOPERM]") {
		t.Errorf("SETQUOTA by a user: %q", st)
	}
	if _, st := bob.cmd("GETQUOTA user/alice"); !strings.HasPrefix(st, "NO [NOPERM]") {
		t.Errorf("GETQUOTA of another user's root: %q", st)
	}

	admin := e.dial()
	admin.login("admin")
	if l := admin.mustOK("SETQUOTA user/bob (STORAGE 1 MESSAGE 5)"); len(l) != 1 || l[0] != "* QUOTA user/bob (STORAGE 0 1 MESSAGE 0 5)" {
		t.Errorf("SETQUOTA: %q", l)
	}
	if _, st := admin.cmd("SETQUOTA user/bob (MAILBOX 3)"); !strings.HasPrefix(st, "NO") {
		t.Errorf("SETQUOTA with an unknown resource: %q", st)
	}
	if _, st := admin.cmd("SETQUOTA user/nobody (STORAGE 3)"); !strings.HasPrefix(st, "NO [NONEXISTENT]") {
		t.Errorf("SETQUOTA of a missing user: %q", st)
	}

	appendMsg(bob, "INBOX", testMsg)
	l := bob.mustOK("GETQUOTAROOT INBOX")
	if len(l) != 2 || l[0] != "* QUOTAROOT INBOX INBOX" || l[1] != "* QUOTA INBOX (STORAGE 0 1 MESSAGE 1 5)" {
		t.Errorf("GETQUOTAROOT: %q", l)
	}
	big := strings.Replace(testMsg, "needle", strings.Repeat("x", 1500), 1)
	bob.send("b APPEND INBOX {" + itoa(len(big)) + "+}\r\n" + big)
	if _, st := bob.until("b"); !strings.HasPrefix(st, "NO [OVERQUOTA]") {
		t.Errorf("APPEND over quota: %q", st)
	}
	bob.mustOK("SELECT INBOX")
	bob.mustOK(`STORE 1 +FLAGS (\Deleted)`)
	if l := bob.mustOK("STATUS INBOX (DELETED DELETED-STORAGE)"); len(l) != 1 || l[0] != "* STATUS INBOX (DELETED 1 DELETED-STORAGE 1)" {
		t.Errorf("STATUS DELETED-STORAGE: %q", l)
	}
	// Removing every limit removes the root.
	admin.mustOK("SETQUOTA user/bob ()")
	if l := bob.mustOK("GETQUOTAROOT INBOX"); len(l) != 1 {
		t.Errorf("GETQUOTAROOT after the limits were removed: %q", l)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
