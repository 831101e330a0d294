package benchmaster

import "testing"

func TestFreeAddrs(t *testing.T) {
	for _, n := range []int{0, 1, 3} {
		addrs, err := FreeAddrs(n)
		if err != nil {
			t.Fatal(err)
		}
		if len(addrs) != n {
			t.Fatalf("FreeAddrs(%d) gave %d", n, len(addrs))
		}
		seen := map[uint16]bool{}
		for _, a := range addrs {
			if a.Addr().String() != "127.0.0.1" || a.Port() == 0 || seen[a.Port()] {
				t.Errorf("FreeAddrs(%d) = %v", n, addrs)
			}
			seen[a.Port()] = true
		}
	}
	a, err := FreeAddr()
	if err != nil || a.Port() == 0 {
		t.Fatalf("FreeAddr = %v, %v", a, err)
	}
}
