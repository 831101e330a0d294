package sqlite

import (
	"context"
	"database/sql"
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
	err := a.u.readOne(ctx, func(t *tx) error {
		return t.row("SELECT modseq FROM account", nil, &hm)
	})
	return hm, err
}

// Changes implements store.Account. One statement, so one snapshot
// without BEGIN (readOne): the account row joined with the events after
// since, a single row of NULL events when there are none.
func (a *account) Changes(ctx context.Context, since uint64) ([]store.Event, error) {
	var out []store.Event
	err := a.u.readOne(ctx, func(t *tx) error {
		rows, err := t.query(`SELECT account.events_pruned, events.modseq, events.mailbox, events.kind, events.name
			FROM account LEFT JOIN events ON events.modseq > ? ORDER BY events.modseq`, since)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var pruned uint64
			var modseq, kind sql.NullInt64
			var mailbox, name sql.NullString
			if err := rows.Scan(&pruned, &modseq, &mailbox, &kind, &name); err != nil {
				return err
			}
			if since < pruned {
				return fmt.Errorf("since %d, pruned to %d: %w", since, pruned, store.ErrChangesPruned)
			}
			if modseq.Valid {
				out = append(out, store.Event{User: a.u.user, ModSeq: uint64(modseq.Int64),
					MailboxID: mailbox.String, Kind: store.EventKind(kind.Int64), Name: name.String})
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("changes of %q: %w", a.u.user, err)
	}
	return out, nil
}
