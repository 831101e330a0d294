package harness

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Master is a running master process under test.
type Master struct {
	t         testing.TB
	Dir       string // configdirectory and home of everything else
	Bin       string
	ImapdConf string
	CyrusConf string
	LogPath   string
	Cmd       *exec.Cmd
	exited    chan struct{}
}

// Config is what a test starts master with. In CyrusConf and ImapdExtra,
// {dir} is replaced with the test's directory and {bin} with the binary
// directory.
type Config struct {
	CyrusConf  string
	ImapdExtra string
	// Args are extra master flags.
	Args []string
}

// NewDir creates the test's data directory, owned by the user workers
// run as.
func NewDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	uid, gid := CyrusUser(t)
	// t.TempDir's parent is private to the test's user; workers running
	// as the cyrus user need to pass through it (search only, no listing).
	if err := os.Chmod(filepath.Dir(dir), 0o711); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "socket"), 0o750); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{dir, filepath.Join(dir, "socket")} {
		if err := os.Chown(p, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// WriteConfigs writes imapd.conf and cyrus.conf for cfg into dir.
func WriteConfigs(t testing.TB, dir string, cfg Config) (imapd, cyrus string) {
	t.Helper()
	bin := Bin(t)
	expand := func(s string) string {
		return strings.NewReplacer("{dir}", dir, "{bin}", bin).Replace(s)
	}
	imapd = filepath.Join(dir, "imapd.conf")
	cyrus = filepath.Join(dir, "cyrus.conf")
	base := fmt.Sprintf("configdirectory: %s\nmaster_pid_file: %s/master.pid\n", dir, dir)
	if err := os.WriteFile(imapd, []byte(base+expand(cfg.ImapdExtra)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cyrus, []byte(expand(cfg.CyrusConf)), 0o644); err != nil {
		t.Fatal(err)
	}
	return imapd, cyrus
}

// Start starts master in the foreground (-D) with its log in the test
// directory, waits until it has written its ready file, and arranges for
// it and every child to be gone when the test ends.
func Start(t testing.TB, cfg Config) *Master {
	t.Helper()
	return StartIn(t, NewDir(t), cfg)
}

// StartIn is Start in a directory made by NewDir, for tests that put
// files there before master starts.
func StartIn(t testing.TB, dir string, cfg Config) *Master {
	t.Helper()
	imapd, cyrus := WriteConfigs(t, dir, cfg)
	m := &Master{t: t, Dir: dir, Bin: Bin(t), ImapdConf: imapd, CyrusConf: cyrus,
		LogPath: filepath.Join(dir, "master.log"), exited: make(chan struct{})}
	logf, err := os.Create(m.LogPath)
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{"-D", "-C", imapd, "-M", cyrus, "-r", filepath.Join(dir, "ready")}, cfg.Args...)
	m.Cmd = exec.Command(filepath.Join(m.Bin, "master"), args...)
	m.Cmd.Stdout, m.Cmd.Stderr = logf, logf
	// Own process group, so a test can never signal itself by accident.
	m.Cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := m.Cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { m.Cmd.Wait(); logf.Close(); close(m.exited) }()
	t.Cleanup(m.cleanup)
	ready := filepath.Join(dir, "ready")
	ok := Eventually(20*time.Second, func() bool {
		_, err := os.Stat(ready)
		return err == nil || m.Exited()
	})
	if !ok || m.Exited() {
		t.Fatalf("master did not become ready; log:\n%s", m.Log())
	}
	return m
}

// Pid is master's pid.
func (m *Master) Pid() int { return m.Cmd.Process.Pid }

// Exited reports whether master has ended.
func (m *Master) Exited() bool {
	select {
	case <-m.exited:
		return true
	default:
		return false
	}
}

// WaitExit waits up to d for master to end and returns its exit code.
func (m *Master) WaitExit(d time.Duration) (int, bool) {
	select {
	case <-m.exited:
		return m.Cmd.ProcessState.ExitCode(), true
	case <-time.After(d):
		return 0, false
	}
}

// Signal sends sig to master.
func (m *Master) Signal(sig syscall.Signal) {
	m.t.Helper()
	if err := m.Cmd.Process.Signal(sig); err != nil {
		m.t.Fatalf("signal master: %v", err)
	}
}

// Log returns master's log so far.
func (m *Master) Log() string {
	b, _ := os.ReadFile(m.LogPath)
	return string(b)
}

// Children lists master's live children.
func (m *Master) Children() []Proc { return ChildrenOf(m.Pid()) }

// Workers lists master's live children for one service.
func (m *Master) Workers(service string) []Proc { return ServiceChildren(m.Pid(), service) }

// WriteCyrusConf replaces cyrus.conf (for reload tests).
func (m *Master) WriteCyrusConf(text string) {
	m.t.Helper()
	text = strings.NewReplacer("{dir}", m.Dir, "{bin}", m.Bin).Replace(text)
	if err := os.WriteFile(m.CyrusConf, []byte(text), 0o644); err != nil {
		m.t.Fatal(err)
	}
}

// cleanup stops master with SIGTERM, then kills it and anything left of
// its descendants, so no test leaves processes behind.
func (m *Master) cleanup() {
	kids := m.Children()
	if !m.Exited() {
		m.Cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-m.exited:
		case <-time.After(15 * time.Second):
			syscall.Kill(-m.Pid(), syscall.SIGKILL)
			<-m.exited
		}
	}
	for _, k := range kids {
		if Alive(k.Pid) {
			syscall.Kill(k.Pid, syscall.SIGKILL)
		}
	}
	if m.t.Failed() {
		m.t.Logf("master log:\n%s", m.Log())
	}
}

// Client is a line-oriented connection to an echoworker.
type Client struct {
	Conn  net.Conn
	r     *bufio.Reader
	Hello Hello
}

// Hello is the echoworker's greeting: HELLO <pid> <service> <uses>.
type Hello struct {
	Pid     int
	Service string
	Uses    int
}

// Dial connects to addr and reads the greeting within d.
func Dial(t testing.TB, network, addr string, d time.Duration) (*Client, error) {
	c, err := net.DialTimeout(network, addr, d)
	if err != nil {
		return nil, err
	}
	cl := &Client{Conn: c, r: bufio.NewReader(c)}
	c.SetReadDeadline(time.Now().Add(d))
	line, err := cl.r.ReadString('\n')
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("read greeting: %w", err)
	}
	c.SetReadDeadline(time.Time{})
	f := strings.Fields(line)
	if len(f) != 4 || f[0] != "HELLO" {
		c.Close()
		return nil, fmt.Errorf("bad greeting %q", line)
	}
	cl.Hello.Pid, _ = strconv.Atoi(f[1])
	cl.Hello.Service = f[2]
	cl.Hello.Uses, _ = strconv.Atoi(f[3])
	return cl, nil
}

// MustDial is Dial that fails the test on error.
func MustDial(t testing.TB, network, addr string) *Client {
	t.Helper()
	c, err := Dial(t, network, addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Conn.Close() })
	return c
}

// Cmd sends one line and returns the reply line (bounded by 10 s).
func (c *Client) Cmd(line string) (string, error) {
	c.Conn.SetDeadline(time.Now().Add(10 * time.Second))
	defer c.Conn.SetDeadline(time.Time{})
	if _, err := fmt.Fprintf(c.Conn, "%s\r\n", line); err != nil {
		return "", err
	}
	s, err := c.r.ReadString('\n')
	return strings.TrimRight(s, "\r\n"), err
}

// Quit ends the session politely and closes the connection.
func (c *Client) Quit() {
	c.Cmd("QUIT")
	c.Conn.Close()
}
