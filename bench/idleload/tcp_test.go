package main

import (
	"net"
	"os"
	"slices"
	"testing"
)

// procNetTCP is /proc/net/tcp with a listener on 8080 (0x1F90), two
// sessions accepted on it, their client ends, and one in TIME_WAIT.
const procNetTCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000   999        0 1111 1 0000000000000000 100 0 0 10 0
   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000   999        0 2222 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 3333 1 0000000000000000 20 4 30 10 -1
   3: 0100007F:1F90 0100007F:C351 01 00000000:00000000 00:00000000 00000000   999        0 4444 1 0000000000000000 20 4 30 10 -1
   4: 0100007F:1F90 0100007F:C352 06 00000000:00000000 03:00000BB8 00000000     0        0 0 3 0000000000000000
`

func TestEstablished(t *testing.T) {
	tests := []struct {
		port uint16
		want []string
	}{
		{8080, []string{"2222", "4444"}},
		{0xC350, []string{"3333"}},
		{25, nil},
	}
	for _, tt := range tests {
		if got := established(procNetTCP, tt.port); !slices.Equal(got, tt.want) {
			t.Errorf("established(%d) = %v, want %v", tt.port, got, tt.want)
		}
	}
	if got := established("garbage\n0: x:y z 01 a b c d e 5\n", 0); got != nil {
		t.Errorf("established(garbage) = %v", got)
	}
}

// TestServerSocketsHeld checks the real /proc: the accepted end of a
// loopback connection is found, and this process holds it.
func TestServerSocketsHeld(t *testing.T) {
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	c, err := net.Dial("tcp4", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	inodes, err := serverSockets(uint16(l.Addr().(*net.TCPAddr).Port))
	if err != nil {
		t.Skip(err)
	}
	if len(inodes) != 1 {
		t.Fatalf("serverSockets = %v, want one", inodes)
	}
	if !holdsSocket(os.Getpid(), inodes) {
		t.Error("this process does not hold the accepted socket")
	}
	if holdsSocket(-1, inodes) {
		t.Error("pid -1 holds it")
	}
}

// FuzzEstablished checks that no table text makes established panic.
func FuzzEstablished(f *testing.F) {
	f.Add(procNetTCP, uint16(8080))
	f.Add("0: :1F90 x 01 a b c d e 7", uint16(8080))
	f.Add("", uint16(0))
	f.Fuzz(func(t *testing.T, table string, port uint16) {
		for _, ino := range established(table, port) {
			if ino == "0" || ino == "" {
				t.Errorf("established(%q, %d) returned inode %q", table, port, ino)
			}
		}
	})
}
