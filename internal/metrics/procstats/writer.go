package procstats

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Writer is one process's stats file, mapped shared. Its methods are safe
// for concurrent use and do nothing on a nil Writer.
type Writer struct {
	mem  []byte
	path string
}

// Create makes the stats file of process pid in dir and maps it. The file
// is built under a temporary name and renamed into place, so master never
// sees one half-written; a file left by an earlier process with the same
// pid is replaced.
func Create(dir string, pid int) (*Writer, error) {
	path := filepath.Join(dir, strconv.Itoa(pid))
	tmp := filepath.Join(dir, "."+strconv.Itoa(pid)+".tmp")
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o640)
	if err != nil {
		return nil, fmt.Errorf("stats file: %w", err)
	}
	defer f.Close()
	if err := f.Truncate(int64(FileSize)); err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("stats file %s: %w", tmp, err)
	}
	mem, err := unix.Mmap(int(f.Fd()), 0, FileSize, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("mmap %s: %w", tmp, err)
	}
	putHeader(mem, int(NumSlots))
	if err := os.Rename(tmp, path); err != nil {
		unix.Munmap(mem)
		os.Remove(tmp)
		return nil, fmt.Errorf("stats file: %w", err)
	}
	return &Writer{mem: mem, path: path}, nil
}

// word is the slot's value in the mapping. The mapping is page-aligned
// and slots are 8-byte aligned in it, as 64-bit atomics require.
func (w *Writer) word(s Slot) *uint64 {
	return (*uint64)(unsafe.Pointer(&w.mem[headerSize+8*int(s)]))
}

// Add adds n to a counter slot.
func (w *Writer) Add(s Slot, n uint64) {
	if w == nil || s < 0 || s >= NumSlots {
		return
	}
	atomic.AddUint64(w.word(s), n)
}

// Set stores v in a slot: a gauge, or a counter the process keeps itself.
func (w *Writer) Set(s Slot, v uint64) {
	if w == nil || s < 0 || s >= NumSlots {
		return
	}
	atomic.StoreUint64(w.word(s), v)
}

// ObserveFsync counts one fsync that took d.
func (w *Writer) ObserveFsync(d time.Duration) {
	if w == nil {
		return
	}
	if d < 0 {
		d = 0
	}
	if b, ok := fsyncBucket(d); ok {
		w.Add(b, 1)
	}
	w.Add(FsyncNanos, uint64(d))
	w.Add(FsyncCount, 1)
}

// Path is the file's name.
func (w *Writer) Path() string { return w.path }

// Close unmaps the file and leaves it for master to read: its counts
// outlive the process. The Writer must not be used afterwards.
func (w *Writer) Close() error {
	if w == nil || w.mem == nil {
		return nil
	}
	err := unix.Munmap(w.mem)
	w.mem = nil
	if err != nil {
		return fmt.Errorf("munmap %s: %w", w.path, err)
	}
	return nil
}
