package tests

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/corvusmail/corvus/tests/harness"
)

// TestPrivilegeSeparation starts the whole suite as root — imapd on a
// port below 1024 too, lmtpd on TCP and a unix socket, the thaw service,
// notifyd, idled and the metrics endpoint — and drives every kind of
// file into existence: logins by LOGIN and AUTHENTICATE with telemetry
// on, deliveries, an APPEND, a hibernated and thawed session. Then:
// every process of master's tree runs as the cyrus user (real, effective,
// saved and file-system ids, no root group), every file Corvus made obeys
// privsepRule, and the telemetry holds no password nor SASL payload.
func TestPrivilegeSeparation(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("privilege separation is checked when the tests run as root (as in CI)")
	}
	p := startPrivsep(t)
	p.exercise(t)
	uid, gid := harness.CyrusUser(t)
	t.Run("processes", func(t *testing.T) { checkProcesses(t, p.m.Pid(), uid, gid) })
	t.Run("files", func(t *testing.T) { checkFileModes(t, p.m.Dir, uid) })
	t.Run("telemetry", func(t *testing.T) { p.checkTelemetry(t) })
}

// privsepEnv is the suite TestPrivilegeSeparation runs.
type privsepEnv struct {
	*imapdEnv
	low  string // imapd on a port below 1024
	lmtp string
}

func startPrivsep(t *testing.T) *privsepEnv {
	t.Helper()
	dir := harness.NewDir(t)
	low := fmt.Sprintf("127.0.0.1:%d", privilegedPort(t))
	lmtp := fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
	sock := filepath.Join(dir, "socket")
	services := fmt.Sprintf(`  imaplow cmd="imapd" listen="%s" prefork=1
  lmtp cmd="lmtpd -a" listen="%s" prefork=1
  lmtpunix cmd="lmtpd -a" listen="%s/lmtp" prefork=0
  imapthaw cmd="imapd -R" listen="%s/imapthaw" prefork=1
  notify cmd="notifyd" listen="%s/notify" proto="udp" prefork=1
`, low, lmtp, sock, sock, sock)
	extra := fmt.Sprintf("imap_hibernate_timeout: 1\nmailnotifier: log\nprometheus_enabled: yes\n"+
		"prometheus_listen: 127.0.0.1:%d\ntemp_path: {dir}/tmp\n", harness.FreePort(t))
	// The directories an administrator makes: log/<user> turns telemetry
	// on (as Cyrus), tmp is temp_path.
	for _, d := range []string{"log", "log/alice", "log/bob", "tmp"} {
		mkdirPrivate(t, filepath.Join(dir, d))
	}
	e := startSuiteDaemons(t, dir, services, "  idled cmd=\"idled\"\n", extra)
	harness.WaitFor(t, 10*time.Second, "idled's hibernation socket", func() bool {
		_, err := os.Stat(filepath.Join(sock, "idle.hibernate"))
		return err == nil
	})
	return &privsepEnv{imapdEnv: e, low: low, lmtp: lmtp}
}

// mkdirPrivate makes a directory 0700 for the cyrus user.
func mkdirPrivate(t *testing.T, p string) {
	t.Helper()
	if err := os.Mkdir(p, 0o700); err != nil {
		t.Fatal(err)
	}
	chownCyrus(t, p)
}

// privilegedPort finds a port below 1024 free on 127.0.0.1. Only root
// can bind one, and no other test asks for one (harness.FreePort gives
// ephemeral ports), so the choice is safe; ports of common services are
// skipped in case the machine runs them.
func privilegedPort(t *testing.T) int {
	t.Helper()
	for port := 700; port < 1000; port++ {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			l.Close()
			return port
		}
	}
	t.Skip("no port below 1024 free on 127.0.0.1")
	return 0
}

