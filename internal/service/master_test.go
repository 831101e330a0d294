package service_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"go/build"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/service"
)

// The tests below play master: they own a listening socket and a status
// pipe, and run the real tests/echoworker program on them.

// wait bounds every wait of these tests.
const wait = 10 * time.Second

// echoBin is the echoworker program, built once by TestMain.
var echoBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "echoworker")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	echoBin = filepath.Join(dir, "echoworker")
	build := exec.Command(goTool(), "build", "-o", echoBin, "github.com/corvusmail/corvus/tests/echoworker")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build echoworker: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(build.Default.GOROOT, "bin", "go")
}

// master is a fake master for one service: a listener, a status pipe and a
// configdirectory with an imapd.conf.
type master struct {
	t       *testing.T
	dir     string // configdirectory, short enough for unix socket paths
	conf    string
	ln      *os.File // handed to workers as fd 4; nil for none
	addr    net.Addr
	statusR *os.File
	statusW *os.File
}

func newMaster(t *testing.T, confExtra string) *master {
	t.Helper()
	dir, err := os.MkdirTemp("", "svc")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	m := &master{t: t, dir: dir, conf: filepath.Join(dir, "imapd.conf")}
	if err := os.WriteFile(m.conf, []byte("configdirectory: "+dir+"\n"+confExtra), 0o644); err != nil {
		t.Fatal(err)
	}
	m.statusR, m.statusW, err = os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.statusR.Close(); m.statusW.Close() })
	return m
}

// listenTCP gives the master a stream listener on 127.0.0.1.
func (m *master) listenTCP() {
	l, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		m.t.Fatal(err)
	}
	m.setListener(l, l.Addr())
}

// listenUnixgram gives the master a datagram socket.
func (m *master) listenUnixgram() {
	addr := &net.UnixAddr{Name: filepath.Join(m.dir, "dgram.sock"), Net: "unixgram"}
	c, err := net.ListenUnixgram("unixgram", addr)
	if err != nil {
		m.t.Fatal(err)
	}
	m.setListener(c, addr)
}

func (m *master) setListener(l interface {
	File() (*os.File, error)
	Close() error
}, addr net.Addr) {
	f, err := l.File()
	if err != nil {
		m.t.Fatal(err)
	}
	l.Close()
	m.ln, m.addr = f, addr
	m.t.Cleanup(func() { f.Close() })
}

// env is the environment of a worker of service "echo", instance 0, logging
// to stderr so that a failing test can show its log.
func env(extra ...string) []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CYRUS_") && !strings.HasPrefix(kv, "CORVUS_LOG=") {
			out = append(out, kv)
		}
	}
	out = append(out, "CORVUS_LOG=stderr", service.EnvService+"=echo", service.EnvID+"=0")
	return append(out, extra...)
}

// worker is one running child.
type worker struct {
	cmd    *exec.Cmd
	done   chan struct{}
	stderr *syncBuffer
}

// spawn starts prog (echoBin when "") with the status pipe on fd 3, the
// listener (if any) on fd 4, and -C conf before args.
func (m *master) spawn(prog string, environ []string, args ...string) *worker {
	m.t.Helper()
	if prog == "" {
		prog = echoBin
	}
	cmd := exec.Command(prog, append([]string{"-C", m.conf}, args...)...)
	cmd.Env = environ
	cmd.ExtraFiles = []*os.File{m.statusW}
	if m.ln != nil {
		cmd.ExtraFiles = append(cmd.ExtraFiles, m.ln)
	}
	return start(m.t, cmd)
}

func start(t *testing.T, cmd *exec.Cmd) *worker {
	t.Helper()
	w := &worker{cmd: cmd, done: make(chan struct{}), stderr: &syncBuffer{}}
	cmd.Stderr = w.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = cmd.Wait(); close(w.done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-w.done
		if t.Failed() {
			t.Logf("worker %d stderr:\n%s", cmd.Process.Pid, w.stderr.String())
		}
	})
	return w
}

