// Package cyrusserver starts a private Cyrus IMAP 3.6 (Debian's packages)
// for end-to-end tests that compare Corvus with the real thing: its own
// imapd.conf, cyrus.conf, sasldb and spool in a test directory, imapd and
// lmtpd on free 127.0.0.1 ports, master in a process group of its own
// that t.Cleanup stops (SIGTERM, then SIGKILL of the group).
//
// cyrus-common provides master, lmtpd and ctl_cyrusdb; imapd comes from
// cyrus-imapd, which conflicts with dovecot-imapd and so is only unpacked
// (apt-get download, dpkg -x) into PeersHome, where bench/peers/setup.sh
// and .ci/run put it.
package cyrusserver

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// PeersHome is where the unpacked cyrus-imapd package lives.
const PeersHome = "/var/tmp/corvus-peers"

// Realm is servername and so the SASL realm of the sasldb users: Cyrus
// looks a login up as user@servername.
const Realm = "localhost"

// Paths are where Debian's Cyrus programs are.
type Paths struct {
	Common string // cyrus-common: master, lmtpd, ctl_cyrusdb
	Imapd  string // the unpacked cyrus-imapd: imapd
}

// DefaultPaths are Debian's paths, the unpacked imapd under PeersHome.
var DefaultPaths = Paths{Common: "/usr/lib/cyrus/bin", Imapd: PeersHome + "/cyrus-imapd/usr/lib/cyrus/bin"}

// install says what to install when something is missing.
const install = "install cyrus-common and sasl2-bin, and unpack cyrus-imapd into " + PeersHome +
	"/cyrus-imapd (apt-get download cyrus-imapd; dpkg -x cyrus-imapd_*.deb " + PeersHome + "/cyrus-imapd), as .ci/run does"

// Require returns the paths of Cyrus's programs. If any is missing, or
// the test does not run as root (Cyrus's master drops to the cyrus
// user), the test fails under CI and is skipped elsewhere.
func Require(t testing.TB) Paths {
	t.Helper()
	p := DefaultPaths
	var missing []string
	for _, f := range []string{p.Common + "/master", p.Common + "/lmtpd", p.Common + "/ctl_cyrusdb", p.Imapd + "/imapd"} {
		if _, err := os.Stat(f); err != nil {
			missing = append(missing, f)
		}
	}
	if _, err := exec.LookPath("saslpasswd2"); err != nil {
		missing = append(missing, "saslpasswd2")
	}
	if _, err := user.Lookup("cyrus"); err != nil {
		missing = append(missing, "the cyrus user")
	}
	why := ""
	switch {
	case len(missing) > 0:
		why = fmt.Sprintf("Cyrus is not installed (missing %s): %s", strings.Join(missing, ", "), install)
	case os.Geteuid() != 0:
		why = "Cyrus's master must be started as root (it drops to the cyrus user)"
	}
	if why != "" {
		if os.Getenv("CI") != "" {
			t.Fatal(why)
		}
		t.Skip(why)
	}
	return p
}

// Server is a running private Cyrus.
type Server struct {
	Dir       string
	ImapdConf string
	IMAP      string // 127.0.0.1:port
	LMTP      string // 127.0.0.1:port
	LogPath   string
	cmd       *exec.Cmd
	exited    chan struct{}
}

// Config is what the test wants of its Cyrus: users (name → password,
// stored in sasldb), the admins among them, and extra imapd.conf lines.
type Config struct {
	Users  map[string]string
	Admins []string
	Extra  string
}

