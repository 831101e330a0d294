package sqlite

import (
	"context"
	"crypto/sha1"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/corvusmail/corvus/internal/store"
)

// storedContent is a contents row as Verify checks it.
type storedContent struct {
	contentFile
	guid string
	size int64
}

// corruptFile is a file whose bytes no longer match its contents row.
type corruptFile struct {
	storedContent
	newGUID string
	newSize int64
}

// verify re-hashes the files of the messages checked and compares them
// with their GUIDs (reconstruct -G, as Cyrus re-parses and checks GUIDs).
// Files are read outside any transaction; what to do with a mismatch is
// RenumberCorrupt's or RemoveCorrupt's, else it is reported only.
func (r *recon) verify(ctx context.Context) error {
	if !r.opts.Verify {
		return nil
	}
	list, err := r.scopedContents(ctx)
	if err != nil {
		return err
	}
	var bad []corruptFile
	for _, c := range list {
		guid, size, err := hashFile(r.u.path(c.file))
		if errors.Is(err, fs.ErrNotExist) {
			continue // fixMissing's
		} else if err != nil {
			return err
		}
		if guid != c.guid || size != c.size {
			bad = append(bad, corruptFile{storedContent: c, newGUID: guid, newSize: size})
		}
	}
	for _, b := range bad {
		if err := r.write(ctx, func(w *wtx) error { return r.repairCorrupt(w, b) }); err != nil {
			return err
		}
	}
	return nil
}

// scopedContents lists the contents rows the checked mailboxes use.
func (r *recon) scopedContents(ctx context.Context) ([]storedContent, error) {
	var out []storedContent
	err := r.u.read(ctx, func(t *tx) error {
		rows, err := t.query(`SELECT DISTINCT c.id, c.file, c.guid, c.size, b.name FROM contents c
			JOIN messages m ON m.content = c.id JOIN mailboxes b ON b.id = m.mailbox ORDER BY c.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c storedContent
			var name string
			if err := rows.Scan(&c.id, &c.file, &c.guid, &c.size, &name); err != nil {
				return err
			}
			if r.inScope(name) && (len(out) == 0 || out[len(out)-1].id != c.id) {
				out = append(out, c)
			}
		}
		return rows.Err()
	})
	return out, err
}

// hashFile returns a file's SHA-1 (its GUID) and size.
func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha1.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, fmt.Errorf("read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// repairCorrupt reports, renumbers or removes the messages of one corrupt
// file, after checking under the lock that its row is as it was read.
func (r *recon) repairCorrupt(w *wtx, b corruptFile) error {
	var guid string
	err := w.row("SELECT guid FROM contents WHERE id = ?", []any{b.id}, &guid)
	if errors.Is(err, sql.ErrNoRows) || err == nil && guid != b.guid {
		return nil // expunged or changed meanwhile
	} else if err != nil {
		return err
	}
	rows, err := lostRows(w, "SELECT "+lostCols+" FROM messages m WHERE m.content = ? ORDER BY m.mailbox, m.uid", b.id)
	if err != nil {
		return err
	}
	if r.opts.RenumberCorrupt {
		return r.renumber(w, b, rows)
	}
	for _, l := range rows {
		m, err := w.mailbox(l.mailbox)
		if errors.Is(err, store.ErrNoMailbox) {
			continue // a lost row: fixLostRows's
		} else if err != nil {
			return err
		}
		if !r.inScope(m.name) {
			continue
		}
		f := store.Fix{Kind: store.FixCorrupt, Mailbox: m.name, UID: l.uid, File: fileRel(b.file),
			Detail: fmt.Sprintf("the file (%d bytes) does not match its GUID (%d bytes recorded): left as it is", b.newSize, b.size)}
		if r.opts.RemoveCorrupt {
			f.Kind, f.Detail = store.FixRemoved, "the file does not match its GUID: message removed"
			if err := w.removeMessages(m, []oldRow{{uid: l.uid, bits: l.bits, size: l.size, content: l.content}}); err != nil {
				return err
			}
		}
		r.fix(f)
	}
	return nil
}

// renumber gives every message of a corrupt file a new UID, with the
// GUID, size and description of the file as it is now: the content of a
// UID never changes (RFC 9051 §2.3.1.1), so clients must see a new one.
func (r *recon) renumber(w *wtx, b corruptFile, rows []lostRow) error {
	if err := r.redescribe(w, b); err != nil {
		return err
	}
	for _, l := range rows {
		m, err := w.mailbox(l.mailbox)
		if errors.Is(err, store.ErrNoMailbox) {
			continue
		} else if err != nil {
			return err
		}
		if err := w.expungeRow(m, l.uid, l.bits, l.size); err != nil {
			return err
		}
		uid, err := w.addMessage(m, newRow{content: b.id, size: b.newSize, bits: l.bits, keywords: l.keywords, internal: l.internal})
		if err != nil {
			return err
		}
		r.fix(store.Fix{Kind: store.FixRenumbered, Mailbox: m.name, UID: uid, File: fileRel(b.file),
			Detail: fmt.Sprintf("the file does not match its GUID: was UID %d", l.uid)})
	}
	return nil
}

// redescribe rewrites a contents row for the file as it is now.
func (r *recon) redescribe(w *wtx, b corruptFile) error {
	if _, err := w.exec("UPDATE contents SET guid = ?, size = ? WHERE id = ?", b.newGUID, b.newSize, b.id); err != nil {
		return err
	}
	if r.opts.Describe == nil {
		return nil
	}
	raw, err := os.ReadFile(w.u.path(b.file))
	if err != nil {
		return err
	}
	msg := r.opts.Describe(raw, w.now)
	summary, err := json.Marshal(&msg.Summary)
	if err != nil {
		return err
	}
	_, err = w.exec("UPDATE contents SET summary = ?, structure = ? WHERE id = ?", summary, msg.Structure, b.id)
	return err
}
