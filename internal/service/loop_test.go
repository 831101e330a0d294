package service

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func TestReuseDeadline(t *testing.T) {
	tests := []struct {
		timeout time.Duration
		uses    int64
		armed   bool
	}{
		{time.Second, 0, false}, // never before the first client
		{time.Second, 1, true},
		{time.Minute, 7, true},
		{0, 3, false}, // -T 0 disables
	}
	for _, tt := range tests {
		w := &Worker{Flags: &Flags{ReuseTimeout: tt.timeout}}
		w.uses.Store(tt.uses)
		for range 200 {
			before := time.Now()
			d := w.reuseDeadline()
			if d.IsZero() != !tt.armed {
				t.Fatalf("T=%v uses=%d: deadline %v, armed want %v", tt.timeout, tt.uses, d, tt.armed)
			}
			if tt.armed && (d.Before(before.Add(tt.timeout)) || !d.Before(time.Now().Add(2*tt.timeout))) {
				t.Fatalf("T=%v: deadline %v after now, outside [T, 2T)", tt.timeout, d.Sub(before))
			}
		}
	}
}

func TestTemporary(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{unix.EMFILE, true},
		{unix.ECONNABORTED, true},
		{fmt.Errorf("accept: %w", os.NewSyscallError("accept4", unix.ENFILE)), true},
		{unix.EINVAL, false},
		{unix.EBADF, false},
		{os.ErrClosed, false},
	}
	for _, tt := range tests {
		if got := temporary(tt.err); got != tt.want {
			t.Errorf("temporary(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestLockPath(t *testing.T) {
	if got, want := lockPath("/var/lib/imap", "imaps", "3"), "/var/lib/imap/socket/imaps-3.lock"; got != want {
		t.Fatalf("lockPath = %q, want %q", got, want)
	}
}

// TestAcceptLockWait: a worker waiting for the accept lock gets it when the
// holder lets go, gives up when told to stop or when its reuse timeout
// fires, and an abandoned wait does not keep the lock.
func TestAcceptLockWait(t *testing.T) {
	path := filepath.Join(t.TempDir(), "socket", "svc-0.lock")
	l, err := openLock(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.close()

	holder := holdOFDLock(t, path)
	got := make(chan error, 1)
	go func() { got <- l.lock(nil, time.After(wait)) }()
	select {
	case err := <-got:
		t.Fatalf("lock returned %v while another holds it", err)
	case <-time.After(50 * time.Millisecond):
	}
	holder.Close()
	if err := <-got; err != nil {
		t.Fatalf("lock after the holder left: %v", err)
	}
	if err := l.unlock(); err != nil {
		t.Fatal(err)
	}

	holder = holdOFDLock(t, path)
	stop := make(chan struct{})
	close(stop)
	if err := l.lock(stop, nil); err != errStopped {
		t.Fatalf("lock with stop: %v, want errStopped", err)
	}
	if err := l.lock(nil, time.After(50*time.Millisecond)); err != errExpired {
		t.Fatalf("lock with expiry: %v, want errExpired", err)
	}
	holder.Close()
	// The abandoned waits take the lock now and must drop it at once.
	done := make(chan error, 1)
	go func() { done <- waitOFDLock(path) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(wait):
		t.Fatal("an abandoned lock wait kept the accept lock")
	}
}

const wait = 10 * time.Second

// waitOFDLock waits for a write lock on path and drops it.
func waitOFDLock(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	lk := unix.Flock_t{Type: unix.F_WRLCK}
	return unix.FcntlFlock(f.Fd(), unix.F_OFD_SETLKW, &lk)
}

// holdOFDLock write-locks path with an open-file-description lock, which
// conflicts with the worker's classic fcntl lock even within one process
// (fcntl(2)), so a single test process can play the other worker.
func holdOFDLock(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	lk := unix.Flock_t{Type: unix.F_WRLCK}
	if err := unix.FcntlFlock(f.Fd(), unix.F_OFD_SETLK, &lk); err != nil {
		t.Fatal(err)
	}
	return f
}
