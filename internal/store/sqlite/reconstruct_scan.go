package sqlite

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/corvusmail/corvus/internal/store"
)

// diskFile is an entry of a user's message tree.
type diskFile struct {
	id   string // its name: a file id for a message file
	path string
	size int64
	mod  time.Time
}

// scanMessageTree lists a user's message files (non-empty regular files
// of a bucket named like a file id; one in the wrong bucket, as a restore
// by hand may leave it, is moved to its place when it is adopted) and
// the odd entries: anything else in msg/ or in a bucket but spares (empty
// files named like a file id of their bucket, see spares.go).
func scanMessageTree(dir string) (files, odd []diskFile, err error) {
	msg := filepath.Join(dir, msgDir)
	buckets, err := os.ReadDir(msg)
	if os.IsNotExist(err) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", msg, err)
	}
	for _, b := range buckets {
		bdir := filepath.Join(msg, b.Name())
		if !b.IsDir() || !isBucket(b.Name()) {
			odd = append(odd, statFile(bdir, b.Name()))
			continue
		}
		entries, err := os.ReadDir(bdir)
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", bdir, err)
		}
		for _, e := range entries {
			f := statFile(filepath.Join(bdir, e.Name()), e.Name())
			switch {
			case e.Type().IsRegular() && isFileName(e.Name()) && f.size > 0:
				files = append(files, f)
			case e.Type().IsRegular() && isFileID(e.Name(), b.Name()) && f.size == 0:
				// a spare (spares.go): a running process's, or a crash's
				// leftover that Sweep removes
			default:
				odd = append(odd, f)
			}
		}
	}
	return files, odd, nil
}

// statFile describes a path (size and time from Lstat; zero if it is gone).
func statFile(path, name string) diskFile {
	f := diskFile{id: name, path: path}
	if fi, err := os.Lstat(path); err == nil {
		f.size, f.mod = fi.Size(), fi.ModTime()
	}
	return f
}

// isBucket reports a bucket directory name: two lower-case hex digits.
func isBucket(name string) bool { return len(name) == 2 && isLowerHex(name) }

// isFileName reports a message file name: newFileID's 32 lower-case hex
// digits.
func isFileName(name string) bool { return len(name) == 32 && isLowerHex(name) }

// isFileID reports a message file name that belongs in the given bucket.
func isFileID(name, bucket string) bool { return isFileName(name) && name[:2] == bucket }

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// handleOdd reports odd entries of the message tree or, with OddRemove,
// removes them, as Cyrus's reconstruct -O removes odd files from mailbox
// directories. Only files and empty directories are removed.
func (r *recon) handleOdd(odd []diskFile) {
	for _, f := range odd {
		rel, _ := filepath.Rel(r.dir, f.path)
		switch r.opts.OddFiles {
		case store.OddIgnore:
		case store.OddRemove:
			detail := "not a message file: removed"
			if r.opts.DryRun {
				detail = "not a message file: would be removed"
			} else if err := os.Remove(f.path); err != nil {
				detail = fmt.Sprintf("not a message file: cannot remove: %v", err)
			}
			r.fix(store.Fix{Kind: store.FixOdd, File: rel, Detail: detail})
		default:
			r.fix(store.Fix{Kind: store.FixOdd, File: rel, Detail: "not a message file: left alone"})
		}
	}
}
