package cyrusconf

import (
	"errors"
	"strings"
	"testing"
)

// fakePorts replaces the system services lookup for one test.
func fakePorts(t *testing.T, table map[string]int) {
	t.Helper()
	saved := lookupPort
	lookupPort = func(network, name string) (int, error) {
		if n, ok := table[name]; ok {
			return n, nil
		}
		return 0, errors.New("unknown port")
	}
	t.Cleanup(func() { lookupPort = saved })
}

func TestParseListen(t *testing.T) {
	fakePorts(t, map[string]int{"imap": 143, "sieve": 4190, "myimap": 1143})
	tests := []struct {
		in       string
		proto    Proto
		path     string
		host     string
		port     int
		portName string
		str      string
	}{
		{"143", ProtoTCP, "", "", 143, "", ":143"},
		{"00143", ProtoTCP, "", "", 143, "", ":143"},
		{"65535", ProtoTCP, "", "", 65535, "", ":65535"},
		{"imap", ProtoTCP, "", "", 143, "imap", ":143"},
		{"myimap", ProtoTCP, "", "", 1143, "myimap", ":1143"},
		{"lmtp", ProtoTCP, "", "", 24, "lmtp", ":24"}, // built-in table
		{"IMAPS", ProtoTCP, "", "", 993, "IMAPS", ":993"},
		{"csync", ProtoTCP, "", "", 2005, "csync", ":2005"},
		{"127.0.0.1:143", ProtoTCP, "", "127.0.0.1", 143, "", "127.0.0.1:143"},
		{"127.0.0.1:143", ProtoTCP4, "", "127.0.0.1", 143, "", "127.0.0.1:143"},
		{"localhost:imap", ProtoTCP, "", "localhost", 143, "imap", "localhost:143"},
		{"mail.example.org.:sieve", ProtoTCP, "", "mail.example.org.", 4190, "sieve", "mail.example.org.:4190"},
		{":imap", ProtoTCP, "", "", 143, "imap", ":143"},
		{"[::1]:143", ProtoTCP, "", "::1", 143, "", "[::1]:143"},
		{"[::1]:imap", ProtoTCP6, "", "::1", 143, "imap", "[::1]:143"},
		{"[fe80::1%eth0]:143", ProtoTCP, "", "fe80::1%eth0", 143, "", "[fe80::1%eth0]:143"},
		{"/var/imap/socket/lmtp", ProtoTCP, "/var/imap/socket/lmtp", "", 0, "", "/var/imap/socket/lmtp"},
		{"/run/notify", ProtoUDP, "/run/notify", "", 0, "", "/run/notify"},
		{"/" + strings.Repeat("a", maxSocketPath-1), ProtoTCP, "/" + strings.Repeat("a", maxSocketPath-1), "", 0, "", "/" + strings.Repeat("a", maxSocketPath-1)},
	}
	for _, tt := range tests {
		l, err := ParseListen(tt.in, tt.proto)
		if err != nil {
			t.Errorf("ParseListen(%q, %s): %v", tt.in, tt.proto, err)
			continue
		}
		if l.Raw != tt.in || l.Path != tt.path || l.Host != tt.host || l.Port != tt.port || l.PortName != tt.portName {
			t.Errorf("ParseListen(%q) = %+v", tt.in, l)
		}
		if l.IsUnix() != (tt.path != "") {
			t.Errorf("ParseListen(%q).IsUnix() = %v", tt.in, l.IsUnix())
		}
		if got := l.String(); got != tt.str {
			t.Errorf("ParseListen(%q).String() = %q, want %q", tt.in, got, tt.str)
		}
	}
}

func TestParseListenErrors(t *testing.T) {
	fakePorts(t, map[string]int{"imap": 143})
	tests := []struct {
		in    string
		proto Proto
		want  string
	}{
		{"", ProtoTCP, "empty"},
		{"0", ProtoTCP, "out of range"},
		{"65536", ProtoTCP, "out of range"},
		{"99999999999999999999", ProtoTCP, "out of range"},
		{"nosuchservice", ProtoTCP, `unknown service name "nosuchservice"`},
		{"im ap", ProtoTCP, "not a port number or service name"},
		{"-imap", ProtoTCP, "not a port number or service name"},
		{"socket/lmtp", ProtoTCP, "must be absolute"},
		{"host:", ProtoTCP, "missing port"},
		{"bad_host:143", ProtoTCP, "not a host name"},
		{"-host:143", ProtoTCP, "not a host name"},
		{"*:imap", ProtoTCP, "all addresses"},
		{"::1", ProtoTCP, "write [::1]:PORT"},
		{"::1:143", ProtoTCP, "write [::1]:143"},
		{"2001:db8::1:993", ProtoTCP, "write [2001:db8::1]:993"},
		{"a:b:c", ProtoTCP, "too many colons"},
		{"[::1", ProtoTCP, "missing ]"},
		{"[::1]", ProtoTCP, "expected :port"},
		{"[::1]143", ProtoTCP, "expected :port"},
		{"[::1]:", ProtoTCP, "expected :port"},
		{"[127.0.0.1]:143", ProtoTCP, "not an IPv6 address"},
		{"[]:143", ProtoTCP, "not an IPv6 address"},
		{"127.0.0.1:143", ProtoTCP6, "tcp6 cannot listen on the IPv4"},
		{"[::1]:143", ProtoTCP4, "tcp4 cannot listen on the IPv6"},
		{"/" + strings.Repeat("a", maxSocketPath), ProtoTCP, "at most 107"},
		{"/run/cyrus/", ProtoTCP, "ends in /"},
		{"/run/\x00x", ProtoTCP, "NUL"},
	}
	for _, tt := range tests {
		_, err := ParseListen(tt.in, tt.proto)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseListen(%q, %s) error = %v, want ~%q", tt.in, tt.proto, err, tt.want)
		}
	}
}

// TestResolvePortOrder checks that the system's services database wins over
// the built-in table, as getaddrinfo does for Cyrus.
func TestResolvePortOrder(t *testing.T) {
	fakePorts(t, map[string]int{"sieve": 2000})
	l, err := ParseListen("sieve", ProtoTCP)
	if err != nil || l.Port != 2000 {
		t.Errorf("sieve = %d, %v; want the system's 2000", l.Port, err)
	}
	l, err = ParseListen("submissions", ProtoUDP)
	if err != nil || l.Port != 465 {
		t.Errorf("submissions = %d, %v; want the table's 465", l.Port, err)
	}
}

// TestListenRange checks that a service's Listen points at the value.
func TestListenRange(t *testing.T) {
	fakePorts(t, map[string]int{"imap": 143})
	cfg, diags := parse(services(`  imap cmd=imapd listen="localhost:imap"`))
	noErrors(t, diags)
	r := cfg.Service("imap").Listen.Range
	if r.Start.Line != 2 || r.Start.Column != 26 || r.End.Column != 40 {
		t.Errorf("listen range = %d:%d-%d", r.Start.Line, r.Start.Column, r.End.Column)
	}
}
