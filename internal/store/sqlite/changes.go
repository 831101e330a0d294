package sqlite

import (
	"context"
	"fmt"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// Changes implements store.Mailbox: two indexed range reads (by modseq).
func (mb *mailbox) Changes(ctx context.Context, since uint64) (store.Changes, error) {
	var c store.Changes
	err := mb.u.read(ctx, func(t *tx) error {
		m, err := loadMailbox(t, mb.id)
		if err != nil {
			return err
		}
		c.HighestModSeq = m.highestmodseq
		rows, err := t.query(`SELECT uid, modseq, flags, keywords FROM messages
			WHERE mailbox = ? AND modseq > ? ORDER BY uid`, mb.id, since)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			mf, err := scanFlags(rows)
			if err != nil {
				return err
			}
			c.Messages = append(c.Messages, mf)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		c.Expunged, err = expungedSince(t, mb.id, since)
		return err
	})
	return c, mb.wrap("changes", err)
}

// ExpungedSince implements store.Mailbox.
func (mb *mailbox) ExpungedSince(ctx context.Context, since uint64) ([]imap.UID, error) {
	var out []imap.UID
	err := mb.u.read(ctx, func(t *tx) error {
		if _, err := loadMailbox(t, mb.id); err != nil {
			return err
		}
		var err error
		out, err = expungedSince(t, mb.id, since)
		return err
	})
	return out, mb.wrap("expunged since", err)
}

func expungedSince(t *tx, mailbox int64, since uint64) ([]imap.UID, error) {
	rows, err := t.query("SELECT uid FROM expunged WHERE mailbox = ? AND modseq > ? ORDER BY uid", mailbox, since)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []imap.UID
	for rows.Next() {
		var uid uint32
		if err := rows.Scan(&uid); err != nil {
			return nil, err
		}
		out = append(out, imap.UID(uid))
	}
	return out, rows.Err()
}

// HighestModSeq implements store.Account.
func (a *account) HighestModSeq(ctx context.Context) (uint64, error) {
	var hm uint64
	err := a.u.read(ctx, func(t *tx) error {
		return t.row("SELECT modseq FROM account", nil, &hm)
	})
	return hm, err
}

// Changes implements store.Account.
func (a *account) Changes(ctx context.Context, since uint64) ([]store.Event, error) {
	var out []store.Event
	err := a.u.read(ctx, func(t *tx) error {
		var pruned uint64
		if err := t.row("SELECT events_pruned FROM account", nil, &pruned); err != nil {
			return err
		}
		if since < pruned {
			return fmt.Errorf("since %d, pruned to %d: %w", since, pruned, store.ErrChangesPruned)
		}
		rows, err := t.query("SELECT modseq, mailbox, kind, name FROM events WHERE modseq > ? ORDER BY modseq", since)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e := store.Event{User: a.u.user}
			var kind int
			if err := rows.Scan(&e.ModSeq, &e.MailboxID, &kind, &e.Name); err != nil {
				return err
			}
			e.Kind = store.EventKind(kind)
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("changes of %q: %w", a.u.user, err)
	}
	return out, nil
}
