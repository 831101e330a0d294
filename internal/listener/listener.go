// Package listener creates the listening sockets the master owns and hands
// to its workers on fd 4.
//
// The sockets are made with raw system calls rather than net.Listen because
// the master needs control Go's net package does not give: the listen
// backlog (master -l), IPV6_V6ONLY on IPv6 sockets so one service can hold
// separate IPv4 and IPv6 listeners as Cyrus does, and blocking descriptors
// that are passed to children unchanged.
package listener

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// Spec says what to bind: a unix path, or a host (empty = every address)
// and port, for a stream or datagram service.
type Spec struct {
	// Path is a unix-domain socket path; when set Host and Port are unused.
	Path string
	// Host is an IP address or host name; "" binds every address.
	Host string
	// Port is the TCP or UDP port.
	Port int
	// Network is "tcp", "tcp4", "tcp6" or "udp" as in cyrus.conf's proto.
	Network string
	// Backlog is the listen(2) queue length (master -l).
	Backlog int
	// Mode is the permission of a unix socket file (default 0660).
	Mode os.FileMode
	// Chown, when set, makes UID and GID own the unix socket file (a
	// master started as root hands its sockets to cyrus_user/cyrus_group).
	Chown    bool
	UID, GID int
}

// Socket is one bound socket. A service may get several (one per address
// family when no host is given), each served by its own workers.
type Socket struct {
	// File holds the descriptor; it is in blocking mode and close-on-exec
	// (os.StartProcess clears close-on-exec on the copy it puts on fd 4).
	File *os.File
	// Addr is the bound address in text form, e.g. "127.0.0.1:143".
	Addr string
	// Stream is false for datagram sockets.
	Stream bool
}

// Close closes the socket's descriptor.
func (s *Socket) Close() error { return s.File.Close() }

// Bind creates, binds and (for stream sockets) listens on every socket the
// spec describes. On error nothing stays open.
func Bind(spec Spec) ([]*Socket, error) {
	if spec.Backlog <= 0 {
		spec.Backlog = 32 // Cyrus's default for master -l
	}
	if spec.Path != "" {
		s, err := bindUnix(spec)
		if err != nil {
			return nil, err
		}
		return []*Socket{s}, nil
	}
	addrs, err := resolve(spec)
	if err != nil {
		return nil, err
	}
	var out []*Socket
	for _, a := range addrs {
		s, err := bindInet(spec, a)
		if err != nil {
			if spec.Host == "" && a.Is6() && errors.Is(err, unix.EAFNOSUPPORT) {
				continue // no IPv6 on this host: the IPv4 wildcard is enough
			}
			for _, o := range out {
				o.Close()
			}
			return nil, err
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("bind %s port %d: no usable address", spec.Network, spec.Port)
	}
	return out, nil
}

// resolve lists the addresses to bind: the wildcard(s) for the network when
// no host is given, else every address of the host in that network's
// families (as Cyrus's getaddrinfo loop does).
func resolve(spec Spec) ([]netip.Addr, error) {
	want4, want6 := families(spec.Network)
	if spec.Host == "" {
		var out []netip.Addr
		if want6 {
			out = append(out, netip.IPv6Unspecified())
		}
		if want4 {
			out = append(out, netip.IPv4Unspecified())
		}
		return out, nil
	}
	var ips []netip.Addr
	if a, err := netip.ParseAddr(spec.Host); err == nil {
		ips = []netip.Addr{a.Unmap()}
	} else {
		found, err := net.LookupIP(spec.Host)
		if err != nil {
			return nil, fmt.Errorf("resolve %q: %w", spec.Host, err)
		}
		for _, ip := range found {
			if a, ok := netip.AddrFromSlice(ip); ok {
				ips = append(ips, a.Unmap())
			}
		}
	}
	var out []netip.Addr
	for _, a := range ips {
		if (a.Is4() && want4) || (a.Is6() && want6) {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("resolve %q: no %s address", spec.Host, spec.Network)
	}
	return out, nil
}

func families(network string) (v4, v6 bool) {
	switch network {
	case "tcp4", "udp4":
		return true, false
	case "tcp6", "udp6":
		return false, true
	}
	return true, true
}

func isStream(network string) bool {
	return network != "udp" && network != "udp4" && network != "udp6"
}

func bindInet(spec Spec, a netip.Addr) (*Socket, error) {
	stream := isStream(spec.Network)
	typ := unix.SOCK_STREAM
	if !stream {
		typ = unix.SOCK_DGRAM
	}
	family := unix.AF_INET6
	var sa unix.Sockaddr = &unix.SockaddrInet6{Port: spec.Port, Addr: a.As16(), ZoneId: zoneID(a.Zone())}
	if a.Is4() {
		family = unix.AF_INET
		sa = &unix.SockaddrInet4{Port: spec.Port, Addr: a.As4()}
	}
	text := net.JoinHostPort(a.String(), strconv.Itoa(spec.Port))
	fd, err := unix.Socket(family, typ|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("socket for %s: %w", text, err)
	}
	fail := func(what string, err error) (*Socket, error) {
		unix.Close(fd)
		return nil, fmt.Errorf("%s %s: %w", what, text, err)
	}
	// As Cyrus: SO_REUSEADDR so a restarted master can bind while old
	// connections linger in TIME_WAIT.
	if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1); err != nil {
		return fail("SO_REUSEADDR on", err)
	}
	if a.Is6() {
		// As Cyrus: IPv6 sockets are IPv6-only; IPv4 gets its own socket.
		if err := unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, 1); err != nil {
			return fail("IPV6_V6ONLY on", err)
		}
	}
	if err := unix.Bind(fd, sa); err != nil {
		return fail("bind", err)
	}
	if stream {
		if err := unix.Listen(fd, spec.Backlog); err != nil {
			return fail("listen", err)
		}
	}
	if got, err := unix.Getsockname(fd); err == nil {
		text = sockaddrString(got, text)
	}
	return &Socket{File: os.NewFile(uintptr(fd), text), Addr: text, Stream: stream}, nil
}

func zoneID(zone string) uint32 {
	if zone == "" {
		return 0
	}
	if ifi, err := net.InterfaceByName(zone); err == nil {
		return uint32(ifi.Index)
	}
	return 0
}

func sockaddrString(sa unix.Sockaddr, fallback string) string {
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return net.JoinHostPort(netip.AddrFrom4(a.Addr).String(), strconv.Itoa(a.Port))
	case *unix.SockaddrInet6:
		return net.JoinHostPort(netip.AddrFrom16(a.Addr).String(), strconv.Itoa(a.Port))
	}
	return fallback
}
