package sqlite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// openPlain opens path for plain blocking I/O. os.OpenFile makes every
// descriptor non-blocking and offers it to the runtime's poller, which
// refuses regular files and directories: four fcntl calls and an
// epoll_ctl wasted on each message file written and each directory
// fsync'd. os.NewFile of a blocking descriptor does none of that.
func openPlain(path string, flag int, perm uint32) (*os.File, error) {
	var fd int
	err := ignoringEINTR(func() error {
		var err error
		fd, err = unix.Open(path, flag|unix.O_CLOEXEC, perm)
		return err
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(fd), path), nil
}

// syncDir fsyncs a directory, making the entries created or removed in it
// durable.
func syncDir(dir string) error {
	d, err := openPlain(dir, unix.O_RDONLY|unix.O_DIRECTORY, 0)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	defer observeFsync()()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// mkdirAllSync creates dir and any missing parents with dirPerm, fsyncing
// the parent of every directory it creates, so that a new account's tree is
// as durable as the first message written into it.
func mkdirAllSync(dir string) error {
	if fi, err := os.Stat(dir); err == nil {
		if !fi.IsDir() {
			return fmt.Errorf("%s: not a directory", dir)
		}
		return nil
	}
	parent := filepath.Dir(dir)
	if parent != dir {
		if err := mkdirAllSync(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, dirPerm); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil // created meanwhile by another process
		}
		return fmt.Errorf("mkdir %s: %w", dir, err)
	}
	return syncDir(parent)
}
