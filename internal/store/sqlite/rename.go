package sqlite

import (
	"context"
	"errors"
	"fmt"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// RenameMailbox implements store.Account.
func (a *account) RenameMailbox(ctx context.Context, oldName, newName string) error {
	from, err := store.CanonicalMailbox(oldName)
	if err != nil {
		return err
	}
	to, err := store.CanonicalMailbox(newName)
	if err != nil {
		return err
	}
	// INBOX is the exception: its messages move, INBOX stays, so
	// "RENAME INBOX INBOX/old" is well-defined (RFC 3501 §6.3.5).
	if from != store.Inbox && store.IsInferior(to, from) {
		return fmt.Errorf("rename %q to %q: into its own subtree: %w", from, to, store.ErrNotAllowed)
	}
	err = a.u.write(ctx, func(w *wtx) error {
		if err := w.mustNotExist(to); err != nil {
			return err
		}
		if from == store.Inbox {
			return w.renameInbox(to)
		}
		return w.renameTree(from, to)
	})
	if err != nil {
		return fmt.Errorf("rename %q to %q: %w", from, to, err)
	}
	return nil
}

func (w *wtx) mustNotExist(name string) error {
	_, err := w.mailboxByName(name)
	if err == nil {
		return fmt.Errorf("%q: %w", name, store.ErrMailboxExists)
	}
	if errors.Is(err, store.ErrNoMailbox) {
		return nil
	}
	return err
}

// renameTree renames a mailbox and all its inferiors, keeping their ids,
// UIDVALIDITY and messages; subscriptions follow.
func (w *wtx) renameTree(from, to string) error {
	m, err := w.mailboxByName(from)
	if err != nil {
		return err
	}
	children, err := w.inferiors(from)
	if err != nil {
		return err
	}
	for _, c := range children {
		if err := w.mustNotExist(to + c.name[len(from):]); err != nil {
			return err
		}
	}
	for _, c := range append([]*mboxRow{m}, children...) {
		c.name = to + c.name[len(from):]
		w.record(c, store.EventMailboxRename, w.nextModSeq())
	}
	return w.renameSubscriptions(from, to)
}

// inferiors loads the mailboxes below name.
func (w *wtx) inferiors(name string) ([]*mboxRow, error) {
	prefix := name + string(store.Separator)
	rows, err := w.query("SELECT id FROM mailboxes WHERE substr(name, 1, ?) = ? ORDER BY name", len(prefix), prefix)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]*mboxRow, len(ids))
	for i, id := range ids {
		if out[i], err = w.mailbox(id); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// renameSubscriptions moves subscriptions of from and its inferiors, as
// Cyrus does on RENAME.
func (w *wtx) renameSubscriptions(from, to string) error {
	prefix := from + string(store.Separator)
	rows, err := w.query("SELECT name FROM subscriptions WHERE name = ? OR substr(name, 1, ?) = ?", from, len(prefix), prefix)
	if err != nil {
		return err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, n := range names {
		if _, err := w.exec("DELETE FROM subscriptions WHERE name = ?", n); err != nil {
			return err
		}
		if _, err := w.exec("INSERT OR IGNORE INTO subscriptions (name) VALUES (?)", to+n[len(from):]); err != nil {
			return err
		}
	}
	return nil
}

// renameInbox is RFC 3501 §6.3.5's special case: all messages of INBOX
// move to a new mailbox of the new name (new UIDs there, GUIDs and flags
// kept), INBOX stays, empty, with its UIDVALIDITY and UIDNEXT, and its
// inferiors are unaffected.
func (w *wtx) renameInbox(to string) error {
	inbox, err := w.mailboxByName(store.Inbox)
	if err != nil {
		return err
	}
	acl, err := mailboxACL(w.tx, inbox.id)
	if err != nil {
		return err
	}
	dst, err := w.createMailbox(to, nil, acl)
	if err != nil {
		return err
	}
	all := imap.UIDSet{{Start: 1, Stop: 0}}
	_, err = w.transfer(inbox, dst, all, true, store.QuotaIgnore)
	return err
}
