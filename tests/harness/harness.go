// Package harness runs the real Corvus binaries for end-to-end tests: it
// builds them once, writes an imapd.conf and a cyrus.conf into a fresh
// directory, starts master on free 127.0.0.1 ports, and gives tests ways to
// look at master's children through /proc. Everything it starts is stopped
// in t.Cleanup, with a kill if SIGTERM is not enough.
package harness

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

// Programs built for the tests, from the module root.
var programs = []string{"./master", "./tests/echoworker", "./imapd", "./lmtpd", "./notifyd", "./idled",
	"./reconstruct", "./quota", "./ipurge", "./imapmigrate", "./cyr_info", "./cyr_deny", "./cyr_kick", "./cyr_telemetry"}

// Bin returns the directory holding freshly built binaries (master,
// echoworker), building them on first use.
func Bin(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "corvus-bin-")
		if buildErr != nil {
			return
		}
		// Workers run as the cyrus user when tests run as root: they must
		// be able to reach and execute the binaries.
		os.Chmod(binDir, 0o755)
		root, err := moduleRoot()
		if err != nil {
			buildErr = err
			return
		}
		args := append([]string{"build", "-o", binDir + "/"}, programs...)
		cmd := exec.Command("go", args...)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binDir
}

// Cleanup removes the binaries; call it from TestMain after m.Run.
func Cleanup() {
	if binDir != "" {
		os.RemoveAll(binDir)
	}
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	return filepath.Dir(strings.TrimSpace(string(out))), nil
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// CyrusUser is who workers run as: the cyrus user when the tests run as
// root (master drops privileges), else the current user.
func CyrusUser(t testing.TB) (uid, gid int) {
	t.Helper()
	if os.Geteuid() != 0 {
		return os.Getuid(), os.Getgid()
	}
	u, err := user.Lookup("cyrus")
	if err != nil {
		t.Fatalf("tests run as root need a 'cyrus' user for master to drop to (.ci/run creates it): %v", err)
	}
	uid, _ = strconv.Atoi(u.Uid)
	gid, _ = strconv.Atoi(u.Gid)
	return uid, gid
}

// WaitFor polls cond every 20 ms until it holds or d passes, then fails
// the test with what.
func WaitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Eventually is WaitFor that reports instead of failing.
func Eventually(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
	return true
}

// RunMaster runs master with args to completion (for -t and failing
// starts), bounded by 30 s, and returns its combined output and exit code.
func RunMaster(t testing.TB, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(filepath.Join(Bin(t), "master"), args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		t.Fatalf("master %v did not finish in 30s; output:\n%s", args, out.String())
	}
	return out.String(), cmd.ProcessState.ExitCode()
}
