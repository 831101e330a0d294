package procstats

import (
	"bytes"
	"testing"
)

// FuzzDecode: whatever master finds in the stats directory, Decode must
// not panic, and what it accepts must encode back to a file that decodes
// to the same values.
func FuzzDecode(f *testing.F) {
	var v Values
	v[LoginsOK], v[FsyncNanos] = 3, 1<<40
	f.Add(Encode(&v))
	f.Add(file(magic, version, 2, []uint64{1, 2}, 0))
	f.Add(file(magic, version, maxSlots, nil, 0))
	f.Add(file(magic, version, 0xffffffff, []uint64{1}, 3))
	f.Add(file("corvsta", version, 1, []uint64{1}, 0))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := Decode(b)
		if err != nil {
			return
		}
		back, err := Decode(Encode(&v))
		if err != nil || back != v {
			t.Fatalf("re-encoded file decodes to %v, %v; want %v", back, err, v)
		}
		if !bytes.HasPrefix(b, []byte(magic)) {
			t.Fatalf("accepted a file without the magic: %q", b)
		}
	})
}
