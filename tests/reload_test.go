package tests

import (
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/corvusmail/corvus/tests/harness"
)

// clientLoop connects to addr over and over until stop is closed, counting
// sessions served and connections that failed (refused, reset, or no
// greeting).
type clientLoop struct {
	served, failed atomic.Int64
	lastErr        atomic.Value
	stop           chan struct{}
	wg             sync.WaitGroup
}

func startClientLoop(t *testing.T, network, addr string, clients int) *clientLoop {
	l := &clientLoop{stop: make(chan struct{})}
	for range clients {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			for {
				select {
				case <-l.stop:
					return
				default:
				}
				c, err := harness.Dial(t, network, addr, 10*time.Second)
				if err != nil {
					l.failed.Add(1)
					l.lastErr.Store(err.Error())
					continue
				}
				if got, err := c.Cmd("ECHO ping"); err != nil || got != "ping" {
					l.failed.Add(1)
					l.lastErr.Store(fmt.Sprintf("echo: %q %v", got, err))
				} else {
					l.served.Add(1)
				}
				c.Quit()
			}
		}()
	}
	return l
}

func (l *clientLoop) finish() { close(l.stop); l.wg.Wait() }

func TestReloadAddsRemovesAndChangesWithoutRefusing(t *testing.T) {
	keepPort, gonePort, newPort := harness.FreePort(t), harness.FreePort(t), harness.FreePort(t)
	keep := fmt.Sprintf("127.0.0.1:%d", keepPort)
	before := fmt.Sprintf(`
SERVICES {
  keep cmd="echoworker" listen="%s" prefork=2
  gone cmd="echoworker" listen="127.0.0.1:%d" prefork=1
}`, keep, gonePort)
	m := harness.Start(t, harness.Config{CyrusConf: before})
	harness.WaitFor(t, 10*time.Second, "initial workers", func() bool { return len(m.Workers("keep")) == 2 })
	oldKeep := map[int]bool{}
	for _, w := range m.Workers("keep") {
		oldKeep[w.Pid] = true
	}

	loop := startClientLoop(t, "tcp", keep, 4)
	time.Sleep(300 * time.Millisecond)

	// Change keep (new cmd and prefork), remove gone, add new: three
	// reloads in a row while clients keep connecting.
	m.WriteCyrusConf(fmt.Sprintf(`
SERVICES {
  keep cmd="echoworker -U 5" listen="%s" prefork=3
  new  cmd="echoworker" listen="127.0.0.1:%d" prefork=1
}`, keep, newPort))
	for range 3 {
		m.Signal(syscall.SIGHUP)
		time.Sleep(400 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	loop.finish()

	if f := loop.failed.Load(); f != 0 {
		t.Fatalf("%d connections failed during reloads (last: %v); %d served", f, loop.lastErr.Load(), loop.served.Load())
	}
	if loop.served.Load() < 20 {
		t.Fatalf("only %d sessions served during the reloads", loop.served.Load())
	}
	// The new service answers; the removed one is closed.
	c := harness.MustDial(t, "tcp", fmt.Sprintf("127.0.0.1:%d", newPort))
	if c.Hello.Service != "new" {
		t.Fatalf("new service greeted as %q", c.Hello.Service)
	}
	c.Quit()
	harness.WaitFor(t, 10*time.Second, "the removed service's port to close", func() bool {
		conn, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", gonePort), time.Second)
		if err == nil {
			conn.Close()
			return false
		}
		return true
	})
	harness.WaitFor(t, 10*time.Second, "removed service's workers gone", func() bool { return len(m.Workers("gone")) == 0 })
	// The changed service runs only new workers (the old ones were told
	// to exit after their client), with the new prefork.
	harness.WaitFor(t, 10*time.Second, "keep's old workers replaced", func() bool {
		ws := m.Workers("keep")
		for _, w := range ws {
			if oldKeep[w.Pid] {
				return false
			}
		}
		return len(ws) >= 3
	})
}

func TestReloadWithErrorsKeepsRunningConfig(t *testing.T) {
	port := harness.FreePort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	m := harness.Start(t, harness.Config{CyrusConf: fmt.Sprintf(`
SERVICES {
  echo cmd="echoworker" listen="%s" prefork=1
}`, addr)})
	harness.WaitFor(t, 10*time.Second, "a worker", func() bool { return len(m.Workers("echo")) == 1 })
	pid := m.Workers("echo")[0].Pid
	m.WriteCyrusConf(`
SERVICES {
  echo cmd="echoworker" listen="` + addr + `" prefork=lots
}`)
	m.Signal(syscall.SIGHUP)
	harness.WaitFor(t, 10*time.Second, "the rejection to be logged", func() bool {
		return contains(m.Log(), "reload rejected") && contains(m.Log(), "cyrus.conf:3:")
	})
	c := harness.MustDial(t, "tcp", addr)
	if c.Hello.Pid != pid {
		t.Fatalf("served by %d, want the untouched worker %d", c.Hello.Pid, pid)
	}
	c.Quit()
}

func TestReloadUnixListenerKeepsSocket(t *testing.T) {
	m := harness.Start(t, harness.Config{CyrusConf: `
SERVICES {
  lmtpunix cmd="echoworker" listen="{dir}/socket/lmtp" prefork=1
}`})
	path := m.Dir + "/socket/lmtp"
	loop := startClientLoop(t, "unix", path, 2)
	time.Sleep(200 * time.Millisecond)
	m.Signal(syscall.SIGHUP)
	time.Sleep(800 * time.Millisecond)
	loop.finish()
	if f := loop.failed.Load(); f != 0 {
		t.Fatalf("%d unix connections failed across a reload (last: %v)", f, loop.lastErr.Load())
	}
	if loop.served.Load() == 0 {
		t.Fatal("no sessions served over the unix socket")
	}
}
