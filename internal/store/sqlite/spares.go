package sqlite

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// Spare message files: empty files made ahead, a batch at a time in one
// bucket, whose names one fsync of that bucket made durable. An append
// writes into a spare and fdatasyncs it: the name is already on disk, so
// the message needs no directory fsync of its own (writeFile's way costs
// a file fsync and a directory fsync per message; this way one fsync per
// message and one per batch). Durability at the tagged OK is the same:
// name, data and size are on disk before the row commits.
//
// Spares are known only to the process that made them. Unused ones are
// removed when the account's database is closed; a crash leaves them
// behind, empty and unreferenced: Sweep removes them after its grace and
// reconstruct passes over them (scanMessageTree).
const (
	spareBatch  = 16
	spareMaxAge = time.Minute // older spares are dropped, far inside Sweep's grace
)

// spares is a user's pool of spare files in this process.
type spares struct {
	mu   sync.Mutex
	ids  []string
	made time.Time
}

// writeMessage writes r into a new message file of u, preferring a spare
// (sp.durable: syncDirs has nothing to do for it) over writeFile.
func (u *userDB) writeMessage(r io.Reader) (spooled, error) {
	if f, id := u.takeSpare(); f != nil {
		sp := spooled{id: id, path: u.path(id), durable: true}
		return sp, fillFile(f, &sp, r)
	}
	return writeFile(u.dir, r)
}

// takeSpare opens a spare for writing, making a batch when none is left;
// nil when that fails (the caller falls back to writeFile).
func (u *userDB) takeSpare() (*os.File, string) {
	p := &u.spares
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.ids) > 0 && time.Since(p.made) > spareMaxAge {
		removeSpares(u, p.ids)
		p.ids = nil
	}
	for {
		if len(p.ids) == 0 {
			ids, err := makeSpares(u)
			if err != nil {
				return nil, ""
			}
			p.ids, p.made = ids, time.Now()
		}
		id := p.ids[len(p.ids)-1]
		p.ids = p.ids[:len(p.ids)-1]
		f, err := openPlain(u.path(id), unix.O_WRONLY, 0)
		if err == nil {
			return f, id
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, "" // gone spares are skipped; anything else: fall back
		}
	}
}

// makeSpares creates a batch of empty files in one bucket and fsyncs the
// bucket once.
func makeSpares(u *userDB) ([]string, error) {
	bucket := newFileID()[:2]
	ids := make([]string, 0, spareBatch)
	for range spareBatch {
		id := bucket + newFileID()[2:]
		f, err := createExcl(u.path(id))
		if err == nil {
			err = f.Close()
		}
		if err != nil {
			removeSpares(u, ids)
			return nil, fmt.Errorf("make spare message file: %w", err)
		}
		ids = append(ids, id)
	}
	if err := syncDir(filepath.Join(u.dir, msgDir, bucket)); err != nil {
		removeSpares(u, ids)
		return nil, err
	}
	return ids, nil
}

// dropSpares removes the unused spares, when the database is closed.
func (u *userDB) dropSpares() {
	p := &u.spares
	p.mu.Lock()
	removeSpares(u, p.ids)
	p.ids = nil
	p.mu.Unlock()
}

// removeSpares unlinks spares. No fsync: one that comes back after a
// crash is an empty orphan like any other.
func removeSpares(u *userDB, ids []string) {
	for _, id := range ids {
		os.Remove(u.path(id))
	}
}

// close closes the database, removing this process's spares first.
func (u *userDB) close() error {
	u.dropSpares()
	return u.h.close()
}
