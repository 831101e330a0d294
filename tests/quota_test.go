package tests

import (
	"database/sql"
	"strings"
	"testing"
)

// quota reports what SETQUOTA set and APPEND used, in Cyrus's layout;
// quota -f repairs a usage that went wrong, and IMAP sees the repair.
func TestQuotaReportAndFix(t *testing.T) {
	e := startImapd(t, "")
	c := e.login(t, "alice", "wonderland") // creates her account
	admin := e.raw(t)
	admin.line()
	admin.send("a LOGIN admin adminpw")
	admin.until("a")
	admin.send("b SETQUOTA user/alice (STORAGE 100 MESSAGE 10)")
	if l := admin.until("b"); !strings.HasPrefix(l, "b OK") {
		t.Fatalf("SETQUOTA: %s", l)
	}
	for i := range 4 {
		appendMsg(t, c, "INBOX", testMessage(i), nil)
	}
	used := 0
	for i := range 4 {
		used += len(testMessage(i))
	}

	out, rc := e.runTool(t, "quota")
	want := "   Quota   % Used     Used             Resource Root\n" +
		"     100        0        0              STORAGE user/alice\n" +
		"      10       40        4              MESSAGE user/alice\n"
	if used >= 1024 {
		t.Fatalf("test messages too big for the expected report: %d bytes", used)
	}
	if rc != 0 || out != want {
		t.Fatalf("quota: exit %d\n%s\nwant\n%s", rc, out, want)
	}
	if out, _ := e.runTool(t, "quota", "-J", "-u", "alice"); !strings.Contains(out, `"used": `+itoa(used)) {
		t.Errorf("quota -J:\n%s", out)
	}

	db, err := sql.Open("sqlite", e.aliceDB())
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec("UPDATE account SET messages = 1, size = 7")
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, rc = e.runTool(t, "quota", "-f", "-q")
	wantFix := "user/alice: STORAGE usage was 7, now " + itoa(used) + "\nuser/alice: MESSAGE usage was 1, now 4\n"
	if rc != 0 || out != wantFix {
		t.Fatalf("quota -f -q: exit %d\n%s\nwant\n%s", rc, out, wantFix)
	}
	admin.send("c GETQUOTA user/alice")
	var quota string
	for l := admin.line(); !strings.HasPrefix(l, "c "); l = admin.line() {
		if strings.HasPrefix(l, "* QUOTA") {
			quota = l
		}
	}
	if !strings.Contains(quota, "MESSAGE 4 10") {
		t.Errorf("GETQUOTA after quota -f: %q", quota)
	}
}
