package tests

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/corvusmail/corvus/tests/harness"
)

// maxfds becomes the worker's RLIMIT_NOFILE.
func TestMaxfdsSetsWorkerLimit(t *testing.T) {
	port := harness.FreePort(t)
	m := harness.Start(t, harness.Config{CyrusConf: fmt.Sprintf(`
SERVICES {
  echo cmd="echoworker" listen="127.0.0.1:%d" prefork=1 maxfds=77
}`, port)})
	harness.WaitFor(t, 10*time.Second, "a worker", func() bool { return len(m.Workers("echo")) == 1 })
	pid := m.Workers("echo")[0].Pid
	harness.WaitFor(t, 5*time.Second, "the open files limit to be 77", func() bool {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/limits", pid))
		if err != nil {
			return false
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "Max open files") {
				f := strings.Fields(line)
				return len(f) >= 5 && f[3] == "77" && f[4] == "77"
			}
		}
		return false
	})
}

// A proto=udp service on a unix datagram socket gets one worker that is
// handed the socket (the notifyd shape).
func TestDatagramService(t *testing.T) {
	m := harness.Start(t, harness.Config{CyrusConf: `
SERVICES {
  notify cmd="echoworker" listen="{dir}/socket/notify" proto="udp" prefork=1
}`})
	harness.WaitFor(t, 10*time.Second, "the datagram worker", func() bool { return len(m.Workers("notify")) == 1 })
	local := filepath.Join(m.Dir, "socket", "client")
	laddr := &net.UnixAddr{Name: local, Net: "unixgram"}
	c, err := net.DialUnix("unixgram", laddr, &net.UnixAddr{Name: filepath.Join(m.Dir, "socket", "notify"), Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// The worker (maybe the cyrus user) must be able to answer us.
	os.Chmod(local, 0o666)
	if _, err := c.Write([]byte("ping")); err != nil {
		t.Fatal(err)
	}
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	buf := make([]byte, 64)
	n, err := c.Read(buf)
	if err != nil || !strings.HasPrefix(string(buf[:n]), "HELLO ") {
		t.Fatalf("reply %q, %v", buf[:n], err)
	}
	// maxchild is 1 for udp services: the busy worker is not doubled.
	time.Sleep(300 * time.Millisecond)
	if n := len(m.Workers("notify")); n != 1 {
		t.Fatalf("%d datagram workers, want 1", n)
	}
}

// -L sends the children's output to the log file too, and -p names the
// pid file.
func TestLogFileAndPidFileFlags(t *testing.T) {
	port := harness.FreePort(t)
	logFile := filepath.Join(t.TempDir(), "master.out")
	pidFile := filepath.Join(harness.NewDir(t), "custom.pid")
	m := harness.Start(t, harness.Config{
		CyrusConf: fmt.Sprintf(`
SERVICES {
  echo cmd="echoworker" listen="127.0.0.1:%d" prefork=1
}`, port),
		Args: []string{"-L", logFile, "-p", pidFile},
	})
	if pid := readPid(t, pidFile); pid != m.Pid() {
		t.Fatalf("-p file holds %d, want %d", pid, m.Pid())
	}
	c := harness.MustDial(t, "tcp", fmt.Sprintf("127.0.0.1:%d", port))
	c.Quit()
	// Workers log as they exit: stop master and read the file.
	m.Signal(syscall.SIGTERM)
	if _, ok := m.WaitExit(20 * time.Second); !ok {
		t.Fatal("master did not stop")
	}
	b, _ := os.ReadFile(logFile)
	for _, want := range []string{`"prog":"master"`, `"prog":"echo"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("-L file lacks %s:\n%s", want, b)
		}
	}
	if _, err := os.Stat(pidFile); err == nil {
		t.Error("-p pid file left after shutdown")
	}
}

// Descriptors master inherits (from a shell, an init system) never reach
// a worker: children get exactly fds 0-4.
func TestInheritedDescriptorsDoNotLeak(t *testing.T) {
	dir := harness.NewDir(t)
	port := harness.FreePort(t)
	imapd, cyrus := harness.WriteConfigs(t, dir, harness.Config{CyrusConf: fmt.Sprintf(`
SERVICES {
  echo cmd="echoworker" listen="127.0.0.1:%d" prefork=1
}`, port)})
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	cmd := exec.Command(filepath.Join(harness.Bin(t), "master"), "-D", "-C", imapd, "-M", cyrus)
	cmd.ExtraFiles = []*os.File{nil, nil, nil, nil, nil, nil, w} // fd 9 in master
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }()
	var worker int
	harness.WaitFor(t, 15*time.Second, "a worker", func() bool {
		ws := harness.ServiceChildren(cmd.Process.Pid, "echo")
		if len(ws) == 1 {
			worker = ws[0].Pid
		}
		return worker != 0
	})
	fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", worker))
	leaked, _ := os.Readlink(fmt.Sprintf("/proc/self/fd/%d", w.Fd()))
	for _, fd := range fds {
		if target, _ := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", worker, fd.Name())); target == leaked {
			t.Fatalf("worker has master's inherited pipe %s on fd %s", leaked, fd.Name())
		}
	}
}
