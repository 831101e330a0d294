package service

import (
	"fmt"
	"net"
	"os"

	"golang.org/x/sys/unix"
)

// closeOnExec marks master's fds close-on-exec at once, as Cyrus does, so
// that programs the worker runs (debug_command, sendmail, …) do not inherit
// the status pipe or the listener. A closed fd is not an error.
func closeOnExec(fds ...int) {
	for _, fd := range fds {
		if _, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err == nil {
			unix.CloseOnExec(fd)
		}
	}
}

// socketKind describes the socket master handed over.
type socketKind struct {
	sotype int // SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET
	domain int // AF_INET, AF_INET6, AF_UNIX
}

// probeSocket returns the kind of socket on fd, or ok=false when fd is not a
// socket (or not open).
func probeSocket(fd int) (k socketKind, ok bool) {
	t, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_TYPE)
	if err != nil {
		return k, false
	}
	d, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_DOMAIN)
	if err != nil {
		return k, false
	}
	return socketKind{sotype: t, domain: d}, true
}

// datagram reports whether the socket has no accept: udp or unixgram.
func (k socketKind) datagram() bool { return k.sotype == unix.SOCK_DGRAM }

// openListener wraps fd: a rawListener for stream and seqpacket sockets (see
// rawlistener.go for why not a net.Listener), a net.PacketConn for datagram
// sockets (the net package dups the fd, so the original is closed then).
func openListener(fd int, k socketKind) (*rawListener, net.PacketConn, error) {
	if !k.datagram() {
		ln, err := newRawListener(fd)
		if err != nil {
			return nil, nil, err
		}
		return ln, nil, nil
	}
	f := os.NewFile(uintptr(fd), "listen")
	defer f.Close()
	pc, err := net.FilePacketConn(f)
	if err != nil {
		return nil, nil, fmt.Errorf("datagram socket on fd %d: %w", fd, err)
	}
	return nil, pc, nil
}