// Start starts Cyrus with cfg and waits until it greets.
func Start(t testing.TB, p Paths, cfg Config) *Server {
	t.Helper()
	uid, gid := cyrusIDs(t)
	dir := t.TempDir()
	if err := os.Chmod(filepath.Dir(dir), 0o711); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{".", "conf", "conf/db", "conf/socket", "conf/proc", "conf/lock", "conf/log", "spool", "sieve"} {
		d := filepath.Join(dir, sub)
		if err := os.MkdirAll(d, 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(d, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	s := &Server{Dir: dir, ImapdConf: filepath.Join(dir, "imapd.conf"), IMAP: freeAddr(t), LMTP: freeAddr(t),
		LogPath: filepath.Join(dir, "master.log"), exited: make(chan struct{})}
	s.writeConfigs(t, p, cfg)
	addUsers(t, filepath.Join(dir, "sasldb2"), cfg.Users, uid, gid)
	s.start(t, p)
	return s
}

// writeConfigs writes imapd.conf and cyrus.conf. Cyrus's master does not
// pass its -C on, so every command names the imapd.conf itself.
func (s *Server) writeConfigs(t testing.TB, p Paths, cfg Config) {
	t.Helper()
	imapd := fmt.Sprintf(`configdirectory: %[1]s/conf
partition-default: %[1]s/spool
sievedir: %[1]s/sieve
idlesocket: %[1]s/conf/socket/idle
lmtpsocket: %[1]s/conf/socket/lmtp
notifysocket: %[1]s/conf/socket/notify
servername: %[2]s
admins: %[3]s
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: %[1]s/sasldb2
sasl_mech_list: PLAIN LOGIN
allowplaintext: yes
autocreate_quota: 0
autocreate_post: 1
syslog_prefix: corvus-test-cyrus
%[4]s`, s.Dir, Realm, strings.Join(cfg.Admins, " "), cfg.Extra)
	cyrus := fmt.Sprintf(`START {
  recover cmd="%[1]s/ctl_cyrusdb -C %[3]s -r"
}
SERVICES {
  imap cmd="%[2]s/imapd -C %[3]s" listen="%[4]s" prefork=1 maxchild=20
  lmtp cmd="%[1]s/lmtpd -C %[3]s -a" listen="%[5]s" prefork=0 maxchild=5
}
`, p.Common, p.Imapd, s.ImapdConf, s.IMAP, s.LMTP)
	for name, text := range map[string]string{s.ImapdConf: imapd, filepath.Join(s.Dir, "cyrus.conf"): cyrus} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// start runs master in its own process group and waits for the IMAP
// greeting, at most 30 s.
func (s *Server) start(t testing.TB, p Paths) {
	t.Helper()
	s.cmd = exec.Command(filepath.Join(p.Common, "master"), "-C", s.ImapdConf, "-M", filepath.Join(s.Dir, "cyrus.conf"),
		"-p", filepath.Join(s.Dir, "master.pid"), "-L", s.LogPath)
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("start Cyrus master: %v", err)
	}
	go func() { s.cmd.Wait(); close(s.exited) }()
	t.Cleanup(s.stop)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if greets(s.IMAP) == nil {
			return
		}
		select {
		case <-s.exited:
			t.Fatalf("Cyrus master exited during start-up; log:\n%s", s.Log())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("Cyrus did not greet on %s within 30s; log:\n%s", s.IMAP, s.Log())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// stop ends master (SIGTERM, 10 s) and then anything left in its group.
func (s *Server) stop() {
	pgid := s.cmd.Process.Pid
	syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
	}
	syscall.Kill(-pgid, syscall.SIGKILL)
	select {
	case <-s.exited:
	case <-time.After(5 * time.Second):
	}
}

// Log returns master's log.
func (s *Server) Log() string {
	b, _ := os.ReadFile(s.LogPath)
	return string(b)
}

// greets reports whether an IMAP server answers at addr with an OK.
func greets(addr string) error {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(2 * time.Second))
	buf := make([]byte, 512)
	n, err := c.Read(buf)
	if err != nil {
		return err
	}
	if !strings.HasPrefix(string(buf[:n]), "* OK") {
		return fmt.Errorf("greeting %q", buf[:n])
	}
	return nil
}

// addUsers stores every user with saslpasswd2, as a Cyrus admin does,
// and hands the database to the cyrus user.
func addUsers(t testing.TB, db string, users map[string]string, uid, gid int) {
	t.Helper()
	for u, pw := range users {
		cmd := exec.Command("saslpasswd2", "-p", "-c", "-f", db, "-u", Realm, u)
		cmd.Stdin = strings.NewReader(pw)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("saslpasswd2 %s: %v: %s", u, err, out)
		}
	}
	if err := os.Chown(db, uid, gid); err != nil {
		t.Fatal(err)
	}
}

func cyrusIDs(t testing.TB) (int, int) {
	t.Helper()
	u, err := user.Lookup("cyrus")
	if err != nil {
		t.Fatal(err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return uid, gid
}

func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
