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

func readPid(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return pid
}

func TestDaemonIsRestartedAfterItDies(t *testing.T) {
	m := harness.Start(t, harness.Config{CyrusConf: `
DAEMON {
  idler cmd="echoworker -pidfile {dir}/idler.pid"
}`})
	pidfile := filepath.Join(m.Dir, "idler.pid")
	harness.WaitFor(t, 10*time.Second, "the daemon to start", func() bool { return readPid(t, pidfile) > 0 })
	first := readPid(t, pidfile)
	if err := syscall.Kill(first, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	harness.WaitFor(t, 10*time.Second, "the daemon to be restarted", func() bool {
		p := readPid(t, pidfile)
		return p > 0 && p != first && harness.Alive(p)
	})
	if got := m.Workers("idler"); len(got) != 1 {
		t.Fatalf("want one running idler daemon, have %v", got)
	}
}

func TestWaitDaemonIsReadyBeforeServices(t *testing.T) {
	port := harness.FreePort(t)
	m := harness.Start(t, harness.Config{CyrusConf: fmt.Sprintf(`
DAEMON {
  waiter cmd="echoworker -wait -pidfile {dir}/waiter.pid" wait=y
}
SERVICES {
  echo cmd="echoworker" listen="127.0.0.1:%d" prefork=1
}`, port)})
	log := m.Log()
	ready := strings.Index(log, `"daemon":"waiter"`)
	listening := strings.Index(log, `"service":"echo"`)
	if ready < 0 || listening < 0 || ready > listening {
		t.Fatalf("wait daemon not ready before services were bound; log:\n%s", log)
	}
	if !strings.Contains(log, "daemon ready") {
		t.Fatal("master did not wait for the daemon's ok")
	}
}

func TestStartEntriesRunFirstAndEventsRun(t *testing.T) {
	port := harness.FreePort(t)
	m := harness.Start(t, harness.Config{CyrusConf: fmt.Sprintf(`
START {
  first  cmd="/bin/sh -c echo>{dir}/start1"
  second cmd="/bin/touch {dir}/start2"
}
SERVICES {
  echo cmd="echoworker" listen="127.0.0.1:%d" prefork=1
}
EVENTS {
  once   cmd="/bin/touch {dir}/event-once"
  tick   cmd="/bin/touch {dir}/event-tick" period=60
}`, port)})
	for _, f := range []string{"start1", "start2"} {
		if _, err := os.Stat(filepath.Join(m.Dir, f)); err != nil {
			t.Fatalf("START entry did not run before master was ready: %v", err)
		}
	}
	harness.WaitFor(t, 10*time.Second, "the start-up event", func() bool {
		_, err := os.Stat(filepath.Join(m.Dir, "event-once"))
		return err == nil
	})
	if _, err := os.Stat(filepath.Join(m.Dir, "event-tick")); err == nil {
		t.Fatal("a period=60 event ran at start-up")
	}
}

func TestShutdownLeavesNoChildren(t *testing.T) {
	port := harness.FreePort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	m := harness.Start(t, harness.Config{CyrusConf: fmt.Sprintf(`
SERVICES {
  echo cmd="echoworker" listen="%s" prefork=3
}
DAEMON {
  idler cmd="echoworker -pidfile {dir}/idler.pid"
  waiter cmd="echoworker -wait" wait=y
}`, addr)})
	harness.WaitFor(t, 10*time.Second, "workers and daemons", func() bool { return len(m.Children()) == 5 })
	// One worker is busy with a client that never leaves.
	c := harness.MustDial(t, "tcp", addr)
	if _, err := c.Cmd("ECHO busy"); err != nil {
		t.Fatal(err)
	}
	kids := m.Children()
	m.Signal(syscall.SIGTERM)
	code, ok := m.WaitExit(20 * time.Second)
	if !ok {
		t.Fatal("master did not exit within 20s of SIGTERM")
	}
	if code != 0 {
		t.Fatalf("master exited %d after SIGTERM", code)
	}
	for _, k := range kids {
		if harness.Alive(k.Pid) {
			t.Errorf("child %d (%s) still alive after master exited", k.Pid, k.Service)
		}
	}
	if _, err := os.Stat(filepath.Join(m.Dir, "master.pid")); err == nil {
		t.Error("pid file left behind")
	}
	// The wait daemon is stopped last.
	log := m.Log()
	if i, j := strings.LastIndex(log, `"daemon":"waiter"`), strings.LastIndex(log, `"worker":"echo"`); i < j {
		t.Errorf("wait daemon stopped before the workers")
	}
}

func TestMasterKilledTakesChildrenDown(t *testing.T) {
	port := harness.FreePort(t)
	m := harness.Start(t, harness.Config{CyrusConf: fmt.Sprintf(`
SERVICES {
  echo cmd="echoworker" listen="127.0.0.1:%d" prefork=2
}`, port)})
	harness.WaitFor(t, 10*time.Second, "workers", func() bool { return len(m.Workers("echo")) == 2 })
	kids := m.Children()
	m.Signal(syscall.SIGKILL)
	m.WaitExit(10 * time.Second)
	harness.WaitFor(t, 10*time.Second, "orphaned workers to exit", func() bool {
		for _, k := range kids {
			if harness.Alive(k.Pid) {
				return false
			}
		}
		return true
	})
}