// alicePlain and bobPlain are AUTHENTICATE PLAIN's payloads (RFC 4616).
var (
	alicePlain = base64.StdEncoding.EncodeToString([]byte("\x00alice\x00wonderland"))
	bobPlain   = base64.StdEncoding.EncodeToString([]byte("\x00bob\x00builder"))
)

// exercise makes every kind of file: logins (AUTHENTICATE PLAIN with and
// without an initial response, LOGIN, on the low port too), credentials
// sent again once telemetry is on (as Cyrus, it starts after login),
// LMTP deliveries over TCP and the unix socket, an APPEND, and a session
// that hibernates, is woken by a delivery and thaws on DONE.
func (p *privsepEnv) exercise(t *testing.T) {
	t.Helper()
	c := p.raw(t)
	c.line()
	c.send("a AUTHENTICATE PLAIN")
	if l := c.line(); !strings.HasPrefix(l, "+") {
		t.Fatalf("AUTHENTICATE: %q", l)
	}
	c.send(alicePlain)
	if l := c.until("a"); !strings.HasPrefix(l, "a OK") {
		t.Fatalf("AUTHENTICATE: %q", l)
	}
	p.credentialsAgain(t, c, "alice", "wonderland", alicePlain)
	c.send("b APPEND INBOX {22+}\r\nSubject: appended\r\n\r\nx")
	if l := c.until("b"); !strings.HasPrefix(l, "b OK") {
		t.Fatalf("APPEND: %q", l)
	}
	c.send("c LOGOUT")
	c.until("c")
	bob := p.raw(t)
	bob.line()
	bob.send("a AUTHENTICATE PLAIN " + bobPlain)
	if l := bob.until("a"); !strings.HasPrefix(l, "a OK") {
		t.Fatalf("AUTHENTICATE with an initial response: %q", l)
	}
	p.credentialsAgain(t, bob, "bob", "builder", bobPlain)
	p.lowPortLogin(t)
	p.deliver(t, "tcp", p.lmtp, "alice")
	p.deliver(t, "unix", filepath.Join(p.m.Dir, "socket", "lmtp"), "bob")
	p.hibernateAndThaw(t)
}

// credentialsAgain sends LOGIN (with the password as an atom and as a
// literal) and AUTHENTICATE with an initial response on a logged-in
// session: refused (BAD), and written to the telemetry, masked.
func (p *privsepEnv) credentialsAgain(t *testing.T, c *rawIMAP, user, pw, plain string) {
	t.Helper()
	c.send(fmt.Sprintf("x LOGIN %s %s", user, pw))
	c.until("x")
	c.send(fmt.Sprintf("y LOGIN %s {%d+}\r\n%s", user, len(pw), pw))
	c.until("y")
	c.send("z AUTHENTICATE PLAIN " + plain)
	c.until("z")
}

// hibernateAndThaw: a session in IDLE hibernates, a delivery is answered
// by idled, DONE thaws it into the imapd -R service.
func (p *privsepEnv) hibernateAndThaw(t *testing.T) {
	t.Helper()
	s := p.selected(t, "alice", "wonderland")
	p.waitHibernated(t, s, "i")
	p.deliver(t, "tcp", p.lmtp, "alice")
	if l := s.lineWithin(10 * time.Second); !strings.HasSuffix(l, "EXISTS") {
		t.Fatalf("hibernated session got %q", l)
	}
	s.send("DONE")
	if l := s.until("i"); !strings.HasPrefix(l, "i OK") {
		t.Fatalf("DONE after hibernation: %q", l)
	}
	s.send("f FETCH 1:* FLAGS")
	if l := s.until("f"); !strings.HasPrefix(l, "f OK") {
		t.Fatalf("FETCH after thaw: %q", l)
	}
}

