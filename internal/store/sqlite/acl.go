package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// imapIdentifier is the ACL identifier of a user.
func imapIdentifier(user string) imap.RightsIdentifier { return imap.RightsIdentifier(user) }

// canonicalACL validates a caller-supplied ACL; nil stays nil.
func canonicalACL(acl store.ACL) (store.ACL, error) {
	if acl == nil {
		return nil, nil
	}
	out := make(store.ACL, len(acl))
	for id, r := range acl {
		if err := store.CheckIdentifier(id); err != nil {
			return nil, err
		}
		r, err := store.CanonicalRights(r)
		if err != nil {
			return nil, err
		}
		if len(r) > 0 {
			out[id] = r
		}
	}
	return out, nil
}

// mailboxACL reads one mailbox's ACL.
func mailboxACL(t *tx, mailbox int64) (store.ACL, error) {
	rows, err := t.query("SELECT identifier, rights FROM acl WHERE mailbox = ?", mailbox)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	acl := store.ACL{}
	for rows.Next() {
		var id, r string
		if err := rows.Scan(&id, &r); err != nil {
			return nil, err
		}
		acl[imap.RightsIdentifier(id)] = imap.RightSet(r)
	}
	return acl, rows.Err()
}

// ACL implements store.Mailbox. One statement, so one snapshot without
// BEGIN (readOne): the mailbox's row joined with its entries; no row
// means the mailbox is gone, a row of NULLs that it has no entries.
func (mb *mailbox) ACL(ctx context.Context) (store.ACL, error) {
	var acl store.ACL
	err := mb.u.readOne(ctx, func(t *tx) error {
		rows, err := t.query(`SELECT acl.identifier, acl.rights FROM mailboxes
			LEFT JOIN acl ON acl.mailbox = mailboxes.id WHERE mailboxes.id = ?`, mb.id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, r sql.NullString
			if err := rows.Scan(&id, &r); err != nil {
				return err
			}
			if acl == nil {
				acl = store.ACL{}
			}
			if id.Valid {
				acl[imap.RightsIdentifier(id.String)] = imap.RightSet(r.String)
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if acl == nil {
			return fmt.Errorf("mailbox %v: %w", mb.id, store.ErrNoMailbox)
		}
		return nil
	})
	return acl, mb.wrap("acl", err)
}

// SetRights implements store.Mailbox.
func (mb *mailbox) SetRights(ctx context.Context, id imap.RightsIdentifier, mod imap.RightModification, rights imap.RightSet) (imap.RightSet, error) {
	if err := store.CheckIdentifier(id); err != nil {
		return nil, err
	}
	var out imap.RightSet
	err := mb.u.write(ctx, func(w *wtx) error {
		m, err := w.mailbox(mb.id)
		if err != nil {
			return err
		}
		var cur string
		err = w.row("SELECT rights FROM acl WHERE mailbox = ? AND identifier = ?", []any{m.id, string(id)}, &cur)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if out, err = store.ModifyRights(imap.RightSet(cur), mod, rights); err != nil {
			return err
		}
		if len(out) == 0 {
			_, err = w.exec("DELETE FROM acl WHERE mailbox = ? AND identifier = ?", m.id, string(id))
		} else {
			_, err = w.exec(`INSERT INTO acl (mailbox, identifier, rights) VALUES (?, ?, ?)
				ON CONFLICT (mailbox, identifier) DO UPDATE SET rights = excluded.rights`, m.id, string(id), string(out))
		}
		if err != nil {
			return err
		}
		w.record(m, store.EventMailboxUpdate, w.nextModSeq())
		return nil
	})
	return out, mb.wrap("set rights", err)
}

// SetSpecialUse implements store.Mailbox.
func (mb *mailbox) SetSpecialUse(ctx context.Context, attrs []imap.MailboxAttr) error {
	attrs, err := store.CanonicalSpecialUse(attrs)
	if err != nil {
		return err
	}
	err = mb.u.write(ctx, func(w *wtx) error {
		m, err := w.mailbox(mb.id)
		if err != nil {
			return err
		}
		m.specialuse = formatSpecialUse(attrs)
		w.record(m, store.EventMailboxUpdate, w.nextModSeq())
		return nil
	})
	return mb.wrap("set special-use", err)
}
