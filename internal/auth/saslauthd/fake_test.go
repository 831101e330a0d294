package saslauthd

import (
	"encoding/binary"
	"io"
	"net"
	"path/filepath"
	"sync"
	"testing"
)

// fakeDaemon listens on a unix socket in a temporary directory and
// answers each request with reply(fields); a nil reply closes silently.
type fakeDaemon struct {
	path string
	ln   net.Listener
	wg   sync.WaitGroup
	mu   sync.Mutex
	seen [][]string
}

func startFake(t *testing.T, reply func(fields []string) []byte) *fakeDaemon {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mux")
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	d := &fakeDaemon{path: path, ln: ln}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			d.wg.Add(1)
			go func() {
				defer d.wg.Done()
				defer c.Close()
				fields, err := readFields(c, 5)
				if err != nil {
					return
				}
				d.mu.Lock()
				d.seen = append(d.seen, fields)
				d.mu.Unlock()
				if r := reply(fields); r != nil {
					c.Write(r)
				}
			}()
		}
	}()
	t.Cleanup(func() { ln.Close(); d.wg.Wait() })
	return d
}

func readFields(r io.Reader, n int) ([]string, error) {
	var out []string
	for i := 0; i < n; i++ {
		var l [2]byte
		if _, err := io.ReadFull(r, l[:]); err != nil {
			return nil, err
		}
		b := make([]byte, binary.BigEndian.Uint16(l[:]))
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, nil
}

// counted frames s as saslauthd does.
func counted(s string) []byte {
	return append(binary.BigEndian.AppendUint16(nil, uint16(len(s))), s...)
}
