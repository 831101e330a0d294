package service

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// errStopped and errExpired end a wait: a signal (or the caller's context)
// asked the worker to stop, or its reuse timeout ran out.
var (
	errStopped = errors.New("worker stopping")
	errExpired = errors.New("reuse timeout")
)

// acceptLock serialises accept among the idle workers of one service
// instance, as Cyrus's <configdirectory>/socket/<service>-<id>.lock: only the
// holder waits in accept, so a new client wakes one worker, not all. A nil
// *acceptLock (file could not be opened) locks nothing.
type acceptLock struct {
	f *os.File
}

// lockPath is where Cyrus keeps the accept lock of a service instance.
func lockPath(configdir, service, id string) string {
	return filepath.Join(configdir, "socket", service+"-"+id+".lock")
}

// openLock opens (creating 0600, and its directory 0750) the lock file.
func openLock(path string) (*acceptLock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("accept lock directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("accept lock: %w", err)
	}
	return &acceptLock{f: f}, nil
}

// fcntl applies a whole-file lock command. It goes through Control so that
// the descriptor stays open (and its number unused) while an abandoned
// F_SETLKW still waits on it, even if close is called meanwhile.
func (l *acceptLock) fcntl(cmd int, typ int16) error {
	rc, err := l.f.SyscallConn()
	if err != nil {
		return err
	}
	lk := unix.Flock_t{Type: typ, Whence: 0, Start: 0, Len: 0}
	var ferr error
	err = rc.Control(func(fd uintptr) {
		for {
			if ferr = unix.FcntlFlock(fd, cmd, &lk); ferr != unix.EINTR {
				return
			}
		}
	})
	if err != nil {
		return err
	}
	return ferr
}

// lock takes the write lock, waiting for the worker now in accept to leave
// it. As Cyrus, whose alarm and signals interrupt fcntl(F_SETLKW), the wait
// ends early when stop is closed (errStopped) or expire fires (errExpired).
// F_SETLKW itself cannot be interrupted from Go, so the wait runs in a
// goroutine that, if abandoned, drops the lock as soon as it gets it; the
// worker exits right after abandoning, which ends that goroutine. (fcntl
// locks belong to the process, so that late unlock would also drop a lock
// taken again afterwards: a worker never locks again after an abandon.)
func (l *acceptLock) lock(stop <-chan struct{}, expire <-chan time.Time) error {
	if l == nil {
		return nil
	}
	if err := l.fcntl(unix.F_SETLK, unix.F_WRLCK); err == nil {
		return nil
	}
	var (
		mu        sync.Mutex
		abandoned bool
		done      = make(chan error, 1)
	)
	go func() {
		err := l.fcntl(unix.F_SETLKW, unix.F_WRLCK)
		mu.Lock()
		defer mu.Unlock()
		if abandoned {
			if err == nil {
				_ = l.unlock()
			}
			return
		}
		done <- err
	}()
	var why error
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("accept lock: %w", err)
		}
		return nil
	case <-stop:
		why = errStopped
	case <-expire:
		why = errExpired
	}
	mu.Lock()
	defer mu.Unlock()
	abandoned = true
	select {
	case err := <-done:
		if err == nil {
			_ = l.unlock()
		}
	default:
	}
	return why
}

// unlock releases the lock right after accept, for the next idle worker.
func (l *acceptLock) unlock() error {
	if l == nil {
		return nil
	}
	if err := l.fcntl(unix.F_SETLK, unix.F_UNLCK); err != nil {
		return fmt.Errorf("accept unlock: %w", err)
	}
	return nil
}

func (l *acceptLock) close() error {
	if l == nil {
		return nil
	}
	return l.f.Close()
}
