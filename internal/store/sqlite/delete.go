package sqlite

import (
	"context"
	"fmt"

	"github.com/corvusmail/corvus/internal/store"
)

// DeleteMailbox implements store.Account.
func (a *account) DeleteMailbox(ctx context.Context, name string) error {
	name, err := store.CanonicalMailbox(name)
	if err != nil {
		return err
	}
	if name == store.Inbox {
		// RFC 9051 §6.3.5: it is an error to delete INBOX. Removing a
		// user is Store.DeleteUser.
		return fmt.Errorf("delete mailbox %q: %w", name, store.ErrNotAllowed)
	}
	err = a.u.write(ctx, func(w *wtx) error {
		m, err := w.mailboxByName(name)
		if err != nil {
			return err
		}
		return w.deleteMailbox(m)
	})
	if err != nil {
		return fmt.Errorf("delete mailbox %q: %w", name, err)
	}
	return nil
}

// deleteMailbox removes a mailbox with its messages, tombstones, ACL and
// metadata. Its UIDs die with its UIDVALIDITY, so no tombstones are kept.
func (w *wtx) deleteMailbox(m *mboxRow) error {
	var n, size int64
	if err := w.row("SELECT count(*), coalesce(sum(size), 0) FROM messages WHERE mailbox = ?",
		[]any{m.id}, &n, &size); err != nil {
		return err
	}
	contents, err := w.contentsOf(m.id)
	if err != nil {
		return err
	}
	for _, q := range []string{
		"DELETE FROM messages WHERE mailbox = ?",
		"DELETE FROM expunged WHERE mailbox = ?",
		"DELETE FROM acl WHERE mailbox = ?",
		"DELETE FROM annotations WHERE mailbox = ?",
		"DELETE FROM mailboxes WHERE id = ?",
	} {
		if _, err := w.exec(q, m.id); err != nil {
			return fmt.Errorf("delete mailbox: %w", err)
		}
	}
	w.acct.messages -= n
	w.acct.size -= size
	m.gone = true
	w.record(m, store.EventMailboxDelete, w.nextModSeq())
	return w.releaseContents(contents)
}

// contentsOf lists the distinct contents a mailbox's messages refer to.
func (w *wtx) contentsOf(mailbox int64) ([]int64, error) {
	rows, err := w.query("SELECT DISTINCT content FROM messages WHERE mailbox = ?", mailbox)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
