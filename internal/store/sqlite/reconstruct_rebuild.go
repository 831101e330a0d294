package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/corvusmail/corvus/internal/store"
)

// uidValidityMargin is how far ahead of the clock the UIDVALIDITY of a
// mailbox rebuilt without its old row starts. The old value is unknown;
// UIDVALIDITY is handed out as max(now, last+1), so it runs ahead of the
// clock only by the mailboxes created faster than one a second, and a
// day's margin covers 86 400 of those (RFC 9051 §2.3.1.1: the new value
// must be greater).
const uidValidityMargin = 24 * time.Hour

// errCreatedMeanwhile: another process created the account while it was
// being rebuilt.
var errCreatedMeanwhile = errors.New("the account was created by another process while it was rebuilt")

// rebuild builds a new database for an account whose database is missing
// or unusable, beside it: what can still be read of the old one (unless
// NoSalvage), then every message file that existed when reconstruct
// started and that the salvaged rows do not cover, in INBOX. No other
// process sees the new database until it is complete: the old files are
// then moved aside (kept as corvus.db.damaged-<time>) and the new one
// linked into place, so deliveries find no account only for those few
// system calls. A second pass over the live database then picks up
// what changed meanwhile. A dry run builds the new database and throws it
// away.
func (r *recon) rebuild(ctx context.Context, why string) error {
	r.rep.Rebuilt = true
	r.s.forget(r.user)
	if !r.opts.DryRun {
		if err := makeBuckets(filepath.Join(r.dir, msgDir)); err != nil {
			return err
		}
	}
	tmp, err := r.build(ctx)
	if tmp != "" {
		defer removeDatabase(tmp)
	}
	if err != nil {
		return err
	}
	if r.opts.DryRun {
		r.rep.Fixes = slices.Insert(r.rep.Fixes, 0, store.Fix{Kind: store.FixRebuilt, Detail: why + ": the database would be rebuilt"})
		return nil
	}
	kept, err := r.swap(tmp)
	detail := why + ": database rebuilt"
	if kept != "" {
		detail += "; the old one is kept as " + kept
	}
	if errors.Is(err, errCreatedMeanwhile) {
		// The new database was thrown away, and with it what the build
		// reported: the second pass adds the files to the account found.
		r.rep.Fixes, r.rep.Events = nil, nil
		detail = why + ": " + err.Error() + "; the message files are added to it, the salvaged metadata is not"
		if kept != "" {
			detail += " (the old database is kept as " + kept + ")"
		}
	} else if err != nil {
		return err
	}
	// The rebuild heads the report: every other fix is part of it.
	r.rep.Fixes = slices.Insert(r.rep.Fixes, 0, store.Fix{Kind: store.FixRebuilt, Detail: detail})
	return r.secondPass(ctx, err != nil)
}

// build makes the new database under a temporary name and fills it. It
// returns the temporary path (to be removed) even on failure.
func (r *recon) build(ctx context.Context) (string, error) {
	r.building = true
	defer func() { r.building = false }()
	r.cutoff = r.start // every file there when reconstruct started
	tmp, u, err := r.newDatabase(ctx)
	if err != nil {
		return tmp, err
	}
	defer func() { checkpointClose(u.h) }()
	r.u = u
	if !r.opts.NoSalvage {
		if err := r.salvage(ctx); err != nil {
			return tmp, err
		}
	}
	n := len(r.rep.Fixes)
	if err := r.repair(ctx); err != nil {
		return tmp, err
	}
	if r.salvageIncomplete || countKind(r.rep.Fixes[n:], store.FixAdopted) > 0 {
		return tmp, r.renewUIDValidity(ctx)
	}
	return tmp, nil
}

// renewUIDValidity gives the salvaged mailboxes new UIDVALIDITY values
// when the damaged database may have been older than the mail in the
// files (a table was unreadable, or files were found that it did not
// know): it may have forgotten UIDs it had handed out, and no client may
// take a new message for one it cached under the old value (RFC 9051
// §2.3.1.1). UIDs, flags and the rest are kept; clients resynchronise
// those mailboxes once.
func (r *recon) renewUIDValidity(ctx context.Context) error {
	return r.write(ctx, func(w *wtx) error {
		for _, name := range r.salvaged {
			m, err := w.mailboxByName(name)
			if err != nil {
				return err
			}
			uv, err := w.newUIDValidity()
			if err != nil {
				return err
			}
			if _, err := w.exec("UPDATE mailboxes SET uidvalidity = ? WHERE id = ?", uv, m.id); err != nil {
				return err
			}
			r.fix(store.Fix{Kind: store.FixUIDValidity, Mailbox: name, Detail: fmt.Sprintf(
				"UIDVALIDITY %d replaced by %d: the damaged database may have been older than the message files", m.uidvalidity, uv)})
			m.uidvalidity = uv
		}
		return nil
	})
}

