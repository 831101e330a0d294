package service

import (
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// rawListener accepts on the listening socket master handed over without
// Go's netpoller. A net.Listener would register the shared socket in every
// worker's epoll, so each arriving client would wake every idle worker of
// the service; as in Cyrus, only the worker holding the accept lock waits
// on the socket here (in poll(2)), and the others sleep in the lock.
type rawListener struct {
	fd   int
	mu   sync.Mutex
	wake [2]int // a pipe that interrupts a poll in progress
}

// errInterrupted says a wait was cut short by interrupt (a signal).
var errInterrupted = fmt.Errorf("accept interrupted: %w", os.ErrDeadlineExceeded)

func newRawListener(fd int) (*rawListener, error) {
	// Non-blocking, so a client taken by someone else between poll and
	// accept gives EAGAIN instead of a hang (possible only when the lock
	// file could not be used).
	if err := unix.SetNonblock(fd, true); err != nil {
		return nil, fmt.Errorf("listening socket on fd %d: %w", fd, err)
	}
	l := &rawListener{fd: fd}
	if err := unix.Pipe2(l.wake[:], unix.O_CLOEXEC|unix.O_NONBLOCK); err != nil {
		return nil, fmt.Errorf("wake pipe: %w", err)
	}
	return l, nil
}

// Accept waits until deadline (zero: no limit) for a client and accepts it.
// A deadline passing or an interrupt gives an error wrapping
// os.ErrDeadlineExceeded.
func (l *rawListener) Accept(deadline time.Time) (net.Conn, error) {
	fds := []unix.PollFd{{Fd: int32(l.fd), Events: unix.POLLIN}, {Fd: int32(l.wake[0]), Events: unix.POLLIN}}
	for {
		timeout := -1
		if !deadline.IsZero() {
			ms := time.Until(deadline).Milliseconds()
			if ms <= 0 {
				return nil, os.ErrDeadlineExceeded
			}
			timeout = int(min(ms+1, 1<<30))
		}
		fds[0].Revents, fds[1].Revents = 0, 0
		n, err := unix.Poll(fds, timeout)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case err != nil:
			return nil, fmt.Errorf("poll: %w", err)
		case n == 0:
			continue // the deadline check above ends the wait
		case fds[1].Revents != 0:
			l.drainWake()
			return nil, errInterrupted
		case fds[0].Revents&unix.POLLNVAL != 0:
			return nil, net.ErrClosed
		}
		c, err := l.acceptOne()
		if errors.Is(err, unix.EAGAIN) {
			continue
		}
		return c, err
	}
}

func (l *rawListener) acceptOne() (net.Conn, error) {
	nfd, _, err := unix.Accept4(l.fd, unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(nfd), "client")
	defer f.Close() // net.FileConn keeps its own duplicate
	c, err := net.FileConn(f)
	if err != nil {
		return nil, fmt.Errorf("client socket: %w", err)
	}
	return c, nil
}

// Interrupt makes a wait in Accept return at once (or the next one, if
// none is in progress: the byte stays in the pipe until then).
func (l *rawListener) Interrupt() {
	unix.Write(l.wake[1], []byte{1})
}

func (l *rawListener) drainWake() {
	var b [64]byte
	for {
		if n, err := unix.Read(l.wake[0], b[:]); n <= 0 || err != nil {
			return
		}
	}
}

// Close closes the worker's copy of the listening socket.
func (l *rawListener) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fd < 0 {
		return nil
	}
	unix.Close(l.wake[0])
	unix.Close(l.wake[1])
	err := unix.Close(l.fd)
	l.fd = -1
	return err
}
