package procstats

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// The file format, in the host's byte order (master and its workers share
// a host): an 8-byte magic, a 4-byte version, a 4-byte slot count, then
// one 8-byte value per slot. Slots are 8-byte aligned so that they can be
// updated and read atomically through a mapping.
const (
	magic      = "corvstat"
	version    = 1
	headerSize = 16
	// maxSlots bounds the slot count a reader accepts, so that a damaged
	// header cannot make it allocate or map much.
	maxSlots = 4096
)

// FileSize is the size of a file written by this build.
const FileSize = headerSize + 8*int(NumSlots)

// ErrFormat says a file is not a stats file this build can read.
var ErrFormat = errors.New("not a stats file")

// putHeader writes the header of a file holding n slots.
func putHeader(b []byte, n int) {
	copy(b, magic)
	binary.NativeEndian.PutUint32(b[8:], version)
	binary.NativeEndian.PutUint32(b[12:], uint32(n))
}

// Decode reads a stats file's bytes. Slots this build does not know are
// skipped and slots the file lacks are zero, so that files written by an
// older or newer worker still count during an upgrade.
func Decode(b []byte) (Values, error) {
	var v Values
	if len(b) < headerSize || string(b[:8]) != magic {
		return v, ErrFormat
	}
	if ver := binary.NativeEndian.Uint32(b[8:]); ver != version {
		return v, fmt.Errorf("%w: version %d", ErrFormat, ver)
	}
	n := binary.NativeEndian.Uint32(b[12:])
	if n > maxSlots || len(b) < headerSize+8*int(n) {
		return v, fmt.Errorf("%w: %d slots in %d bytes", ErrFormat, n, len(b))
	}
	for i := 0; i < int(n) && i < len(v); i++ {
		v[i] = binary.NativeEndian.Uint64(b[headerSize+8*i:])
	}
	return v, nil
}

// Encode returns the bytes of a file holding v (tests, and the start of a
// new file).
func Encode(v *Values) []byte {
	b := make([]byte, FileSize)
	putHeader(b, len(v))
	for i, x := range v {
		binary.NativeEndian.PutUint64(b[headerSize+8*i:], x)
	}
	return b
}
