package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/corvusmail/corvus/tests/harness"
)

// tool runs one of the admin tools against the suite's imapd.conf and
// returns its output.
func (e *imapdEnv) tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(filepath.Join(e.m.Bin, name), append([]string{"-C", e.m.ImapdConf}, args...)...)
	return runWithin(t, 30*time.Second, cmd)
}

// procLine waits for a cyr_info proc line with user in state and
// returns its fields.
func (e *imapdEnv) procLine(t *testing.T, user, state string) []string {
	t.Helper()
	var found []string
	harness.WaitFor(t, 10*time.Second, user+" "+state+" in cyr_info proc", func() bool {
		for _, l := range strings.Split(e.tool(t, "cyr_info", "proc"), "\n") {
			f := strings.Split(l, " ")
			if len(f) == 6 && f[3] == user && f[5] == state {
				found = f
				return true
			}
		}
		return false
	})
	return found
}

// closedWith reads the BYE the server ends c with and checks that the
// connection then closes.
func closedWith(t *testing.T, c *rawIMAP, want string, within time.Duration) {
	t.Helper()
	for {
		l := c.lineWithin(within)
		if strings.HasPrefix(l, "* BYE") {
			if l != want {
				t.Fatalf("got %q, want %q", l, want)
			}
			break
		}
	}
	if !c.eof() {
		t.Fatal("connection still open after BYE")
	}
}

// TestSessionsProcAndKick: cyr_info proc lists a live and a hibernated
// session with their users, states and processes; cyr_kick ends each
// with BYE at once, and they leave the listing.
func TestSessionsProcAndKick(t *testing.T) {
	e := startHibernating(t)
	a := e.selected(t, "alice", "wonderland")
	b := e.selected(t, "bob", "builder")
	e.waitHibernated(t, b, "i")

	fa := e.procLine(t, "alice", "selected")
	fb := e.procLine(t, "bob", "hibernated")
	if fa[1] != "imap" || fa[2] != "[127.0.0.1]" || fa[4] != "INBOX" {
		t.Errorf("alice's line: %q", fa)
	}
	if fb[1] != "idled" || fb[2] != "[127.0.0.1]" || fb[4] != "INBOX" {
		t.Errorf("bob's line: %q", fb)
	}
	if !e.isChild(t, fa[0], "imapd") || !e.isChild(t, fb[0], "idled") {
		t.Errorf("pids %s (alice) and %s (bob) are not master's imapd and idled", fa[0], fb[0])
	}

	a.send("i IDLE")
	if l := a.line(); !strings.HasPrefix(l, "+") {
		t.Fatalf("IDLE: %q", l)
	}
	e.procLine(t, "alice", "idle")
	if out := e.tool(t, "cyr_kick", "alice"); !strings.Contains(out, "alice: 1 session(s) ended") {
		t.Errorf("cyr_kick alice: %q", out)
	}
	closedWith(t, a, "* BYE Session ended by the administrator", 5*time.Second)
	if out := e.tool(t, "cyr_kick", "bob"); !strings.Contains(out, "bob: 1 session(s) ended") {
		t.Errorf("cyr_kick bob: %q", out)
	}
	closedWith(t, b, "* BYE Session ended by the administrator", 5*time.Second)
	if out := e.tool(t, "cyr_info", "proc"); strings.Contains(out, "alice") || strings.Contains(out, "bob") {
		t.Errorf("kicked sessions still listed:\n%s", out)
	}

	// The worker goes on serving after a kick.
	c := e.selected(t, "alice", "wonderland")
	c.send("z LOGOUT")
	c.until("z")
}

// isChild reports whether pid (decimal) is a child of master running comm.
func (e *imapdEnv) isChild(t *testing.T, pid, comm string) bool {
	n, err := strconv.Atoi(pid)
	if err != nil {
		return false
	}
	for _, p := range e.m.Children() {
		if p.Pid == n && p.Comm == comm {
			return true
		}
	}
	return false
}

// TestSessionsDeny: as Cyrus, a denied user's live session gets
// "* BYE [ALERT] <message>" at its next command, a new LOGIN gets OK and
// then the BYE; idled ends the user's hibernated session within its
// one-second sweep; cyr_deny -a lets the user back.
func TestSessionsDeny(t *testing.T) {
	e := startHibernating(t)
	a := e.selected(t, "alice", "wonderland")
	b := e.selected(t, "bob", "builder")
	e.waitHibernated(t, b, "i")
	e.procLine(t, "bob", "hibernated")

	e.tool(t, "cyr_deny", "-m", "[Maintenance until noon", "alice")
	e.tool(t, "cyr_deny", "bob")
	if out := e.tool(t, "cyr_deny", "-l"); !strings.Contains(out, "alice                          *                    [Maintenance until noon") {
		t.Errorf("cyr_deny -l:\n%s", out)
	}
	a.send("n NOOP")
	closedWith(t, a, "* BYE [ALERT] Maintenance until noon", 5*time.Second)
	start := time.Now()
	closedWith(t, b, "* BYE [ALERT] Access to this service has been blocked", 5*time.Second)
	t.Logf("hibernated session ended %s after cyr_deny", time.Since(start).Round(time.Millisecond))

	c := e.raw(t)
	c.line()
	c.send("l LOGIN alice wonderland")
	if l := c.until("l"); !strings.HasPrefix(l, "l OK") {
		t.Fatalf("LOGIN of a denied user: %q", l)
	}
	closedWith(t, c, "* BYE [ALERT] Maintenance until noon", 5*time.Second)

	e.tool(t, "cyr_deny", "-a", "alice")
	d := e.selected(t, "alice", "wonderland")
	d.send("n NOOP")
	if l := d.until("n"); !strings.HasPrefix(l, "n OK") {
		t.Fatalf("NOOP after cyr_deny -a: %q", l)
	}
}

// TestSessionsTelemetry: cyr_telemetry on makes the next login log,
// off stops it for the login after, and list shows who is on.
func TestSessionsTelemetry(t *testing.T) {
	e := startImapd(t, "")
	e.tool(t, "cyr_telemetry", "on", "alice")
	if out := e.tool(t, "cyr_telemetry", "list"); out != "alice\n" {
		t.Errorf("list: %q", out)
	}
	dir := filepath.Join(e.m.Dir, "log", "alice")
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("log/alice: %v %v", fi, err)
	}
	uid, _ := harness.CyrusUser(t)
	if harness.ProcUID(os.Getpid()) == 0 && fileUID(fi) != uid {
		t.Errorf("log/alice owned by %d, want the cyrus user %d", fileUID(fi), uid)
	}
	login := func() {
		c := e.selected(t, "alice", "wonderland")
		c.send("z LOGOUT")
		c.until("z")
	}
	login()
	logs, _ := os.ReadDir(dir)
	if len(logs) != 1 {
		t.Fatalf("telemetry files after login: %v", logs)
	}
	e.tool(t, "cyr_telemetry", "off", "alice")
	login()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("log/alice after off and a login: %v", err)
	}
	kept, _ := filepath.Glob(filepath.Join(e.m.Dir, "log", ".off", "alice-*", "*"))
	if len(kept) != 1 {
		t.Errorf("kept logs: %v", kept)
	}
	if out := e.tool(t, "cyr_telemetry", "list"); out != "" {
		t.Errorf("list after off: %q", out)
	}
}

// fileUID is the owner of fi.
func fileUID(fi os.FileInfo) int {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return int(st.Uid)
	}
	return -1
}
