package sqlite

import (
	"context"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// Expunge implements store.Mailbox. Message files are unlinked only after
// the transaction has committed, and only those no other message (a COPY)
// still refers to.
func (mb *mailbox) Expunge(ctx context.Context, uids *imap.UIDSet) ([]imap.UID, error) {
	var out []imap.UID
	err := mb.u.write(ctx, func(w *wtx) error {
		out = nil
		m, err := w.mailbox(mb.id)
		if err != nil {
			return err
		}
		set := imap.UIDSet{{Start: 1, Stop: 0}}
		if uids != nil {
			set = *uids
		}
		rows, err := w.selectRows(m, set, true)
		if err != nil {
			return err
		}
		for _, r := range rows {
			out = append(out, r.uid)
		}
		return w.removeMessages(m, rows)
	})
	if err != nil {
		return nil, mb.wrap("expunge", err)
	}
	return out, nil
}

// selectRows reads the rows of m in set (only \Deleted ones with
// onlyDeleted), ascending.
func (w *wtx) selectRows(m *mboxRow, set imap.UIDSet, onlyDeleted bool) ([]oldRow, error) {
	ranges, err := resolveUIDs(w.tx, m.id, set)
	if err != nil {
		return nil, err
	}
	q := "SELECT uid, flags, size, content FROM messages WHERE mailbox = ? AND uid BETWEEN ? AND ? ORDER BY uid"
	var rows []oldRow
	err = forRanges(w.tx, q, nil, m.id, ranges, func(r rowScanner) error {
		var o oldRow
		if err := r.Scan(&o.uid, &o.bits, &o.size, &o.content); err != nil {
			return err
		}
		if store.InRanges(ranges, o.uid) && (!onlyDeleted || o.bits&flagDeleted != 0) {
			rows = append(rows, o)
		}
		return nil
	})
	return rows, err
}
