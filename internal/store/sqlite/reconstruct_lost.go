package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// fixLostRows deals with rows the schema forbids but a damaged database
// (or one edited by hand with foreign keys off) can hold: messages
// without their contents row are removed, messages of a mailbox that is
// gone are moved to INBOX, contents rows no message uses are given a
// message in INBOX. Lost mail goes to INBOX, so this runs only when INBOX
// is among the mailboxes checked.
func (r *recon) fixLostRows(ctx context.Context) error {
	if !r.inScope(store.Inbox) {
		return nil
	}
	return r.write(ctx, func(w *wtx) error {
		if err := r.dropBrokenRows(w); err != nil {
			return err
		}
		if err := r.moveHomeless(w); err != nil {
			return err
		}
		return r.adoptUnused(w)
	})
}

// lostRow is a message row read whole.
type lostRow struct {
	mailbox  int64
	uid      imap.UID
	bits     int64
	keywords string
	internal time.Time
	size     int64
	content  int64
}

const lostCols = "m.mailbox, m.uid, m.flags, m.keywords, m.internaldate, m.internalzone, m.size, m.content"

// lostRows reads the message rows a query selects (columns lostCols).
func lostRows(w *wtx, q string, args ...any) ([]lostRow, error) {
	rows, err := w.query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []lostRow
	for rows.Next() {
		var l lostRow
		var date int64
		var zone int
		if err := rows.Scan(&l.mailbox, &l.uid, &l.bits, &l.keywords, &date, &zone, &l.size, &l.content); err != nil {
			return nil, err
		}
		l.internal = time.Unix(date, 0).In(time.FixedZone("", zone))
		out = append(out, l)
	}
	return out, rows.Err()
}

// dropBrokenRows removes messages whose contents row is gone: nothing is
// known of their bytes, not even which file held them.
func (r *recon) dropBrokenRows(w *wtx) error {
	broken, err := lostRows(w, "SELECT "+lostCols+` FROM messages m
		WHERE NOT EXISTS (SELECT 1 FROM contents c WHERE c.id = m.content)`)
	if err != nil {
		return err
	}
	for _, l := range broken {
		m, err := w.mailbox(l.mailbox)
		if errors.Is(err, store.ErrNoMailbox) {
			if _, err := w.exec("DELETE FROM messages WHERE mailbox = ? AND uid = ?", l.mailbox, uint32(l.uid)); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		r.fix(store.Fix{Kind: store.FixBroken, Mailbox: m.name, UID: l.uid,
			Detail: "the message's content record is gone: message removed"})
		if err := w.expungeRow(m, l.uid, l.bits, l.size); err != nil {
			return err
		}
	}
	return nil
}

// moveHomeless moves the messages of mailboxes that no longer exist to
// INBOX, keeping their flags and internal date, under new UIDs.
func (r *recon) moveHomeless(w *wtx) error {
	homeless, err := lostRows(w, "SELECT "+lostCols+` FROM messages m
		WHERE NOT EXISTS (SELECT 1 FROM mailboxes b WHERE b.id = m.mailbox) ORDER BY m.mailbox, m.uid`)
	if err != nil || len(homeless) == 0 {
		return err
	}
	inbox, err := w.mailboxByName(store.Inbox)
	if err != nil {
		return err
	}
	for _, l := range homeless {
		if _, err := w.exec("DELETE FROM messages WHERE mailbox = ? AND uid = ?", l.mailbox, uint32(l.uid)); err != nil {
			return err
		}
		uid, err := w.addMessage(inbox, newRow{content: l.content, size: l.size, bits: l.bits, keywords: l.keywords, internal: l.internal})
		if err != nil {
			return err
		}
		r.fix(store.Fix{Kind: store.FixMoved, Mailbox: store.Inbox, UID: uid,
			Detail: fmt.Sprintf("was UID %d of a mailbox that no longer exists (row %d)", l.uid, l.mailbox)})
	}
	for _, t := range []string{"expunged", "acl", "annotations"} {
		if _, err := w.exec("DELETE FROM " + t + " WHERE mailbox NOT IN (SELECT id FROM mailboxes)"); err != nil {
			return err
		}
	}
	return nil
}

// adoptUnused gives every contents row that no message uses a message in
// INBOX: its file is mail that nothing shows. A row whose file is gone
// too is dropped.
func (r *recon) adoptUnused(w *wtx) error {
	rows, err := w.query(`SELECT c.id, c.file, c.size FROM contents c
		WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.content = c.id) ORDER BY c.id`)
	if err != nil {
		return err
	}
	type unused struct {
		id   int64
		file string
		size int64
	}
	var list []unused
	for rows.Next() {
		var u unused
		if err := rows.Scan(&u.id, &u.file, &u.size); err != nil {
			rows.Close()
			return err
		}
		list = append(list, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(list) == 0 {
		return err
	}
	inbox, err := w.mailboxByName(store.Inbox)
	if err != nil {
		return err
	}
	for _, u := range list {
		fi, err := os.Stat(w.u.path(u.file))
		if errors.Is(err, fs.ErrNotExist) {
			if _, err := w.exec("DELETE FROM contents WHERE id = ?", u.id); err != nil {
				return err
			}
			continue
		} else if err != nil {
			return err
		}
		uid, err := w.addMessage(inbox, newRow{content: u.id, size: u.size, internal: internalDate(fi.ModTime(), w.now)})
		if err != nil {
			return err
		}
		r.fix(store.Fix{Kind: store.FixAdopted, Mailbox: store.Inbox, UID: uid, File: fileRel(u.file),
			Detail: "its content record had no message"})
	}
	return nil
}
