package main

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// clientTimeout bounds one client's whole session. A SYN dropped on a full
// listen queue is retried by the kernel after 1 s, then 3 s: such a client
// still fits.
const clientTimeout = 10 * time.Second

// dialGreet is one storm client on a raw non-blocking socket, with no Go
// net package or netpoller in the timed path: it times connect() start to
// the end of the greeting line, then says QUIT, reads BYE and closes. The
// latency is what a client waits for a worker to accept and speak.
func dialGreet(addr netip.AddrPort) (time.Duration, error) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return 0, fmt.Errorf("socket: %w", err)
	}
	defer closeReset(fd)
	sa := &unix.SockaddrInet4{Port: int(addr.Port()), Addr: addr.Addr().As4()}
	deadline := time.Now().Add(clientTimeout)

	t0 := time.Now()
	if err := connect(fd, sa, deadline); err != nil {
		return 0, err
	}
	var buf []byte
	line, err := readLine(fd, &buf, deadline)
	lat := time.Since(t0)
	if err != nil {
		return 0, fmt.Errorf("greeting: %w", err)
	}
	if !bytes.HasPrefix(line, []byte("HELLO ")) {
		return 0, fmt.Errorf("greeting: unexpected %q", line)
	}
	if _, err := unix.Write(fd, []byte("QUIT\r\n")); err != nil {
		return 0, fmt.Errorf("write QUIT: %w", err)
	}
	if line, err = readLine(fd, &buf, deadline); err != nil || !bytes.HasPrefix(line, []byte("BYE")) {
		return 0, fmt.Errorf("QUIT answered %q: %v", line, err)
	}
	return lat, nil
}

// connect starts a non-blocking connect and waits until it completes.
func connect(fd int, sa unix.Sockaddr, deadline time.Time) error {
	err := unix.Connect(fd, sa)
	if err == nil {
		return nil
	}
	if err != unix.EINPROGRESS && err != unix.EINTR {
		return fmt.Errorf("connect: %w", err)
	}
	if err := waitFD(fd, unix.POLLOUT, deadline); err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	soerr, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_ERROR)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	if soerr != 0 {
		return fmt.Errorf("connect: %w", unix.Errno(soerr))
	}
	return nil
}

// readLine returns the next CRLF- or LF-terminated line, keeping any bytes
// after it in *buf for the next call.
func readLine(fd int, buf *[]byte, deadline time.Time) ([]byte, error) {
	chunk := make([]byte, 512)
	for {
		if i := bytes.IndexByte(*buf, '\n'); i >= 0 {
			line := bytes.TrimRight((*buf)[:i], "\r")
			*buf = (*buf)[i+1:]
			return line, nil
		}
		n, err := unix.Read(fd, chunk)
		switch {
		case n > 0:
			*buf = append(*buf, chunk[:n]...)
		case err == unix.EAGAIN || err == unix.EINTR:
			if err := waitFD(fd, unix.POLLIN, deadline); err != nil {
				return nil, err
			}
		case err != nil:
			return nil, err
		default:
			return nil, errors.New("connection closed")
		}
	}
}

// errTimeout says a client's deadline passed.
var errTimeout = errors.New("timed out")

// waitFD blocks in poll(2) until fd has one of events or deadline passes.
func waitFD(fd int, events int16, deadline time.Time) error {
	fds := []unix.PollFd{{Fd: int32(fd), Events: events}}
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return errTimeout
		}
		fds[0].Revents = 0
		n, err := unix.Poll(fds, int(left.Milliseconds())+1)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return fmt.Errorf("poll: %w", err)
		}
		if n > 0 {
			// POLLERR/POLLHUP included: the read or SO_ERROR tells.
			return nil
		}
	}
}

// closeReset closes with SO_LINGER 0 (a reset). The session is over (the
// worker said BYE), so nothing is lost, and no TIME_WAIT socket is left
// behind: tens of thousands of sessions per run would otherwise crowd the
// ephemeral port range.
func closeReset(fd int) {
	_ = unix.SetsockoptLinger(fd, unix.SOL_SOCKET, unix.SO_LINGER, &unix.Linger{Onoff: 1, Linger: 0})
	_ = unix.Close(fd)
}

// clientErrors counts distinct client errors, reported once at the end so
// a bad run says why without flooding the terminal.
var clientErrors = struct {
	sync.Mutex
	m map[string]int
}{m: map[string]int{}}

func noteClientError(err error) {
	clientErrors.Lock()
	defer clientErrors.Unlock()
	clientErrors.m[err.Error()]++
}

// clientErrorReport describes the client errors seen, or "".
func clientErrorReport() string {
	clientErrors.Lock()
	defer clientErrors.Unlock()
	var b strings.Builder
	for msg, n := range clientErrors.m {
		fmt.Fprintf(&b, "  %d× %s\n", n, msg)
	}
	return b.String()
}
