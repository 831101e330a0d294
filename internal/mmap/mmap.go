// Package mmap maps message files read-only, as Cyrus maps the messages
// it serves: FETCH and APPEND's parse read a message through the page
// cache instead of copying it onto the heap, so a 50 MB message costs a
// worker address space while it is being answered, not 50 MB of garbage.
package mmap

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// maxSize bounds a mapping; larger files are refused rather than mapped
// into a 32-bit-sized int.
const maxSize = 1 << 40

// File is a read-only mapping of a whole file. Data is valid until Close.
// Message files are never rewritten in place (new versions get new
// names, expunge unlinks), so no other process can shrink the file under
// the mapping and fault a reader.
type File struct {
	Data []byte
}

// Map maps the first size bytes of f. An empty file gives an empty Data
// and no mapping. f may be closed once Map returns.
func Map(f *os.File, size int64) (*File, error) {
	if size == 0 {
		return &File{Data: []byte{}}, nil
	}
	if size < 0 || size > maxSize {
		return nil, fmt.Errorf("mmap %s: bad size %d", f.Name(), size)
	}
	// A file shorter than its recorded size (damaged, or truncated by
	// hand) must be an error here, not a SIGBUS on first touch.
	if st, err := f.Stat(); err != nil {
		return nil, fmt.Errorf("mmap %s: %w", f.Name(), err)
	} else if st.Size() < size {
		return nil, fmt.Errorf("mmap %s: file has %d bytes, %d expected", f.Name(), st.Size(), size)
	}
	b, err := unix.Mmap(int(f.Fd()), 0, int(size), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, fmt.Errorf("mmap %s: %w", f.Name(), err)
	}
	return &File{Data: b}, nil
}

// Close unmaps the file. Data must not be used afterwards.
func (m *File) Close() error {
	if m == nil {
		return nil
	}
	if len(m.Data) == 0 {
		m.Data = nil
		return nil
	}
	err := unix.Munmap(m.Data)
	m.Data = nil
	if err != nil {
		return fmt.Errorf("munmap: %w", err)
	}
	return nil
}
