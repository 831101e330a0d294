package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/tests/harness"
)

// watchedSockets lists the socket inodes ("socket:[N]") that any epoll
// instance of pid watches.
func watchedSockets(pid int) map[string]bool {
	out := map[string]bool{}
	infos, _ := filepath.Glob(fmt.Sprintf("/proc/%d/fdinfo/*", pid))
	for _, info := range infos {
		b, err := os.ReadFile(info)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n") {
			f := strings.Fields(line)
			if len(f) < 2 || f[0] != "tfd:" {
				continue
			}
			if target, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, f[1])); err == nil {
				out[target] = true
			}
		}
	}
	return out
}

// As Cyrus, only the worker holding the accept lock waits on the listening
// socket; the others sleep in the lock. A worker that registered the shared
// socket in its Go netpoller (epoll) would be woken by every arriving
// client: a thundering herd across all idle workers.
func TestIdleWorkersDoNotWatchListener(t *testing.T) {
	port := harness.FreePort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	m := harness.Start(t, harness.Config{CyrusConf: fmt.Sprintf(`
SERVICES {
  echo cmd="echoworker" listen="%s" prefork=4
}`, addr)})
	harness.WaitFor(t, 15*time.Second, "4 workers", func() bool { return len(m.Workers("echo")) == 4 })
	// Serve a few clients so workers have been through accept.
	for range 6 {
		c := harness.MustDial(t, "tcp", addr)
		c.Quit()
	}
	time.Sleep(200 * time.Millisecond)
	listener := listenInode(t, port)
	for _, w := range m.Workers("echo") {
		if watchedSockets(w.Pid)[listener] {
			t.Errorf("worker %d watches the listening socket %s in epoll", w.Pid, listener)
		}
	}
}

// listenInode finds the listening TCP socket on 127.0.0.1:port in
// /proc/net/tcp and returns it as "socket:[inode]".
func listenInode(t *testing.T, port int) string {
	t.Helper()
	b, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		t.Fatal(err)
	}
	local := fmt.Sprintf("0100007F:%04X", port)
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) > 9 && f[1] == local && f[3] == "0A" { // 0A: LISTEN
			return "socket:[" + f[9] + "]"
		}
	}
	t.Fatalf("no listening socket on 127.0.0.1:%d in /proc/net/tcp", port)
	return ""
}
