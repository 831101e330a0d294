package metrics

import "testing"

// FuzzListenAddr: any prometheus_listen value is answered without a
// panic, and an accepted address is accepted again unchanged (master -t
// and the start agree).
func FuzzListenAddr(f *testing.F) {
	for _, s := range []string{"9143", "127.0.0.1:9143", "[::1]:80", ":1", "", "0", "a:b:c", "[::1", " 7 ", "host:99999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		addr, err := ListenAddr(s)
		if err != nil {
			return
		}
		again, err := ListenAddr(addr)
		if err != nil || again != addr {
			t.Fatalf("ListenAddr(%q) = %q, but ListenAddr(%q) = %q, %v", s, addr, addr, again, err)
		}
	})
}
