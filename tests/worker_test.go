package tests

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/corvusmail/corvus/tests/harness"
)

func TestMaxUsesThenReplaced(t *testing.T) {
	port := harness.FreePort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	m := harness.Start(t, harness.Config{CyrusConf: fmt.Sprintf(`
SERVICES {
  echo cmd="echoworker -U 3" listen="%s" prefork=1 maxchild=1
}`, addr)})
	var pids []int
	for i := 1; i <= 4; i++ {
		c := harness.MustDial(t, "tcp", addr)
		pids = append(pids, c.Hello.Pid)
		wantUses := i
		if i == 4 {
			wantUses = 1
		}
		if c.Hello.Uses != wantUses {
			t.Fatalf("connection %d: worker use %d, want %d", i, c.Hello.Uses, wantUses)
		}
		c.Quit()
	}
	if pids[0] != pids[1] || pids[1] != pids[2] {
		t.Fatalf("first three connections served by %v, want one worker", pids[:3])
	}
	if pids[3] == pids[0] {
		t.Fatal("fourth connection served by the worker that reached -U 3")
	}
	harness.WaitFor(t, 10*time.Second, "the used-up worker to exit", func() bool { return !harness.Alive(pids[0]) })
	if len(m.Workers("echo")) != 1 {
		t.Fatalf("want exactly the replacement worker, have %v", m.Workers("echo"))
	}
}

func TestReuseTimeoutRetiresSurplusWorkers(t *testing.T) {
	port := harness.FreePort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	m := harness.Start(t, harness.Config{CyrusConf: fmt.Sprintf(`
SERVICES {
  echo cmd="echoworker -T 1" listen="%s" prefork=1
}`, addr)})
	harness.WaitFor(t, 10*time.Second, "the preforked worker", func() bool { return len(m.Workers("echo")) == 1 })
	fresh := m.Workers("echo")[0].Pid
	// -T does not apply before a worker's first client.
	time.Sleep(2500 * time.Millisecond)
	if !harness.Alive(fresh) {
		t.Fatal("a worker that never had a client timed out")
	}
	var clients []*harness.Client
	for range 3 {
		clients = append(clients, harness.MustDial(t, "tcp", addr))
	}
	served := map[int]bool{}
	for _, c := range clients {
		served[c.Hello.Pid] = true
		c.Quit()
	}
	if len(served) != 3 {
		t.Fatalf("3 concurrent clients served by %d workers", len(served))
	}
	// Each worker that served a client is gone within [T, 2T) plus slack;
	// master keeps prefork=1 with a fresh one.
	harness.WaitFor(t, 10*time.Second, "workers that served to time out", func() bool {
		for pid := range served {
			if harness.Alive(pid) {
				return false
			}
		}
		return true
	})
	harness.WaitFor(t, 10*time.Second, "prefork=1 restored", func() bool { return len(m.Workers("echo")) >= 1 })
}

func TestKilledWorkerIsReplaced(t *testing.T) {
	port := harness.FreePort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	m := harness.Start(t, harness.Config{CyrusConf: fmt.Sprintf(`
SERVICES {
  echo cmd="echoworker" listen="%s" prefork=2
}`, addr)})
	harness.WaitFor(t, 10*time.Second, "2 workers", func() bool { return len(m.Workers("echo")) == 2 })
	c := harness.MustDial(t, "tcp", addr)
	victim := c.Hello.Pid
	if err := syscall.Kill(victim, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	harness.WaitFor(t, 10*time.Second, "the killed worker to be reaped and replaced", func() bool {
		ws := m.Workers("echo")
		for _, w := range ws {
			if w.Pid == victim {
				return false
			}
		}
		return len(ws) == 2
	})
	harness.WaitFor(t, 5*time.Second, "the kill to be logged", func() bool {
		return strings.Contains(m.Log(), fmt.Sprintf(`"child":%d,"status":"signal killed"`, victim))
	})
	// The service still serves.
	c2 := harness.MustDial(t, "tcp", addr)
	c2.Quit()
}

func TestExitStormDisablesService(t *testing.T) {
	port := harness.FreePort(t)
	m := harness.Start(t, harness.Config{CyrusConf: fmt.Sprintf(`
SERVICES {
  broken cmd="/bin/false" listen="127.0.0.1:%d" prefork=1
}`, port)})
	harness.WaitFor(t, 10*time.Second, "the storm to disable the service", func() bool {
		return strings.Contains(m.Log(), "service disabled until SIGHUP")
	})
	n := strings.Count(m.Log(), `"worker":"broken"`)
	time.Sleep(time.Second)
	if n2 := strings.Count(m.Log(), `"worker":"broken"`); n2 != n {
		t.Fatalf("forking went on after the service was disabled (%d then %d exits)", n, n2)
	}
	if n < 5 {
		t.Fatalf("disabled after %d deaths, want 5", n)
	}
}

func TestWorkersRunUnprivileged(t *testing.T) {
	port := harness.FreePort(t)
	m := harness.Start(t, harness.Config{CyrusConf: fmt.Sprintf(`
SERVICES {
  echo cmd="echoworker" listen="127.0.0.1:%d" prefork=1
}`, port)})
	uid, _ := harness.CyrusUser(t)
	harness.WaitFor(t, 10*time.Second, "a worker", func() bool { return len(m.Workers("echo")) == 1 })
	if w := m.Workers("echo")[0]; w.UID != uid {
		t.Fatalf("worker runs as uid %d, want %d", w.UID, uid)
	}
	if got := harness.ProcUID(m.Pid()); got != uid {
		t.Fatalf("master runs as uid %d after binding, want %d", got, uid)
	}
}
