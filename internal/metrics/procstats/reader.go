package procstats

import (
	"encoding/binary"
	"fmt"
	"os"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Read reads a stats file that its process may be updating. The file is
// mapped and read a word at a time with atomic loads, so no value is
// seen half-written (read(2) copies bytes and gives no such promise).
func Read(path string) (Values, error) {
	f, err := os.Open(path)
	if err != nil {
		return Values{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Values{}, fmt.Errorf("stat %s: %w", path, err)
	}
	size := st.Size()
	if size < headerSize || size > headerSize+8*maxSlots {
		return Values{}, fmt.Errorf("%s: %w: %d bytes", path, ErrFormat, size)
	}
	// Writers never shrink a file in place (a new one is renamed over
	// it), so the mapping cannot fault.
	mem, err := unix.Mmap(int(f.Fd()), 0, int(size), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return Values{}, fmt.Errorf("mmap %s: %w", path, err)
	}
	defer unix.Munmap(mem)
	v, err := Decode(snapshot(mem))
	if err != nil {
		return v, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// snapshot copies a mapping word by word with atomic loads; mem must be
// 8-byte aligned (a mapping is page-aligned).
func snapshot(mem []byte) []byte {
	out := make([]byte, len(mem))
	i := 0
	for ; i+8 <= len(mem); i += 8 {
		binary.NativeEndian.PutUint64(out[i:], atomic.LoadUint64((*uint64)(unsafe.Pointer(&mem[i]))))
	}
	copy(out[i:], mem[i:])
	return out
}