// lowPortLogin logs in on the port below 1024 and checks that the worker
// serving it, forked by a master that bound the port as root, runs as
// the cyrus user.
func (p *privsepEnv) lowPortLogin(t *testing.T) {
	t.Helper()
	c, err := crashDial(p.low, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.c.Close()
	c.expect(t, "* OK", false)
	c.c.Write([]byte("l LOGIN alice wonderland\r\n"))
	c.expect(t, "l OK", false)
	uid, _ := harness.CyrusUser(t)
	ws := p.m.Workers("imaplow")
	if len(ws) == 0 {
		t.Fatal("no imapd worker for the port below 1024")
	}
	for _, w := range ws {
		if w.UID != uid {
			t.Errorf("imapd on %s runs as uid %d, want %d", p.low, w.UID, uid)
		}
	}
}

// deliver sends one message to user over LMTP at addr.
func (p *privsepEnv) deliver(t *testing.T, network, addr, user string) {
	t.Helper()
	nc, err := net.DialTimeout(network, addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	nc.SetDeadline(time.Now().Add(10 * time.Second))
	c := &crashConn{c: nc, br: bufio.NewReader(nc)}
	defer nc.Close()
	c.expect(t, "220", true)
	for _, step := range [][2]string{{"LHLO privsep.example", "250"}, {"MAIL FROM:<s@example.org>", "250"},
		{"RCPT TO:<" + user + ">", "250"}, {"DATA", "354"}, {"Subject: delivered\r\n\r\nbody\r\n.", "250"}} {
		c.c.Write([]byte(step[0] + "\r\n"))
		c.expect(t, step[1], true)
	}
}

// checkProcesses: master and every process below it run with real,
// effective, saved and file-system uid the cyrus user's, the same for
// the gid, and no supplementary group 0.
func checkProcesses(t *testing.T, master, uid, gid int) {
	t.Helper()
	procs := descendants(master)
	if len(procs) < 6 {
		t.Errorf("only %d processes below master: %v", len(procs), procs)
	}
	for _, pid := range append([]int{master}, procs...) {
		ids, err := procIDs(pid)
		if err != nil {
			continue // ended meanwhile
		}
		for _, u := range ids.uids {
			if u != uid {
				t.Errorf("pid %d (%s): uids %v, want all %d", pid, ids.name, ids.uids, uid)
				break
			}
		}
		for _, g := range ids.gids {
			if g != gid {
				t.Errorf("pid %d (%s): gids %v, want all %d", pid, ids.name, ids.gids, gid)
				break
			}
		}
		for _, g := range ids.groups {
			if g == 0 {
				t.Errorf("pid %d (%s) keeps the root group: %v", pid, ids.name, ids.groups)
			}
		}
	}
}

// procIDs are a process's ids from /proc/<pid>/status.
type procIDsT struct {
	name               string
	uids, gids, groups []int
}

func procIDs(pid int) (procIDsT, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return procIDsT{}, err
	}
	var ids procIDsT
	ints := func(f []string) []int {
		var out []int
		for _, s := range f {
			n, _ := strconv.Atoi(s)
			out = append(out, n)
		}
		return out
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, _ := strings.Cut(line, ":")
		f := strings.Fields(v)
		switch k {
		case "Name":
			ids.name = strings.TrimSpace(v)
		case "Uid":
			ids.uids = ints(f)
		case "Gid":
			ids.gids = ints(f)
		case "Groups":
			ids.groups = ints(f)
		}
	}
	return ids, nil
}

// descendants lists every live process below pid, recursively.
func descendants(pid int) []int {
	var out []int
	for _, c := range harness.ChildrenOf(pid) {
		out = append(out, c.Pid)
		out = append(out, descendants(c.Pid)...)
	}
	return out
}

// privsepRule is the most a file may allow, by what it is, under
// configdirectory (dir) and the partition (dir/part):
//   - unix sockets: 0660 at most — group rw so an MTA in cyrus_group can
//     reach lmtpd, nothing for others. Cyrus makes them 0777 and relies on
//     the socket directory; Corvus closes both;
//   - the socket directory and the metrics directory (prometheus_stats_dir):
//     0750, and the metrics files 0640 (counters, no user data);
//   - master's pid and ready files: 0640 (Cyrus: 0644);
//   - everything else (messages, databases, telemetry, locks, temporary
//     files): 0600 files and 0700 directories, as Cyrus's spool;
//
// and everything is owned by the cyrus user. What the test makes as the
// administrator (configdirectory itself, imapd.conf, cyrus.conf, master's
// output) is not Corvus's and is left out.
func privsepRule(rel string, mode fs.FileMode) fs.FileMode {
	top, _, _ := strings.Cut(rel, "/")
	switch {
	case mode.Type() == fs.ModeSocket:
		return 0o660
	case (top == "socket" || top == "stats") && mode.IsDir():
		return 0o750
	case top == "stats", rel == "master.pid", rel == "ready":
		return 0o640
	case mode.IsDir():
		return 0o700
	}
	return 0o600
}

// privsepAdminFiles are the test's own files in configdirectory.
var privsepAdminFiles = map[string]bool{".": true, "imapd.conf": true, "cyrus.conf": true, "master.log": true}

// checkFileModes applies privsepRule to every file below dir.
func checkFileModes(t *testing.T, dir string, uid int) {
	t.Helper()
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // removed meanwhile
		}
		rel, _ := filepath.Rel(dir, p)
		if privsepAdminFiles[rel] {
			return nil
		}
		info, err := os.Lstat(p)
		if err != nil {
			return nil
		}
		n++
		mode := info.Mode()
		if allowed := privsepRule(rel, mode); mode.Perm()&^allowed != 0 {
			t.Errorf("%s: mode %v, allowed %v", rel, mode, allowed)
		}
		if st, ok := info.Sys().(*syscall.Stat_t); ok && int(st.Uid) != uid {
			t.Errorf("%s: owned by uid %d, want %d", rel, st.Uid, uid)
		}
		return nil
	})
	t.Logf("%d files and directories checked", n)
}

