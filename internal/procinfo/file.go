package procinfo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// Dir is where the proc files live: <configdirectory>/proc, as Cyrus's
// default proc_path.
func Dir(configDir string) string { return filepath.Join(configDir, "proc") }

// File is one process's proc file. It is opened on the first Write and
// then rewritten in place (pwrite and ftruncate on the open descriptor),
// so a state change costs two system calls, not a create and a rename.
// Nothing is synced: the file is a hint. File is not safe for concurrent
// use; Table serialises its writes.
type File struct {
	path string
	f    *os.File
}

// NewFile names the proc file of pid in dir; nothing is created yet.
func NewFile(dir string, pid int) *File {
	return &File{path: filepath.Join(dir, strconv.Itoa(pid))}
}

// Path returns the file's path.
func (p *File) Path() string { return p.path }

// Write replaces the file's content with b, creating the file (0600) and
// its directory (0700) when needed.
func (p *File) Write(b []byte) error {
	if p.f == nil {
		if err := p.open(); err != nil {
			return err
		}
	}
	if _, err := p.f.WriteAt(b, 0); err != nil {
		return fmt.Errorf("write %s: %w", p.path, err)
	}
	if err := unix.Ftruncate(int(p.f.Fd()), int64(len(b))); err != nil {
		return fmt.Errorf("truncate %s: %w", p.path, err)
	}
	return nil
}

// open creates the file, truncating what a dead process of the same pid
// left behind.
func (p *File) open() error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC | unix.O_NOFOLLOW
	f, err := os.OpenFile(p.path, flags, 0o600)
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(filepath.Dir(p.path), 0o700); err == nil {
			f, err = os.OpenFile(p.path, flags, 0o600)
		}
	}
	if err != nil {
		return fmt.Errorf("open proc file: %w", err)
	}
	p.f = f
	return nil
}

// Remove deletes the file and closes it; a later Write creates it again.
func (p *File) Remove() error {
	if p.f == nil {
		return nil
	}
	p.f.Close()
	p.f = nil
	if err := os.Remove(p.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove proc file: %w", err)
	}
	return nil
}
