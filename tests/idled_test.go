package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/corvusmail/corvus/tests/harness"
)

// TestIdledWakesIdle runs idled from the DAEMON section as Cyrus's
// cyrus.conf does. With a poll interval of a minute, a client idling on
// INBOX sees a delivery (lmtpd) and another client's flag change (imapd)
// within a second: only idled can have woken it. Then idled is killed:
// IDLE still works by polling, and master's restarted idled wakes
// sessions again.
func TestIdledWakesIdle(t *testing.T) {
	tcp := fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
	e := startSuiteDaemons(t, harness.NewDir(t),
		fmt.Sprintf("  lmtp cmd=\"lmtpd -a\" listen=\"%s\" prefork=1\n", tcp),
		"  idled cmd=\"idled\"\n", "imap_imapidlepoll: 60s\n")
	sock := filepath.Join(e.m.Dir, "socket", "idle")
	harness.WaitFor(t, 10*time.Second, "idled's socket", func() bool { _, err := os.Stat(sock); return err == nil })

	c := e.raw(t)
	c.line()
	c.send("a LOGIN alice wonderland")
	c.until("a")
	c.send("b SELECT INBOX")
	c.until("b")
	idleFor := func(what string, act func()) {
		t.Helper()
		c.send("i IDLE")
		if l := c.line(); !strings.HasPrefix(l, "+") {
			t.Fatalf("IDLE: %q", l)
		}
		time.Sleep(200 * time.Millisecond) // the watch reaches idled
		start := time.Now()
		act()
		l := c.lineWithin(5 * time.Second)
		if !strings.HasPrefix(l, "* ") || time.Since(start) > 5*time.Second {
			t.Fatalf("%s: idling client got %q after %s", what, l, time.Since(start))
		}
		t.Logf("%s: %q after %s", what, l, time.Since(start).Round(time.Millisecond))
		c.send("DONE")
		c.until("i")
	}
	idleFor("LMTP delivery", func() {
		mustContain(t, "delivery", runLMTP(t, tcp, []string{"alice"}, message("w1", "wake up"), ""), "REPLY 250")
	})
	idleFor("STORE by another client", func() {
		python(t, e.addr, `
import imaplib, sys
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
M.login("alice", "wonderland")
M.select("INBOX")
M.store("1", "+FLAGS", "\\Flagged")
`)
	})

	// Without idled, changes wait for the poll; master restarts it.
	for _, p := range e.m.Children() {
		if p.Comm == "idled" {
			syscall.Kill(p.Pid, syscall.SIGKILL)
		}
	}
	harness.WaitFor(t, 15*time.Second, "idled restarted", func() bool {
		for _, p := range e.m.Children() {
			if p.Comm == "idled" {
				_, err := os.Stat(sock)
				return err == nil
			}
		}
		return false
	})
	idleFor("delivery after idled's restart", func() {
		mustContain(t, "delivery", runLMTP(t, tcp, []string{"alice"}, message("w2", "again"), ""), "REPLY 250")
	})
}
