package listener

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func TestBindTCP(t *testing.T) {
	tests := []struct {
		name    string
		spec    Spec
		wantN   int
		wantPfx string
	}{
		{"ipv4 loopback", Spec{Host: "127.0.0.1", Network: "tcp"}, 1, "127.0.0.1:"},
		{"tcp4 explicit", Spec{Host: "127.0.0.1", Network: "tcp4"}, 1, "127.0.0.1:"},
		{"hostname", Spec{Host: "localhost", Network: "tcp4"}, 1, "127.0.0.1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			socks, err := Bind(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			defer closeAll(socks)
			if len(socks) != tt.wantN {
				t.Fatalf("got %d sockets, want %d", len(socks), tt.wantN)
			}
			s := socks[0]
			if !s.Stream || len(s.Addr) <= len(tt.wantPfx) || s.Addr[:len(tt.wantPfx)] != tt.wantPfx {
				t.Fatalf("addr %q stream %v", s.Addr, s.Stream)
			}
			assertAccepts(t, s)
		})
	}
}

func TestBindIPv6Only(t *testing.T) {
	socks, err := Bind(Spec{Host: "::1", Network: "tcp6", Backlog: 7})
	if err != nil {
		t.Skipf("no IPv6 loopback here: %v", err)
	}
	defer closeAll(socks)
	fd := int(socks[0].File.Fd())
	v6only, err := unix.GetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_V6ONLY)
	if err != nil || v6only != 1 {
		t.Fatalf("IPV6_V6ONLY = %d, %v; want 1", v6only, err)
	}
	reuse, _ := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR)
	if reuse != 1 {
		t.Fatalf("SO_REUSEADDR = %d, want 1", reuse)
	}
	assertAccepts(t, socks[0])
}

func TestBindRejectsFamilyMismatch(t *testing.T) {
	if _, err := Bind(Spec{Host: "127.0.0.1", Network: "tcp6"}); err == nil {
		t.Fatal("binding an IPv4 address as tcp6 succeeded")
	}
}

func TestBindPortInUse(t *testing.T) {
	socks, err := Bind(Spec{Host: "127.0.0.1", Network: "tcp"})
	if err != nil {
		t.Fatal(err)
	}
	defer closeAll(socks)
	_, port, _ := net.SplitHostPort(socks[0].Addr)
	p, _ := strconv.Atoi(port)
	if _, err := Bind(Spec{Host: "127.0.0.1", Port: p, Network: "tcp"}); err == nil {
		t.Fatal("second bind to a listening port succeeded")
	}
}

func TestBindUDP(t *testing.T) {
	socks, err := Bind(Spec{Host: "127.0.0.1", Network: "udp"})
	if err != nil {
		t.Fatal(err)
	}
	defer closeAll(socks)
	if socks[0].Stream {
		t.Fatal("udp socket reported as stream")
	}
	typ, _ := unix.GetsockoptInt(int(socks[0].File.Fd()), unix.SOL_SOCKET, unix.SO_TYPE)
	if typ != unix.SOCK_DGRAM {
		t.Fatalf("SO_TYPE = %d, want SOCK_DGRAM", typ)
	}
}

func TestBindUnix(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "socket", "lmtp")
	// A stale socket from an earlier run must be replaced.
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	stale, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	stale.(*net.UnixListener).SetUnlinkOnClose(false)
	stale.Close()

	socks, err := Bind(Spec{Path: path, Network: "tcp"})
	if err != nil {
		t.Fatal(err)
	}
	defer closeAll(socks)
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm != 0o660 {
		t.Fatalf("socket mode %o, want 660 (never world-accessible)", perm)
	}
	assertAccepts(t, socks[0])
}

func TestBindUnixRefusesNonSocket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notasocket")
	if err := os.WriteFile(path, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Bind(Spec{Path: path, Network: "tcp"}); err == nil {
		t.Fatal("bound over a regular file")
	}
	if b, _ := os.ReadFile(path); string(b) != "keep me" {
		t.Fatal("regular file was touched")
	}
}

func TestBindUnixDatagram(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notify")
	socks, err := Bind(Spec{Path: path, Network: "udp"})
	if err != nil {
		t.Fatal(err)
	}
	defer closeAll(socks)
	pc, err := net.FilePacketConn(socks[0].File)
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	c, err := net.Dial("unixgram", path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Write([]byte("ping")); err != nil {
		t.Fatal(err)
	}
	pc.SetDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 16)
	n, _, err := pc.ReadFrom(buf)
	if err != nil || string(buf[:n]) != "ping" {
		t.Fatalf("read %q, %v", buf[:n], err)
	}
}

// assertAccepts checks the socket is really listening by connecting to it
// through a listener rebuilt from a duplicate of its descriptor, the way a
// worker does with fd 4.
func assertAccepts(t *testing.T, s *Socket) {
	t.Helper()
	l, err := net.FileListener(s.File)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	network := "tcp"
	if _, ok := l.(*net.UnixListener); ok {
		network = "unix"
	}
	c, err := net.DialTimeout(network, s.Addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if d, ok := l.(interface{ SetDeadline(time.Time) error }); ok {
		d.SetDeadline(time.Now().Add(5 * time.Second))
	}
	a, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
}

func closeAll(socks []*Socket) {
	for _, s := range socks {
		s.Close()
	}
}
