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

// openListener turns fd into a net.Listener (stream and seqpacket sockets)
// or a net.PacketConn (datagram sockets). The net package dups the fd, so the
// original is closed here.
func openListener(fd int, k socketKind) (net.Listener, net.PacketConn, error) {
	f := os.NewFile(uintptr(fd), "listen")
	defer f.Close()
	if k.datagram() {
		pc, err := net.FilePacketConn(f)
		if err != nil {
			return nil, nil, fmt.Errorf("datagram socket on fd %d: %w", fd, err)
		}
		return nil, pc, nil
	}
	ln, err := net.FileListener(f)
	if err != nil {
		return nil, nil, fmt.Errorf("listening socket on fd %d: %w", fd, err)
	}
	return ln, nil, nil
}
