package service_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestAcceptLock: of two idle workers on one listener only the holder of
// the accept lock waits in accept; it passes the lock on as soon as it has
// taken a client, so the next client goes to the other worker.
func TestAcceptLock(t *testing.T) {
	m := newMaster(t, "")
	m.listenTCP()
	a := m.spawn("", env())
	b := m.spawn("", env())
	byPid := map[int32]*worker{a.pid(): a, b.pid(): b}
	lock := filepath.Join(m.dir, "socket", "echo-0.lock")

	first := waitHolder(t, lock, func(pid int32) bool { return byPid[pid] != nil })
	c1 := m.dial()
	if got, want := c1.line(), helloFrom(byPid[first], 1); got != want {
		t.Fatalf("first client: got %q, want %q (from the lock holder)", got, want)
	}
	second := waitHolder(t, lock, func(pid int32) bool { return pid != first && byPid[pid] != nil })
	c2 := m.dial()
	if got, want := c2.line(), helloFrom(byPid[second], 1); got != want {
		t.Fatalf("second client: got %q, want %q", got, want)
	}
	// Both busy now: nobody holds the lock.
	waitHolder(t, lock, func(pid int32) bool { return pid == 0 })
	c1.send("QUIT")
	c2.send("QUIT")
	holder := waitHolder(t, lock, func(pid int32) bool { return byPid[pid] != nil })

	// SIGHUP ends the wait for the lock too, not only the wait in accept:
	// the other worker exits while the holder still sits in accept.
	waiter := a
	if a.pid() == holder {
		waiter = b
	}
	waiter.signal(t, syscall.SIGHUP)
	if code := waiter.exited(t, wait); code != 0 {
		t.Fatalf("worker waiting for the lock: exit status %d", code)
	}
	if h := lockHolder(t, lock); h != holder {
		t.Fatalf("lock holder %d, want %d still in accept", h, holder)
	}
	byPid[holder].signal(t, syscall.SIGHUP)
	if code := byPid[holder].exited(t, wait); code != 0 {
		t.Fatalf("worker in accept: exit status %d", code)
	}
}

// waitHolder polls the accept lock until ok(holder pid, 0 for none).
func waitHolder(t *testing.T, path string, ok func(int32) bool) int32 {
	t.Helper()
	deadline := time.Now().Add(wait)
	var pid int32
	for time.Now().Before(deadline) {
		pid = lockHolder(t, path)
		if ok(pid) {
			return pid
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("accept lock %s: holder %d after %v", path, pid, wait)
	return 0
}

// lockHolder asks F_GETLK who holds a write lock on path (0: nobody).
func lockHolder(t *testing.T, path string) int32 {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lk := unix.Flock_t{Type: unix.F_WRLCK}
	if err := unix.FcntlFlock(f.Fd(), unix.F_GETLK, &lk); err != nil {
		t.Fatal(err)
	}
	if lk.Type == unix.F_UNLCK {
		return 0
	}
	return lk.Pid
}
