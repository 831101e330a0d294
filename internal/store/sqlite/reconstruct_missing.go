package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"maps"
	"os"
	"slices"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// batch bounds the work of one write transaction of reconstruct, so that
// a live system's appends and deliveries wait for it briefly at most.
const batch = 256

// contentFile is one contents row: its id and file.
type contentFile struct {
	id   int64
	file string
}

// contentFiles lists every contents row, from one snapshot.
func (r *recon) contentFiles(ctx context.Context) ([]contentFile, error) {
	var out []contentFile
	err := r.u.read(ctx, func(t *tx) error {
		rows, err := t.query("SELECT id, file FROM contents ORDER BY id")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c contentFile
			if err := rows.Scan(&c.id, &c.file); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// fixMissing removes the messages whose file is gone: there is nothing
// left to serve for them, and a FETCH of one would fail forever. The
// files are looked at outside any transaction; a file never comes back
// once gone, so the rows are removed later without looking again.
func (r *recon) fixMissing(ctx context.Context) error {
	if r.opts.SkipStat {
		return nil
	}
	all, err := r.contentFiles(ctx)
	if err != nil {
		return err
	}
	var gone []contentFile
	for _, c := range all {
		if _, err := os.Lstat(r.u.path(c.file)); errors.Is(err, fs.ErrNotExist) {
			gone = append(gone, c)
		}
	}
	for len(gone) > 0 {
		n := min(batch, len(gone))
		if err := r.write(ctx, func(w *wtx) error { return r.removeMissing(w, gone[:n]) }); err != nil {
			return err
		}
		gone = gone[n:]
	}
	return nil
}

// removeMissing removes the in-scope messages of contents whose file is
// gone, with tombstones as an EXPUNGE leaves, and the contents rows no
// message refers to any more.
func (r *recon) removeMissing(w *wtx, gone []contentFile) error {
	for _, c := range gone {
		var one int
		err := w.row("SELECT 1 FROM contents WHERE id = ?", []any{c.id}, &one)
		if errors.Is(err, sql.ErrNoRows) {
			continue // expunged meanwhile
		} else if err != nil {
			return err
		}
		byBox, err := rowsOfContent(w, c.id)
		if err != nil {
			return err
		}
		for _, box := range slices.Sorted(maps.Keys(byBox)) {
			rows := byBox[box]
			m, err := w.mailbox(box)
			if errors.Is(err, store.ErrNoMailbox) || err == nil && !r.inScope(m.name) {
				continue // a lost row (fixLostRows) or not asked for
			} else if err != nil {
				return err
			}
			for _, o := range rows {
				r.fix(store.Fix{Kind: store.FixMissing, Mailbox: m.name, UID: o.uid, File: fileRel(c.file),
					Detail: "the message file is missing: message removed"})
			}
			if err := w.removeMessages(m, rows); err != nil {
				return err
			}
		}
		if len(byBox) == 0 {
			if err := w.releaseContents([]int64{c.id}); err != nil {
				return err
			}
		}
	}
	return nil
}

// rowsOfContent reads the message rows referring to a contents row, by
// mailbox.
func rowsOfContent(w *wtx, content int64) (map[int64][]oldRow, error) {
	rows, err := w.query("SELECT mailbox, uid, flags, size, content FROM messages WHERE content = ? ORDER BY mailbox, uid", content)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64][]oldRow)
	for rows.Next() {
		var box int64
		var o oldRow
		if err := rows.Scan(&box, &o.uid, &o.bits, &o.size, &o.content); err != nil {
			return nil, err
		}
		out[box] = append(out[box], o)
	}
	return out, rows.Err()
}

// expungeRow removes one message row as EXPUNGE would (a tombstone with a
// new modseq, the counters, an event) but leaves its contents row alone:
// for rows whose content is broken or is about to be reused.
func (w *wtx) expungeRow(m *mboxRow, uid imap.UID, bits, size int64) error {
	if _, err := w.exec("DELETE FROM messages WHERE mailbox = ? AND uid = ?", m.id, uint32(uid)); err != nil {
		return err
	}
	modseq := w.nextModSeq()
	if _, err := w.exec("INSERT OR REPLACE INTO expunged (mailbox, uid, modseq) VALUES (?, ?, ?)", m.id, uint32(uid), modseq); err != nil {
		return err
	}
	m.highestmodseq = modseq
	w.count(m, -1, bits, size)
	w.record(m, store.EventExpunge, modseq)
	return nil
}
