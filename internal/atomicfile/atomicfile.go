// Package atomicfile replaces small files so that a crash leaves either the
// old content or the new, never a mix: the deny list, the password file,
// imapmigrate's state. Cyrus's flat databases get the same guarantee from
// their own write-new-then-rename scheme.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// Write replaces path with data: a temporary file beside it gets mode
// perm, the old file's owner when there is one and the caller may give it
// (root running an admin tool must not leave a file the cyrus user cannot
// rewrite), the data, and an fsync; it is then renamed over path, and the
// directory is synced so that the rename itself survives a crash.
func Write(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("replace %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	err = fill(tmp, path, data, perm)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("replace %s: %w", path, err)
	}
	return syncDir(dir)
}

// fill gives the open temporary file its mode, owner and content, synced.
func fill(tmp *os.File, path string, data []byte, perm os.FileMode) error {
	if err := tmp.Chmod(perm); err != nil {
		return err
	}
	if st, err := os.Stat(path); err == nil {
		if sys, ok := st.Sys().(*syscall.Stat_t); ok && os.Geteuid() == 0 {
			if err := tmp.Chown(int(sys.Uid), int(sys.Gid)); err != nil {
				return err
			}
		}
	}
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	return tmp.Sync()
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
