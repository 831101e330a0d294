package mmap

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestMap(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"small", []byte("Subject: hi\r\n\r\nbody\r\n")},
		{"pages", bytes.Repeat([]byte("0123456789abcdef"), 3000)},
	} {
		p := filepath.Join(dir, tt.name)
		if err := os.WriteFile(p, tt.data, 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Map(f, int64(len(tt.data)))
		f.Close() // the mapping outlives the descriptor
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		// Unlinking (expunge) must not take the data away.
		os.Remove(p)
		if !bytes.Equal(m.Data, tt.data) {
			t.Errorf("%s: mapped %d bytes differ from the file's %d", tt.name, len(m.Data), len(tt.data))
		}
		if err := m.Close(); err != nil || m.Data != nil {
			t.Errorf("%s: Close = %v, Data left %d bytes", tt.name, err, len(m.Data))
		}
	}
}

func TestMapBadSize(t *testing.T) {
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := Map(f, -1); err == nil {
		t.Error("Map with size -1 succeeded")
	}
	// Shorter than recorded: refused, rather than a SIGBUS when read.
	p := filepath.Join(t.TempDir(), "short")
	os.WriteFile(p, []byte("abc"), 0o600)
	g, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if _, err := Map(g, 8192); err == nil {
		t.Error("Map past the end of the file succeeded")
	}
}
