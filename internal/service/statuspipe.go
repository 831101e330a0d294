package service

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// errMasterGone says a status write found the pipe closed: master exited.
var errMasterGone = errors.New("status pipe closed: master is gone")

// statusPipe writes status records to master. A nil *statusPipe (no fd 3)
// drops them.
type statusPipe struct {
	fd  int
	pid int32

	mu   sync.Mutex
	gone bool
}

// openStatus returns the status pipe on fd, or nil when fd is not open or is
// not a pipe or socket (run by hand: the fd may then be anything, even one
// the Go runtime opened, and must not be written).
func openStatus(fd int, pid int) *statusPipe {
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil
	}
	if t := st.Mode & unix.S_IFMT; t != unix.S_IFIFO && t != unix.S_IFSOCK {
		return nil
	}
	return &statusPipe{fd: fd, pid: int32(pid)}
}

// send writes one status record with a single write(2), so that records of
// all workers sharing the pipe stay whole (8 bytes < PIPE_BUF). Go does not
// raise SIGPIPE for fds other than 1 and 2, so a closed pipe is EPIPE,
// reported as errMasterGone.
func (s *statusPipe) send(msg int32) error {
	if s == nil {
		return nil
	}
	b := EncodeStatus(msg, s.pid)
	return s.write(b[:])
}

// write writes b whole. The pipe is blocking as master hands it over, but the
// file description is shared with master, so tolerate O_NONBLOCK too: wait
// for room a bounded time rather than spin.
func (s *statusPipe) write(b []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gone {
		return errMasterGone
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		n, err := unix.Write(s.fd, b)
		switch {
		case err == nil && n == len(b):
			return nil
		case err == nil:
			return fmt.Errorf("status pipe: short write %d of %d", n, len(b))
		case err == unix.EINTR:
			continue
		case err == unix.EAGAIN && time.Now().Before(deadline):
			fds := []unix.PollFd{{Fd: int32(s.fd), Events: unix.POLLOUT}}
			_, _ = unix.Poll(fds, 100)
			continue
		case err == unix.EPIPE:
			s.gone = true
			return errMasterGone
		}
		return fmt.Errorf("status pipe: %w", err)
	}
}
