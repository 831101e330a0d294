package sqlite

import (
	"context"
	"fmt"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// mailbox is a store.Mailbox handle: the mailbox's row id, which survives
// renames and is never reused.
type mailbox struct {
	u        *userDB
	id       int64
	objectid string
}

var _ store.Mailbox = (*mailbox)(nil)

// ID implements store.Mailbox.
func (mb *mailbox) ID() string { return mb.objectid }

func (mb *mailbox) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s in mailbox %s of %q: %w", op, mb.objectid, mb.u.user, err)
}

// Status implements store.Mailbox.
func (mb *mailbox) Status(ctx context.Context) (store.Status, error) {
	var st store.Status
	err := mb.u.read(ctx, func(t *tx) error {
		m, err := loadMailbox(t, mb.id)
		if err != nil {
			return err
		}
		n, err := recentCount(t, m)
		st = m.status(n)
		return err
	})
	return st, mb.wrap("status", err)
}

// HighestModSeq implements store.Mailbox: a single indexed read.
func (mb *mailbox) HighestModSeq(ctx context.Context) (uint64, error) {
	var hm uint64
	err := mb.u.readOne(ctx, func(t *tx) error {
		err := t.row("SELECT highestmodseq FROM mailboxes WHERE id = ?", []any{mb.id}, &hm)
		return noMailbox(err)
	})
	return hm, mb.wrap("highestmodseq", err)
}

// View implements store.Mailbox: status, all messages' flags and the
// keywords, from one snapshot, in three queries.
func (mb *mailbox) View(ctx context.Context) (store.View, error) {
	var v store.View
	err := mb.u.read(ctx, func(t *tx) error {
		m, err := loadMailbox(t, mb.id)
		if err != nil {
			return err
		}
		v.Messages = make([]store.MessageFlags, 0, m.messages)
		rows, err := t.query("SELECT uid, modseq, flags, keywords FROM messages WHERE mailbox = ? ORDER BY uid", mb.id)
		if err != nil {
			return err
		}
		defer rows.Close()
		var recent int64
		for rows.Next() {
			mf, err := scanFlags(rows)
			if err != nil {
				return err
			}
			if int64(mf.UID) > m.recentuid {
				recent++
			}
			v.Messages = append(v.Messages, mf)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		v.Status = m.status(recent)
		v.Keywords, err = accountKeywords(t)
		return err
	})
	return v, mb.wrap("view", err)
}

// scanFlags scans uid, modseq, flags, keywords.
func scanFlags(rows interface{ Scan(...any) error }) (store.MessageFlags, error) {
	var uid uint32
	var modseq uint64
	var bits int64
	var kw string
	if err := rows.Scan(&uid, &modseq, &bits, &kw); err != nil {
		return store.MessageFlags{}, err
	}
	return store.MessageFlags{UID: imap.UID(uid), ModSeq: modseq, Flags: flagList(bits, kw)}, nil
}

// ClaimRecent implements store.Mailbox. It changes no modseq: \Recent is
// session state, not message metadata.
func (mb *mailbox) ClaimRecent(ctx context.Context) (imap.UID, error) {
	// Most calls find nothing to claim: nothing arrived, or another
	// session of the user (woken by the same delivery) took it first. A
	// read answers those without a write transaction and its fsync.
	var mark, next int64
	err := mb.u.read(ctx, func(t *tx) error {
		m, err := loadMailbox(t, mb.id)
		if err == nil {
			mark, next = m.recentuid, m.uidnext
		}
		return err
	})
	if err != nil {
		return 0, mb.wrap("claim recent", err)
	}
	if mark >= next-1 {
		return imap.UID(mark), nil
	}
	var old int64
	err = mb.u.write(ctx, func(w *wtx) error {
		m, err := w.mailbox(mb.id)
		if err != nil {
			return err
		}
		old = m.recentuid
		m.recentuid = m.uidnext - 1
		return nil
	})
	return imap.UID(old), mb.wrap("claim recent", err)
}
