package service_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestStdio: -X serves standard input/output once, without master.
func TestStdio(t *testing.T) {
	m := newMaster(t, "")
	cmd := exec.Command(echoBin, "-C", m.conf, "-X")
	cmd.Env = without(without(env(), "CYRUS_SERVICE="), "CYRUS_ID=")
	cmd.Stdin = strings.NewReader("ECHO over stdio\r\nPID\r\nQUIT\r\n")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	w := start(t, cmd)
	var lines []string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		lines = append(lines, strings.TrimSuffix(sc.Text(), "\r"))
	}
	want := []string{fmt.Sprintf("HELLO %d echoworker 1", w.pid()), "over stdio", fmt.Sprint(w.pid()), "BYE"}
	if strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q, want %q", lines, want)
	}
	if code := w.exited(t, wait); code != 0 {
		t.Fatalf("exit status %d", code)
	}
}

// TestDatagram: on a datagram socket the worker peeks, reports the client
// and hands the socket to the program, which answers each datagram.
func TestDatagram(t *testing.T) {
	m := newMaster(t, "")
	m.listenUnixgram()
	w := m.spawn("", env())
	me := &net.UnixAddr{Name: filepath.Join(m.dir, "client.sock"), Net: "unixgram"}
	c, err := net.ListenUnixgram("unixgram", me)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for i := 0; i < 2; i++ {
		if _, err := c.WriteTo([]byte("ping"), m.addr); err != nil {
			t.Fatal(err)
		}
		_ = c.SetReadDeadline(time.Now().Add(wait))
		buf := make([]byte, 64)
		n, _, err := c.ReadFrom(buf)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(buf[:n]), fmt.Sprintf("HELLO %d", w.pid()); got != want {
			t.Fatalf("answer %q, want %q", got, want)
		}
		m.expect(w.pid(), unavail, conn, avail)
	}
	w.signal(t, syscall.SIGHUP) // idle: cuts the datagram wait short
	if code := w.exited(t, wait); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	m.expect(w.pid(), unavail)
}

// TestDaemon: a DAEMON with wait=y says "ok\r\n" on fd 3 once up, and
// exits on SIGTERM.
func TestDaemon(t *testing.T) {
	m := newMaster(t, "")
	pidfile := filepath.Join(m.dir, "daemon.pid")
	w := m.spawn("", env("CYRUS_ISDAEMON=1"), "-wait", "-pidfile", pidfile)
	_ = m.statusR.SetReadDeadline(time.Now().Add(wait))
	ok := make([]byte, 4)
	if _, err := io.ReadFull(m.statusR, ok); err != nil || string(ok) != "ok\r\n" {
		t.Fatalf("ready: %q, %v", ok, err)
	}
	b, err := os.ReadFile(pidfile)
	if err != nil || strings.TrimSpace(string(b)) != fmt.Sprint(w.pid()) {
		t.Fatalf("pid file %q, %v; want %d", b, err, w.pid())
	}
	w.signal(t, syscall.SIGTERM)
	if code := w.exited(t, wait); code != 0 {
		t.Fatalf("exit status %d", code)
	}
}

// TestDebugCommand: -D runs debug_command, formatted with program, pid and
// service, before serving.
func TestDebugCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "debug.out")
	m := newMaster(t, "debug_command: echo %s %d %s > "+out+"\n")
	m.listenTCP()
	w := m.spawn("", env(), "-D")
	m.session(w, 1)
	b, err := os.ReadFile(out)
	if want := fmt.Sprintf("echoworker %d echo\n", w.pid()); err != nil || string(b) != want {
		t.Fatalf("debug_command wrote %q, %v; want %q", b, err, want)
	}
}

// TestStartFailure: a worker that cannot start reports UNAVAILABLE and
// exits with an error status, as Cyrus's workers do.
func TestStartFailure(t *testing.T) {
	tests := []struct {
		name string
		env  []string
		conf string // imapd.conf to use instead of the master's: a path or, with a newline, its text
	}{
		{"no CYRUS_SERVICE", without(env(), "CYRUS_SERVICE="), ""},
		{"no CYRUS_ID", without(env(), "CYRUS_ID="), ""},
		{"no imapd.conf", env(), "/nonexistent/imapd.conf"},
		{"no configdirectory", env(), "syslog_facility: LOCAL6\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newMaster(t, "")
			m.listenTCP()
			switch {
			case strings.Contains(tt.conf, "\n"):
				m.conf = filepath.Join(m.dir, "other.conf")
				if err := os.WriteFile(m.conf, []byte(tt.conf), 0o644); err != nil {
					t.Fatal(err)
				}
			case tt.conf != "":
				m.conf = tt.conf
			}
			w := m.spawn("", tt.env)
			if code := w.exited(t, wait); code == 0 {
				t.Fatal("exit status 0")
			}
			m.expect(w.pid(), unavail)
			if !strings.Contains(w.stderr.String(), "echoworker: ") {
				t.Fatalf("no error message on stderr: %q", w.stderr.String())
			}
		})
	}
}

// without drops the variables starting with prefix from environ.
func without(environ []string, prefix string) []string {
	var out []string
	for _, kv := range environ {
		if !strings.HasPrefix(kv, prefix) {
			out = append(out, kv)
		}
	}
	return out
}
