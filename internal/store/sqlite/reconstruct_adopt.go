package sqlite

import (
	"context"
	"crypto/sha1"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/corvusmail/corvus/internal/store"
)

// Bounds of one adoption transaction: each file adopted on a live
// database costs a rename under the write lock, and the bytes are read
// and parsed before it.
const (
	adoptFiles = 32
	adoptBytes = 64 << 20
)

// adoptOrphans adds the message files no contents row refers to back into
// INBOX, in the order they were written (UIDs in arrival order), as
// Cyrus's reconstruct adds the message files it finds in a mailbox
// directory to that mailbox's index. A file modified after the cutoff may
// belong to an append in progress and is only reported. Odd files are
// handled first, whatever the scope.
func (r *recon) adoptOrphans(ctx context.Context) error {
	files, odd, err := scanMessageTree(r.dir)
	if err != nil {
		return err
	}
	r.handleOdd(odd)
	if !r.inScope(store.Inbox) {
		return nil
	}
	known, err := r.contentFiles(ctx)
	if err != nil {
		return err
	}
	refs := make(map[string]bool, len(known))
	for _, c := range known {
		refs[c.file] = true
	}
	var todo []diskFile
	for _, f := range files {
		switch {
		case refs[f.id]:
		case !f.mod.Before(r.cutoff):
			r.fix(store.Fix{Kind: store.FixRecent, File: fileRel(f.id),
				Detail: "no message refers to it, but it is too recent to add (an append in progress?)"})
		default:
			todo = append(todo, f)
		}
	}
	slices.SortFunc(todo, func(a, b diskFile) int {
		if c := a.mod.Compare(b.mod); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	return r.adoptAll(ctx, todo)
}

// adoptAll adopts files in batches: each batch is read and parsed outside
// any transaction, then recorded in one short transaction.
func (r *recon) adoptAll(ctx context.Context, todo []diskFile) error {
	for len(todo) > 0 {
		var ready []readyFile
		var bytes int64
		n := 0
		for n < len(todo) && n < adoptFiles && (n == 0 || bytes+todo[n].size <= adoptBytes) {
			f, ok, err := r.prepare(todo[n])
			if err != nil {
				return err
			}
			if ok {
				ready = append(ready, f)
			}
			bytes += todo[n].size
			n++
		}
		todo = todo[n:]
		if err := r.write(ctx, func(w *wtx) error { return r.adoptBatch(w, ready) }); err != nil {
			return err
		}
	}
	return nil
}

// readyFile is a file read, hashed and described, ready to be recorded.
type readyFile struct {
	diskFile
	guid string
	msg  store.NewMessage
}

// prepare reads a file once: its GUID and its description come from the
// same bytes. A file that changed while being read is being written and
// is left for later.
func (r *recon) prepare(f diskFile) (readyFile, bool, error) {
	raw, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return readyFile{}, false, nil
	}
	if err != nil {
		return readyFile{}, false, fmt.Errorf("read %s: %w", f.path, err)
	}
	if now := statFile(f.path, f.id); int64(len(raw)) != f.size || now.size != f.size || !now.mod.Equal(f.mod) {
		r.fix(store.Fix{Kind: store.FixRecent, File: fileRel(f.id), Detail: "changed while being read: left for later"})
		return readyFile{}, false, nil
	}
	sum := sha1.Sum(raw)
	var msg store.NewMessage
	if r.opts.Describe != nil {
		msg = r.opts.Describe(raw, f.mod)
	}
	if msg.InternalDate.IsZero() {
		msg.InternalDate = f.mod
	}
	return readyFile{diskFile: f, guid: hex.EncodeToString(sum[:]), msg: msg}, true, nil
}

// adoptBatch records prepared files as new messages of INBOX. Each file
// is checked again under the write lock: still unreferenced (an append
// may have committed it meanwhile) and unchanged.
func (r *recon) adoptBatch(w *wtx, ready []readyFile) error {
	inbox, err := w.mailboxByName(store.Inbox)
	if err != nil {
		return err
	}
	dirs := map[string]bool{} // to fsync once each before the commit
	for _, f := range ready {
		var one int
		err := w.row("SELECT 1 FROM contents WHERE file = ?", []any{f.id}, &one)
		if err == nil {
			continue
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if now := statFile(f.path, f.id); now.size != f.size || !now.mod.Equal(f.mod) {
			continue // removed or rewritten meanwhile
		}
		if err := r.adoptOne(w, inbox, f, dirs); err != nil {
			return err
		}
	}
	for d := range dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}

// adoptOne records one file as a new message of m.
func (r *recon) adoptOne(w *wtx, m *mboxRow, f readyFile, dirs map[string]bool) error {
	sp, err := r.claim(f, dirs)
	if err != nil {
		return err
	}
	bits, kw, err := w.canonicalFlags(f.msg.Flags)
	if err != nil {
		return err
	}
	internal := internalDate(f.msg.InternalDate, w.now)
	cid, err := w.addContent(sp, &f.msg.Summary, f.msg.Structure, internal)
	if err != nil {
		return err
	}
	uid, err := w.addMessage(m, newRow{content: cid, size: sp.size, bits: bits, keywords: strings.Join(kw, " "), internal: internal})
	if err != nil {
		return err
	}
	r.fix(store.Fix{Kind: store.FixAdopted, Mailbox: m.name, UID: uid, File: fileRel(sp.id),
		Detail: fmt.Sprintf("a message file without metadata: %d bytes, internal date %s", sp.size, internal.Format("02-Jan-2006 15:04:05 -0700"))})
	return nil
}

// claim takes a file for adoption. On a live database it is first renamed
// to a fresh file id, under the write lock: an append that wrote the file
// and has not committed yet then finds it gone when it checks its file
// under the same lock (addContentRaw) and fails cleanly, instead of
// colliding with the row made here and removing the file under it. A
// database being rebuilt is seen by no other process, so nothing can
// collide there, and only a file in the wrong bucket is moved; a dry run
// renames nothing. The directories whose entries changed are added to
// dirs, for the caller to fsync.
func (r *recon) claim(f readyFile, dirs map[string]bool) (spooled, error) {
	sp := spooled{id: f.id, path: f.path, size: f.size, guid: f.guid}
	misplaced := f.path != filepath.Join(r.dir, fileRel(f.id))
	if r.opts.DryRun || r.building && !misplaced {
		return sp, nil
	}
	id := newFileID()
	path := filepath.Join(r.dir, fileRel(id))
	err := os.Rename(f.path, path)
	if errors.Is(err, fs.ErrNotExist) {
		if err = mkdirBucket(filepath.Dir(path)); err == nil {
			err = os.Rename(f.path, path)
		}
	}
	if err != nil {
		return sp, fmt.Errorf("claim %s: %w", f.path, err)
	}
	dirs[filepath.Dir(path)], dirs[filepath.Dir(f.path)] = true, true
	sp.id, sp.path = id, path
	return sp, nil
}
