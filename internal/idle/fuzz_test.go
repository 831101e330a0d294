package idle

import (
	"bytes"
	"testing"
)

// FuzzDecode: Decode never panics, and whatever it accepts is exactly what
// Encode makes of the result: the format has one spelling per message.
func FuzzDecode(f *testing.F) {
	seeds := [][]byte{
		raw(1, 1, pid1234, zero8, "alice", "F00"),
		raw(1, 2, pid1234, zero8, "alice", "F00"),
		raw(1, 3, pid1234, seq42, "alice@example.com", "F0123456789abcdef01234567"),
		raw(1, 4, pid1234, seq42, "jörg", "x"),
		raw(1, 5, pid1234, zero8, "", ""),
		raw(2, 3, pid1234, seq42, "alice", "F00"),
		raw(1, 3, pid1234, seq42, "alice", "user.alice"),
		raw(1, 3, pid1234, seq42, "alice", "F00")[:25],
		[]byte(`{"@type":"notify"}`),
		[]byte("CVID"),
		nil,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Decode(b)
		if err != nil {
			return
		}
		enc, err := m.Encode()
		if err != nil {
			t.Fatalf("Encode of decoded %x (%+v): %v", b, m, err)
		}
		if !bytes.Equal(enc, b) {
			t.Fatalf("Decode accepted %x, which encodes as %x", b, enc)
		}
	})
}
