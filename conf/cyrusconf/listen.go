package cyrusconf

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// maxSocketPath is the longest unix socket path: sun_path is 108 bytes on
// Linux, one of them the terminating NUL.
const maxSocketPath = 107

// Listen is a parsed listen= value.
type Listen struct {
	// Raw is the value as written.
	Raw string
	// Path, when non-empty, is a unix-domain socket path (the value
	// started with '/').
	Path string
	// Host is the address to bind: "" for all addresses, an IP address
	// (IPv6 without brackets) or a host name such as "localhost".
	Host string
	// Port is the resolved port (1..65535) of a TCP/UDP listener.
	Port int
	// PortName is the service name as written when the port was given by
	// name ("imap"), else "".
	PortName string
	// Range is the range of the value in the file.
	Range hcl.Range
}

// IsUnix reports whether the listener is a unix-domain socket.
func (l Listen) IsUnix() bool { return l.Path != "" }

// String is the canonical form: the path, or host:port, [v6]:port, :port.
func (l Listen) String() string {
	if l.IsUnix() {
		return l.Path
	}
	return net.JoinHostPort(l.Host, strconv.Itoa(l.Port))
}

// ParseListen parses a listen= value the way Parse does; proto selects the
// services database entry used for a port name and rules out an address
// family tcp4/tcp6 cannot bind. Range is left zero.
func ParseListen(s string, proto Proto) (Listen, error) {
	l := Listen{Raw: s}
	if s == "" {
		return l, errors.New("empty; expected a port, service name, host:port or socket path")
	}
	if s[0] == '/' {
		return l, l.setPath(s)
	}
	host, port, err := splitListen(s)
	if err != nil {
		return l, err
	}
	if err := checkHost(host, proto); err != nil {
		return l, err
	}
	l.Host = host
	return l, l.setPort(port, proto)
}

// setPath checks a unix socket path.
func (l *Listen) setPath(p string) error {
	switch {
	case len(p) > maxSocketPath:
		return fmt.Errorf("socket path is %d bytes; a unix socket path may be at most %d", len(p), maxSocketPath)
	case strings.HasSuffix(p, "/"):
		return errors.New("socket path ends in /; it must name a file")
	case strings.IndexByte(p, 0) >= 0:
		return errors.New("socket path contains a NUL byte")
	}
	l.Path = p
	return nil
}

// splitListen splits host:port, [v6]:port or a bare port. As Cyrus, a
// value with no colon is all port.
func splitListen(s string) (host, port string, err error) {
	if s[0] == '[' {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return "", "", errors.New("missing ] after the IPv6 address")
		}
		host, rest := s[1:end], s[end+1:]
		if a, err := netip.ParseAddr(host); err != nil || !a.Is6() {
			return "", "", fmt.Errorf("%q in brackets is not an IPv6 address", host)
		}
		if len(rest) < 2 || rest[0] != ':' {
			return "", "", fmt.Errorf("expected :port after [%s]", host)
		}
		return host, rest[1:], nil
	}
	switch strings.Count(s, ":") {
	case 0:
		return "", s, nil
	case 1:
		host, port, _ = strings.Cut(s, ":")
		return host, port, nil
	}
	return "", "", bareIPv6Error(s)
}

// bareIPv6Error explains an unbracketed IPv6 address, with the fix.
func bareIPv6Error(s string) error {
	i := strings.LastIndexByte(s, ':')
	if _, err := netip.ParseAddr(s[:i]); err == nil && allDigits(s[i+1:]) {
		return fmt.Errorf("an IPv6 address must be in brackets: write [%s]:%s", s[:i], s[i+1:])
	}
	if _, err := netip.ParseAddr(s); err == nil {
		return fmt.Errorf("an IPv6 address must be in brackets and followed by a port: write [%s]:PORT", s)
	}
	return errors.New("too many colons; an IPv6 address must be in brackets, e.g. [::1]:143")
}

// checkHost checks the host part; "" means all addresses.
func checkHost(host string, proto Proto) error {
	if host == "" {
		return nil
	}
	if a, err := netip.ParseAddr(host); err == nil {
		switch {
		case a.Is4() && proto == ProtoTCP6:
			return fmt.Errorf("proto=tcp6 cannot listen on the IPv4 address %s", host)
		case a.Is6() && proto == ProtoTCP4:
			return fmt.Errorf("proto=tcp4 cannot listen on the IPv6 address %s", host)
		}
		return nil
	}
	if host == "*" {
		return errors.New("* is not a host; write :port (or the port alone) to listen on all addresses")
	}
	if !validHostname(host) {
		return fmt.Errorf("%q is not a host name or IP address", host)
	}
	return nil
}

// validHostname checks RFC 1123 host name syntax: dot-separated labels of
// letters, digits and inner hyphens, with an optional final dot.
func validHostname(h string) bool {
	h = strings.TrimSuffix(h, ".")
	if h == "" || len(h) > 253 {
		return false
	}
	for label := range strings.SplitSeq(h, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			if !isAlnum(label[i]) && label[i] != '-' {
				return false
			}
		}
	}
	return true
}

// setPort resolves the port part: a number or a service name.
func (l *Listen) setPort(port string, proto Proto) error {
	switch {
	case port == "":
		return errors.New("missing port after :")
	case allDigits(port):
		n, err := strconv.Atoi(port)
		if err != nil || len(port) > 5 || n < 1 || n > 65535 {
			return fmt.Errorf("port %s is out of range 1-65535", port)
		}
		l.Port = n
		return nil
	case strings.IndexByte(port, '/') >= 0:
		return fmt.Errorf("%q: a unix socket path must be absolute (start with /)", port)
	case !validServiceName(port):
		return fmt.Errorf("%q is not a port number or service name", port)
	}
	n, err := resolvePort(port, proto)
	if err != nil {
		return err
	}
	l.Port, l.PortName = n, port
	return nil
}
