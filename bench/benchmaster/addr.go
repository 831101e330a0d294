package benchmaster

import (
	"fmt"
	"net"
	"net/netip"
)

// FreeAddrs returns n distinct 127.0.0.1 addresses whose ports were free a
// moment ago, for the listen= of master's services. All n are held open
// until the last is found, so they differ.
func FreeAddrs(n int) ([]netip.AddrPort, error) {
	out := make([]netip.AddrPort, 0, n)
	for range n {
		l, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		defer l.Close()
		out = append(out, l.Addr().(*net.TCPAddr).AddrPort())
	}
	return out, nil
}

// FreeAddr is FreeAddrs(1)'s one address.
func FreeAddr() (netip.AddrPort, error) {
	a, err := FreeAddrs(1)
	if err != nil {
		return netip.AddrPort{}, err
	}
	return a[0], nil
}
