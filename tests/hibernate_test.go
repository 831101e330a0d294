package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/corvusmail/corvus/tests/harness"
)

// startHibernating runs imap, the thaw service (imapd -R on
// imap_thaw_socket) and idled, with sessions hibernating after one
// second of IDLE.
func startHibernating(t *testing.T) *imapdEnv {
	t.Helper()
	dir := harness.NewDir(t)
	thaw := filepath.Join(dir, "socket", "imapthaw")
	e := startSuiteDaemons(t, dir,
		fmt.Sprintf("  imapthaw cmd=\"imapd -R\" listen=\"%s\" prefork=1\n", thaw),
		"  idled cmd=\"idled\"\n", "imap_hibernate_timeout: 1\nimap_imapidlepoll: 60\n")
	sock := filepath.Join(e.m.Dir, "socket", "idle.hibernate")
	harness.WaitFor(t, 10*time.Second, "idled's hibernation socket", func() bool { _, err := os.Stat(sock); return err == nil })
	harness.WaitFor(t, 10*time.Second, "the thaw service", func() bool { _, err := os.Stat(thaw); return err == nil })
	return e
}

// idledSockets counts the sockets idled holds open.
func (e *imapdEnv) idledSockets(t *testing.T) int {
	t.Helper()
	for _, p := range e.m.Children() {
		if p.Comm != "idled" {
			continue
		}
		fds, _ := os.ReadDir("/proc/" + strconv.Itoa(p.Pid) + "/fd")
		n := 0
		for _, fd := range fds {
			if l, err := os.Readlink("/proc/" + strconv.Itoa(p.Pid) + "/fd/" + fd.Name()); err == nil && strings.HasPrefix(l, "socket:") {
				n++
			}
		}
		return n
	}
	return 0
}

// selected logs user in and selects INBOX on a new raw connection.
func (e *imapdEnv) selected(t *testing.T, user, pw string) *rawIMAP {
	t.Helper()
	c := e.raw(t)
	c.line()
	c.send("a LOGIN " + user + " " + pw)
	c.until("a")
	c.send("b SELECT INBOX")
	c.until("b")
	return c
}

// waitHibernated starts IDLE on c and waits until idled holds one more
// socket than before.
func (e *imapdEnv) waitHibernated(t *testing.T, c *rawIMAP, tag string) {
	t.Helper()
	before := e.idledSockets(t)
	c.send(tag + " IDLE")
	if l := c.line(); !strings.HasPrefix(l, "+") {
		t.Fatalf("IDLE: %q", l)
	}
	harness.WaitFor(t, 10*time.Second, "the session hibernated in idled", func() bool { return e.idledSockets(t) > before })
}

// TestHibernation: a session idle for imap_hibernate_timeout moves to
// idled; a new message is answered there (EXISTS and RECENT exactly as
// imapd writes them); DONE thaws it into the imapd -R service, which
// ends the IDLE and serves on with the client's numbering. An expunge
// while hibernated thaws the session, and the thawed imapd reports it.
// The user's telemetry log records each hand-over.
func TestHibernation(t *testing.T) {
	e := startHibernating(t)
	teleDir := e.mkdirCyrus(t, "log/alice")
	c := e.selected(t, "alice", "wonderland")

	e.waitHibernated(t, c, "i1")
	python(t, e.addr, aliceSays+`M.append("INBOX", None, None, b"Subject: one\r\n\r\nfirst\r\n")`)
	if l := c.lineWithin(5 * time.Second); l != "* 1 EXISTS" {
		t.Fatalf("hibernated session got %q", l)
	}
	if l := c.lineWithin(5 * time.Second); l != "* 1 RECENT" {
		t.Fatalf("hibernated session got %q", l)
	}
	c.send("DONE")
	if l := c.until("i1"); !strings.HasPrefix(l, "i1 OK") {
		t.Fatalf("DONE after thaw: %q", l)
	}
	c.send("f FETCH 1 (UID FLAGS)")
	if l := c.line(); l != "* 1 FETCH (UID 1 FLAGS (\\Recent))" {
		t.Fatalf("FETCH after thaw: %q\n%s", l, readAll(teleDir))
	}
	c.until("f")

	// A change idled does not answer: the session thaws and imapd says it.
	e.waitHibernated(t, c, "i2")
	python(t, e.addr, aliceSays+`M.select("INBOX")
M.store("1", "+FLAGS", "\\Deleted")
M.expunge()
`)
	// The \\Deleted may thaw the session before the expunge: then its
	// FETCH comes first.
	l := c.lineWithin(10 * time.Second)
	if strings.HasPrefix(l, "* 1 FETCH") {
		l = c.lineWithin(10 * time.Second)
	}
	if l != "* 1 EXPUNGE" {
		t.Fatalf("after expunge the session got %q", l)
	}
	c.send("DONE")
	if l := c.until("i2"); !strings.HasPrefix(l, "i2 OK") {
		t.Fatalf("DONE: %q", l)
	}
	c.send("z LOGOUT")
	c.until("z")

	all := readAll(teleDir)
	for _, want := range []string{"(hibernated in idled)", "(idled)", "* 1 EXISTS", "(resume)", "i1 OK"} {
		if !strings.Contains(all, want) {
			t.Errorf("telemetry lacks %q:\n%s", want, all)
		}
	}
}