func (w *worker) pid() int32 { return int32(w.cmd.Process.Pid) }

func (w *worker) signal(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := w.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
}

// exited waits up to d for the worker to exit and returns its exit code.
func (w *worker) exited(t *testing.T, d time.Duration) int {
	t.Helper()
	select {
	case <-w.done:
		return w.cmd.ProcessState.ExitCode()
	case <-time.After(d):
		t.Fatalf("worker %d still running after %v", w.pid(), d)
		return 0
	}
}

// alive reports whether the worker is still running.
func (w *worker) alive() bool {
	select {
	case <-w.done:
		return false
	default:
		return true
	}
}

// status reads one status record, failing after d.
func (m *master) status(d time.Duration) (msg, pid int32, err error) {
	var b [service.StatusSize]byte
	_ = m.statusR.SetReadDeadline(time.Now().Add(d))
	if _, err := io.ReadFull(m.statusR, b[:]); err != nil {
		return 0, 0, err
	}
	return service.DecodeStatus(b[:])
}

// expect reads len(msgs) records and checks they are msgs, from pid.
func (m *master) expect(pid int32, msgs ...int32) {
	m.t.Helper()
	for i, want := range msgs {
		msg, from, err := m.status(wait)
		if err != nil {
			m.t.Fatalf("status %d of %v: %v", i, names(msgs), err)
		}
		if msg != want || from != pid {
			m.t.Fatalf("status %d of %v: got %s from %d, want %s from %d",
				i, names(msgs), service.StatusName(msg), from, service.StatusName(want), pid)
		}
	}
}

// expectNone checks that no record arrives within d.
func (m *master) expectNone(d time.Duration) {
	m.t.Helper()
	msg, from, err := m.status(d)
	if err == nil {
		m.t.Fatalf("unexpected status %s from %d", service.StatusName(msg), from)
	}
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		m.t.Fatal(err)
	}
}

func names(msgs []int32) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, service.StatusName(m))
	}
	return out
}

// client is one connection to the service.
type client struct {
	t *testing.T
	c net.Conn
	r *bufio.Reader
}

func (m *master) dial() *client {
	m.t.Helper()
	c, err := net.DialTimeout(m.addr.Network(), m.addr.String(), wait)
	if err != nil {
		m.t.Fatal(err)
	}
	m.t.Cleanup(func() { c.Close() })
	_ = c.SetDeadline(time.Now().Add(wait))
	return &client{t: m.t, c: c, r: bufio.NewReader(c)}
}

// line reads one CRLF-terminated line.
func (c *client) line() string {
	c.t.Helper()
	s, err := c.r.ReadString('\n')
	if err != nil {
		c.t.Fatalf("read: %v (got %q)", err, s)
	}
	return strings.TrimSuffix(s, "\r\n")
}

// send writes a command and returns the answer line.
func (c *client) send(cmd string) string {
	c.t.Helper()
	if _, err := fmt.Fprintf(c.c, "%s\r\n", cmd); err != nil {
		c.t.Fatal(err)
	}
	return c.line()
}

// session runs a whole client session and checks the greeting.
func (m *master) session(w *worker, uses int) {
	m.t.Helper()
	c := m.dial()
	if got, want := c.line(), fmt.Sprintf("HELLO %d echo %d", w.pid(), uses); got != want {
		m.t.Fatalf("greeting %q, want %q", got, want)
	}
	if got := c.send("ECHO hi there"); got != "hi there" {
		m.t.Fatalf("ECHO: got %q", got)
	}
	if got := c.send("QUIT"); got != "BYE" {
		m.t.Fatalf("QUIT: got %q", got)
	}
}

// syncBuffer is a bytes.Buffer safe for the child's stderr copier and the
// test reading it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// helloFrom is the greeting of worker w to its uses-th client.
func helloFrom(w *worker, uses int) string {
	return fmt.Sprintf("HELLO %d echo %d", w.pid(), uses)
}