// countKind counts the fixes of one kind.
func countKind(fixes []store.Fix, k store.FixKind) int {
	n := 0
	for _, f := range fixes {
		if f.Kind == k {
			n++
		}
	}
	return n
}

// secondPass repairs the database now in place: files written while it
// was being built are added (with the usual grace), and after a swap that
// lost to another creator, everything that existed before (cutoff start).
func (r *recon) secondPass(ctx context.Context, lost bool) error {
	r.cutoff = r.start.Add(-r.grace())
	if lost {
		r.cutoff = r.start
	}
	acct, err := r.s.account(ctx, r.user, false)
	if err != nil {
		return err
	}
	defer acct.Close()
	r.u = acct.(*account).u
	return r.repair(ctx)
}

// newDatabase creates the new database under a temporary name in the
// user's directory (the same file system, for the final link) with the
// schema and a fresh account row: modseqs start at the clock in
// microseconds, above any count of changes the lost database can have
// reached, so that no modseq is handed out twice (RFC 7162 §3.1.1);
// UIDVALIDITY starts uidValidityMargin ahead of the clock.
func (r *recon) newDatabase(ctx context.Context) (string, *userDB, error) {
	tmp := filepath.Join(r.dir, dbName+".rebuild-"+newFileID()[:8])
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, filePerm)
	if err != nil {
		return "", nil, fmt.Errorf("create %s: %w", tmp, err)
	}
	f.Close()
	h, err := openHandle(ctx, tmp, true, r.s.opts.BusyTimeout, 1)
	if err != nil {
		return tmp, nil, err
	}
	u := &userDB{s: r.s, user: r.user, dir: r.dir, h: h}
	modseq := r.start.UnixMicro()
	uv := r.start.Add(uidValidityMargin).Unix() - 1
	err = h.write(ctx, func(t *tx) error {
		if err := migrate(t, userSchema, schemaVersion, userUpgrades); err != nil {
			return err
		}
		_, err := t.exec(`INSERT INTO account (id, user, modseq, uidvalidity, messages, size,
			quota_storage, quota_messages, events_pruned) VALUES (1, ?, ?, ?, 0, 0, -1, -1, ?)`,
			r.user, modseq, uv, modseq)
		return err
	})
	if err != nil {
		h.close()
		return tmp, nil, fmt.Errorf("create %s: %w", tmp, err)
	}
	return tmp, u, nil
}

// swap moves the old database files aside and links the new one into
// place. It returns the name the old database was kept under.
func (r *recon) swap(tmp string) (string, error) {
	kept, err := r.moveAside()
	if err != nil {
		return kept, err
	}
	return kept, r.linkInto(tmp)
}

// moveAside renames the database and its WAL and shared memory, if there,
// to corvus.db.damaged-<time>: a stale WAL left at the path would be
// applied to the new database.
func (r *recon) moveAside() (string, error) {
	db := filepath.Join(r.dir, dbName)
	kept := fmt.Sprintf("%s.damaged-%d", dbName, r.start.Unix())
	moved := ""
	for _, ext := range []string{"", "-wal", "-shm"} {
		err := os.Rename(db+ext, filepath.Join(r.dir, kept+ext))
		if err == nil && ext == "" {
			moved = kept
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return moved, fmt.Errorf("move the old database aside: %w", err)
		}
	}
	return moved, nil
}

// linkInto links the new database to the account's path, never over a
// database another process created meanwhile.
func (r *recon) linkInto(tmp string) error {
	if err := os.Link(tmp, filepath.Join(r.dir, dbName)); errors.Is(err, fs.ErrExist) {
		return errCreatedMeanwhile
	} else if err != nil {
		return fmt.Errorf("put the new database in place: %w", err)
	}
	return syncDir(r.dir)
}

// checkpointClose copies the new database's WAL into it and closes it,
// so that the file linked into place is complete on its own.
func checkpointClose(h *handle) {
	if c, err := h.acquireWriter(context.Background()); err == nil {
		c.exec(context.Background(), "PRAGMA wal_checkpoint(TRUNCATE)")
		h.releaseWriter(c)
	}
	h.close()
}

// removeDatabase removes a database file and its WAL and shared memory.
func removeDatabase(path string) {
	for _, ext := range []string{"", "-wal", "-shm"} {
		os.Remove(path + ext)
	}
}

// grace is the Grace option resolved.
func (r *recon) grace() time.Duration {
	switch {
	case r.opts.Grace < 0:
		return 0
	case r.opts.Grace == 0:
		return store.DefaultSweepGrace
	}
	return r.opts.Grace
}