// aliceSays starts a Python imaplib script logged in as alice.
const aliceSays = `
import imaplib, sys
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
M.login("alice", "wonderland")
`

// readAll concatenates the files of a directory.
func readAll(dir string) string {
	logs, _ := os.ReadDir(dir)
	var all strings.Builder
	for _, f := range logs {
		b, _ := os.ReadFile(filepath.Join(dir, f.Name()))
		all.Write(b)
	}
	return all.String()
}

// TestHibernatedShutdown: msg/shutdown ends hibernated sessions with the
// BYE a live session gets; stopping master ends them too.
func TestHibernatedShutdown(t *testing.T) {
	e := startHibernating(t)
	c := e.selected(t, "alice", "wonderland")
	e.waitHibernated(t, c, "i")
	msg := e.mkdirCyrus(t, "msg")
	if err := os.WriteFile(filepath.Join(msg, "shutdown"), []byte("Down for maintenance\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if l := c.lineWithin(5 * time.Second); l != "* BYE [ALERT] Down for maintenance" {
		t.Fatalf("got %q", l)
	}
	os.Remove(filepath.Join(msg, "shutdown"))

	c2 := e.selected(t, "bob", "builder")
	e.waitHibernated(t, c2, "i")
	e.m.Signal(syscall.SIGTERM)
	if l := c2.lineWithin(10 * time.Second); l != "* BYE Server shutting down" {
		t.Fatalf("got %q", l)
	}
}

// TestHibernationFreesWorker: with one imapd allowed (maxchild=1), a
// second client is served only because the first one's session left
// its worker for idled. DONE with a pipelined command thaws the first
// session, and both commands are answered in order.
func TestHibernationFreesWorker(t *testing.T) {
	dir := harness.NewDir(t)
	one := fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
	thaw := filepath.Join(dir, "socket", "imapthaw")
	e := startSuiteDaemons(t, dir,
		fmt.Sprintf("  imapthaw cmd=\"imapd -R\" listen=\"%s\" prefork=1\n  imap1 cmd=\"imapd\" listen=\"%s\" prefork=1 maxchild=1\n", thaw, one),
		"  idled cmd=\"idled\"\n", "imap_hibernate_timeout: 1\nimap_imapidlepoll: 60\n")
	harness.WaitFor(t, 10*time.Second, "the thaw service", func() bool { _, err := os.Stat(thaw); return err == nil })
	single := &imapdEnv{m: e.m, addr: one}
	a := single.selected(t, "alice", "wonderland")
	e.waitHibernated(t, a, "i")

	b := single.selected(t, "bob", "builder") // the one worker is free again
	b.send("z LOGOUT")
	b.until("z")

	a.send("DONE\r\nn NOOP")
	if l := a.until("i"); !strings.HasPrefix(l, "i OK") {
		t.Fatalf("DONE: %q", l)
	}
	if l := a.until("n"); !strings.HasPrefix(l, "n OK") {
		t.Fatalf("NOOP pipelined after DONE: %q", l)
	}
}

// TestIdledKilledWhileHolding: kill -9 of idled closes the connections it
// holds (the clients reconnect), master starts idled again, and no mail
// is lost.
func TestIdledKilledWhileHolding(t *testing.T) {
	e := startHibernating(t)
	python(t, e.addr, aliceSays+`M.append("INBOX", None, None, b"Subject: kept\r\n\r\nkept\r\n")`)
	c := e.selected(t, "alice", "wonderland")
	e.waitHibernated(t, c, "i")
	idled := 0
	for _, p := range e.m.Children() {
		if p.Comm == "idled" {
			idled = p.Pid
			syscall.Kill(p.Pid, syscall.SIGKILL)
		}
	}
	if idled == 0 {
		t.Fatal("no idled")
	}
	if !c.eof() {
		t.Fatal("the held connection stayed open after idled died")
	}
	harness.WaitFor(t, 15*time.Second, "idled restarted", func() bool {
		for _, p := range e.m.Children() {
			if p.Comm == "idled" && p.Pid != idled {
				return true
			}
		}
		return false
	})
	again := e.selected(t, "alice", "wonderland")
	again.send("f FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]")
	if l := again.line(); !strings.HasPrefix(l, "* 1 FETCH") {
		t.Fatalf("FETCH after idled's death: %q", l)
	}
	if l := again.line(); l != "Subject: kept" {
		t.Fatalf("message after idled's death: %q", l)
	}
	if l := again.until("f"); !strings.HasPrefix(l, "f OK") {
		t.Fatalf("FETCH after idled's death: %q", l)
	}
	e.waitHibernated(t, again, "i2") // and the new idled holds sessions
}