// checkTelemetry: the users' telemetry recorded the logins, and holds
// neither the password nor the AUTHENTICATE payloads.
func (p *privsepEnv) checkTelemetry(t *testing.T) {
	t.Helper()
	secrets := []string{"wonderland", "builder", alicePlain, bobPlain}
	for _, user := range []string{"alice", "bob"} {
		all := readAll(filepath.Join(p.m.Dir, "log", user))
		for _, cmd := range []string{"x LOGIN " + user, "y LOGIN " + user, "z AUTHENTICATE PLAIN"} {
			if !strings.Contains(all, cmd) {
				t.Errorf("%s's telemetry did not record %q:\n%.2000s", user, cmd, all)
			}
		}
		for _, s := range secrets {
			if strings.Contains(all, s) {
				t.Errorf("%s's telemetry holds %q", user, s)
			}
		}
	}
}

// TestMasterRefusesRootUser: started as root with cyrus_user: root,
// master stops before binding anything, with an error naming the option.
func TestMasterRefusesRootUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root")
	}
	dir := harness.NewDir(t)
	port := harness.FreePort(t)
	imapd, cyrus := harness.WriteConfigs(t, dir, harness.Config{
		CyrusConf:  fmt.Sprintf("SERVICES {\n  imap cmd=\"imapd\" listen=\"127.0.0.1:%d\"\n}\n", port),
		ImapdExtra: "cyrus_user: root\npartition-default: {dir}/part\n",
	})
	out, code := harness.RunMaster(t, "-D", "-C", imapd, "-M", cyrus)
	// The log is JSON: the option's quotes come escaped.
	if code == 0 || !strings.Contains(out, `cyrus_user \"root\" is root; workers must run unprivileged`) {
		t.Fatalf("master with cyrus_user root: exit %d, output:\n%s", code, out)
	}
	if l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err != nil {
		t.Errorf("the port was left bound: %v", err)
	} else {
		l.Close()
	}
}
