package sqlite

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// spooled is a message file written and fsync'd but not yet referenced by
// any row: invisible until its transaction commits.
type spooled struct {
	id      string // file id
	path    string // absolute path
	size    int64
	guid    string
	durable bool // its name is durable already (a spare): syncDirs skips it
}

var bufPool = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// createExcl creates a new message file, making its bucket directory on
// first use.
func createExcl(path string) (*os.File, error) {
	const flag = unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL
	f, err := openPlain(path, flag, filePerm)
	if errors.Is(err, fs.ErrNotExist) {
		if err := mkdirBucket(filepath.Dir(path)); err != nil {
			return nil, err
		}
		f, err = openPlain(path, flag, filePerm)
	}
	return f, err
}

// mkdirBucket creates one bucket directory of msg/ and makes it durable.
// Only the bucket: if msg/ itself is gone the account was deleted, and
// recreating its tree would deliver into a ghost.
func mkdirBucket(dir string) error {
	if err := os.Mkdir(dir, dirPerm); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("mkdir %s: %w", dir, err)
	}
	return syncDir(filepath.Dir(dir))
}

// writeFile copies r into a new message file of the user's directory,
// hashing it on the way (the GUID), and fsyncs the file. The caller fsyncs
// the directory (syncDirs) before committing the row that refers to it.
func writeFile(userdir string, r io.Reader) (spooled, error) {
	id := newFileID()
	sp := spooled{id: id, path: filepath.Join(userdir, fileRel(id))}
	f, err := createExcl(sp.path)
	if err != nil {
		return sp, fmt.Errorf("create message file: %w", err)
	}
	return sp, fillFile(f, &sp, r)
}

// fillFile copies r into the empty message file f (sp's), hashing it on
// the way (the GUID), fdatasyncs and closes it. On failure the file is
// removed.
func fillFile(f *os.File, sp *spooled, r io.Reader) error {
	h := sha1.New()
	bp := bufPool.Get().(*[]byte)
	var err error
	sp.size, err = io.CopyBuffer(io.MultiWriter(f, h), onlyReader{r}, *bp)
	bufPool.Put(bp)
	if err == nil {
		err = datasync(f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(sp.path)
		return fmt.Errorf("write message file %s: %w", sp.path, err)
	}
	sp.guid = hex.EncodeToString(h.Sum(nil))
	return nil
}

// datasync flushes a file's data and the metadata needed to read it back
// (its size and blocks) — all a message file needs, its directory entry
// being made durable by syncDirs. fdatasync skips the timestamp update
// fsync would also force through the journal.
func datasync(f *os.File) error {
	defer observeFsync()()
	return ignoringEINTR(func() error { return unix.Fdatasync(int(f.Fd())) })
}

func ignoringEINTR(fn func() error) error {
	for {
		if err := fn(); err != syscall.EINTR {
			return err
		}
	}
}

// onlyReader hides any WriterTo of the body so that io.CopyBuffer uses
// our pooled buffer.
type onlyReader struct{ io.Reader }

// linkFile gives an existing message file a new name in another user's
// directory: a hard link, so one delivery to many users is written once
// (Cyrus's singleinstancestore). Across file systems it falls back to a
// copy. The new name is fsync'd as writeFile's would be.
func linkFile(src string, userdir string, size int64, guid string) (spooled, error) {
	id := newFileID()
	sp := spooled{id: id, path: filepath.Join(userdir, fileRel(id)), size: size, guid: guid}
	err := os.Link(src, sp.path)
	if errors.Is(err, fs.ErrNotExist) {
		if _, serr := os.Stat(src); serr != nil {
			return sp, fmt.Errorf("link message file: %w", serr)
		}
		if err = mkdirBucket(filepath.Dir(sp.path)); err == nil {
			err = os.Link(src, sp.path)
		}
	}
	if errors.Is(err, syscall.EXDEV) {
		return copyFile(src, userdir, guid)
	}
	if err != nil {
		return sp, fmt.Errorf("link message file: %w", err)
	}
	return sp, nil
}

// copyFile copies a message file into userdir and fsyncs it.
func copyFile(src, userdir, guid string) (spooled, error) {
	in, err := os.Open(src)
	if err != nil {
		return spooled{}, fmt.Errorf("copy message file: %w", err)
	}
	defer in.Close()
	got, err := writeFile(userdir, in)
	if err == nil && got.guid != guid {
		os.Remove(got.path)
		err = fmt.Errorf("copy message file %s: content changed", src)
	}
	return got, err
}

// syncDirs fsyncs the distinct directories holding the given files.
func syncDirs(files []spooled) error {
	done := make(map[string]bool, 1)
	for _, f := range files {
		d := filepath.Dir(f.path)
		if done[d] || f.durable {
			continue
		}
		done[d] = true
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}

// removeSpooled removes files whose rows were never committed.
func removeSpooled(files []spooled) {
	for _, f := range files {
		if f.path != "" {
			os.Remove(f.path)
		}
	}
}
