package service_test

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/service"
)

const (
	avail   = service.StatusAvailable
	unavail = service.StatusUnavailable
	conn    = service.StatusConnection
)

// TestStatusSequence: each client is announced UNAVAILABLE, CONNECTION and,
// once it leaves, AVAILABLE, all with the worker's pid; uses count up.
func TestStatusSequence(t *testing.T) {
	m := newMaster(t, "")
	m.listenTCP()
	w := m.spawn("", env())
	for uses := 1; uses <= 2; uses++ {
		m.session(w, uses)
		m.expect(w.pid(), unavail, conn, avail)
	}
	c := m.dial()
	c.line()
	if got, want := c.send("PID"), fmt.Sprint(w.pid()); got != want {
		t.Fatalf("PID: got %q, want %q", got, want)
	}
	if got := c.send("SLEEP 10"); got != "OK" {
		t.Fatalf("SLEEP: got %q", got)
	}
	c.send("QUIT")
	m.expect(w.pid(), unavail, conn, avail)
}

// TestMaxUses: with -U 3 the worker exits after its third client, without
// announcing itself available again.
func TestMaxUses(t *testing.T) {
	m := newMaster(t, "")
	m.listenTCP()
	w := m.spawn("", env(), "-U", "3")
	for uses := 1; uses <= 2; uses++ {
		m.session(w, uses)
		m.expect(w.pid(), unavail, conn, avail)
	}
	m.session(w, 3)
	m.expect(w.pid(), unavail, conn)
	if code := w.exited(t, wait); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	m.expectNone(100 * time.Millisecond)
}

// TestReuseTimeout: -T applies only once a client has been served; then the
// idle worker exits within [T, 2T), saying UNAVAILABLE.
func TestReuseTimeout(t *testing.T) {
	m := newMaster(t, "")
	m.listenTCP()
	w := m.spawn("", env(), "-T", "1")
	time.Sleep(3 * time.Second)
	if !w.alive() {
		t.Fatal("worker exited before its first client")
	}
	m.session(w, 1)
	served := time.Now()
	m.expect(w.pid(), unavail, conn, avail)
	if code := w.exited(t, wait); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	if idle := time.Since(served); idle < 900*time.Millisecond {
		t.Fatalf("exited %v after its client, before -T 1", idle)
	}
	m.expect(w.pid(), unavail)
}

// TestSIGHUPIdle: an idle worker exits at once on SIGHUP, cleanly.
func TestSIGHUPIdle(t *testing.T) {
	m := newMaster(t, "")
	m.listenTCP()
	w := m.spawn("", env())
	m.session(w, 1) // the worker is now in its loop, signals caught
	m.expect(w.pid(), unavail, conn, avail)
	w.signal(t, syscall.SIGHUP)
	if code := w.exited(t, wait); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	m.expect(w.pid(), unavail)
}

// TestSIGHUPBusy: SIGHUP during a connection lets the client finish, then
// the worker exits instead of becoming available.
func TestSIGHUPBusy(t *testing.T) {
	m := newMaster(t, "")
	m.listenTCP()
	w := m.spawn("", env())
	c := m.dial()
	c.line()
	m.expect(w.pid(), unavail, conn)
	w.signal(t, syscall.SIGHUP)
	time.Sleep(200 * time.Millisecond)
	if got := c.send("ECHO still here"); got != "still here" || !w.alive() {
		t.Fatalf("after SIGHUP: got %q, alive %v", got, w.alive())
	}
	c.send("QUIT")
	if code := w.exited(t, wait); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	m.expectNone(100 * time.Millisecond)
}

// TestSIGTERM: an idle worker exits at once; a busy one cancels its
// handler (echoworker then returns) well within the shutdown grace.
func TestSIGTERM(t *testing.T) {
	for _, busy := range []bool{false, true} {
		t.Run(fmt.Sprintf("busy=%v", busy), func(t *testing.T) {
			m := newMaster(t, "")
			m.listenTCP()
			w := m.spawn("", env())
			var c *client
			if busy {
				c = m.dial()
				c.line()
				fmt.Fprintf(c.c, "SLEEP 60000\r\n")
				m.expect(w.pid(), unavail, conn)
			} else {
				m.session(w, 1)
				m.expect(w.pid(), unavail, conn, avail)
			}
			w.signal(t, syscall.SIGTERM)
			// Less than the 5 s grace: the handler's context was cancelled.
			if code := w.exited(t, 4*time.Second); code != 0 {
				t.Fatalf("exit status %d", code)
			}
			if c != nil {
				if s, err := c.r.ReadString('\n'); err == nil {
					t.Fatalf("connection still open after SIGTERM: %q", s)
				}
			}
		})
	}
}

// TestMasterGone: when master's end of the status pipe is closed, the worker
// serves the client it took and exits.
func TestMasterGone(t *testing.T) {
	m := newMaster(t, "")
	m.listenTCP()
	w := m.spawn("", env())
	m.session(w, 1)
	m.expect(w.pid(), unavail, conn, avail)
	m.statusR.Close()
	m.session(w, 2)
	if code := w.exited(t, wait); code != 0 {
		t.Fatalf("exit status %d", code)
	}
}

// TestOnIdle: a worker that has waited a second for its next client runs
// OnIdle (and hands its free memory back) once per wait; clients that
// come back to back never pay for it.
func TestOnIdle(t *testing.T) {
	m := newMaster(t, "")
	m.listenTCP()
	w := m.spawn("", env())
	idles := func(uses int) string {
		c := m.dial()
		if got, want := c.line(), fmt.Sprintf("HELLO %d echo %d", w.pid(), uses); got != want {
			t.Fatalf("greeting %q, want %q", got, want)
		}
		n := c.send("IDLES")
		c.send("QUIT")
		return n
	}
	// The worker waited since it started: once.
	time.Sleep(1500 * time.Millisecond)
	if got := idles(1); got != "1" {
		t.Fatalf("IDLES after a wait of 1.5s: %s, want 1", got)
	}
	// Back to back: no new wait of a second.
	if got := idles(2); got != "1" {
		t.Fatalf("IDLES for a client right after another: %s, want 1", got)
	}
	time.Sleep(1500 * time.Millisecond)
	if got := idles(3); got != "2" {
		t.Fatalf("IDLES after a second wait: %s, want 2", got)
	}
}
