package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/tests/harness"
)

// ipurge deletes the old messages of every Trash and tells idled: a
// client idling on the Trash sees the EXPUNGEs at once although its poll
// interval is a minute, as after another client's EXPUNGE.
func TestIpurgeNotifiesIdle(t *testing.T) {
	e := startSuiteDaemons(t, harness.NewDir(t), "", "  idled cmd=\"idled\"\n", "imap_imapidlepoll: 60s\n")
	sock := filepath.Join(e.m.Dir, "socket", "idle")
	harness.WaitFor(t, 10*time.Second, "idled's socket", func() bool { _, err := os.Stat(sock); return err == nil })

	c := e.login(t, "alice", "wonderland")
	if err := c.Create("Trash", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-40 * 24 * time.Hour)
	appendMsg(t, c, "Trash", testMessage(1), &imap.AppendOptions{Time: old})
	appendMsg(t, c, "Trash", testMessage(2), &imap.AppendOptions{Time: old, Flags: []imap.Flag{imap.FlagFlagged}})
	appendMsg(t, c, "Trash", testMessage(3), nil)
	appendMsg(t, c, "INBOX", testMessage(4), &imap.AppendOptions{Time: old})
	c.Logout().Wait()

	if out, rc := e.runTool(t, "ipurge", "-d", "30", "-X"); rc != 0 || !strings.Contains(out, "-f") {
		t.Errorf("ipurge without -f: exit %d\n%s", rc, out)
	}
	out, rc := e.runTool(t, "ipurge", "-f", "-n", "-X", "-d", "30", "user/%/Trash")
	if rc != 0 || !strings.Contains(out, "user/alice/Trash: would delete 2 of 3 messages") {
		t.Fatalf("ipurge -n: exit %d\n%s", rc, out)
	}

	r := e.raw(t)
	r.line()
	r.send("a LOGIN alice wonderland")
	r.until("a")
	r.send("b SELECT Trash")
	r.until("b")
	r.send("i IDLE")
	if l := r.line(); !strings.HasPrefix(l, "+") {
		t.Fatalf("IDLE: %q", l)
	}
	time.Sleep(300 * time.Millisecond) // the watch reaches idled
	start := time.Now()
	out, rc = e.runTool(t, "ipurge", "-f", "-s", "-X", "-d", "30", "user/%/Trash")
	if rc != 0 || !strings.Contains(out, "user/alice/Trash: deleted 1 of 3 messages") {
		t.Fatalf("ipurge: exit %d\n%s", rc, out)
	}
	if l := r.lineWithin(5 * time.Second); l != "* 1 EXPUNGE" {
		t.Fatalf("idling client got %q", l)
	}
	t.Logf("EXPUNGE seen %s after ipurge started", time.Since(start).Round(time.Millisecond))
	r.send("DONE")
	r.until("i")
	r.send("c UID SEARCH ALL")
	if l := r.line(); l != "* SEARCH 2 3" {
		t.Errorf("Trash after ipurge -s: %q, want UIDs 2 (flagged) and 3 (new)", l)
	}
	r.until("c")
	r.send("d STATUS INBOX (MESSAGES)")
	if l := r.line(); !strings.Contains(l, "MESSAGES 1") {
		t.Errorf("INBOX touched: %q", l)
	}
	r.until("d")
}
