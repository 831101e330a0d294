package sqlite

import (
	"context"
	"errors"
	"fmt"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

var (
	_ store.Importer     = (*account)(nil)
	_ store.ImportTarget = (*mailbox)(nil)
)

// ImportMailbox implements store.Importer, in one write transaction: the
// mailbox is looked up, kept, adopted, replaced or created together.
func (a *account) ImportMailbox(ctx context.Context, name string, uv uint32, opts store.ImportOptions) (store.ImportTarget, error) {
	name, err := store.CanonicalMailbox(name)
	if err != nil {
		return nil, err
	}
	if uv == 0 {
		return nil, fmt.Errorf("import mailbox %q: UIDVALIDITY 0: %w", name, store.ErrUIDValidity)
	}
	su, err := store.CanonicalSpecialUse(opts.Create.SpecialUse)
	if err != nil {
		return nil, err
	}
	acl, err := canonicalACL(opts.Create.ACL)
	if err != nil {
		return nil, err
	}
	var m *mboxRow
	err = a.u.write(ctx, func(w *wtx) error {
		m, err = w.importMailbox(name, uv, su, acl, opts.Replace)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("import mailbox %q: %w", name, err)
	}
	return &mailbox{u: a.u, id: m.id, objectid: m.objectid}, nil
}

// importMailbox finds or makes the mailbox name with UIDVALIDITY uv.
func (w *wtx) importMailbox(name string, uv uint32, su []imap.MailboxAttr, acl store.ACL, replace bool) (*mboxRow, error) {
	m, err := w.mailboxByName(name)
	switch {
	case errors.Is(err, store.ErrNoMailbox):
		return w.createImported(name, uv, su, acl)
	case err != nil:
		return nil, err
	case m.uidvalidity == uv:
		return m, nil
	case m.uidnext == 1:
		// Never held a message (the INBOX Create made): no client can
		// have cached a UID of it, so it may take the source's value.
		return m, w.setUIDValidity(m, uv)
	case !replace:
		return nil, fmt.Errorf("%d here, %d at the source: %w", m.uidvalidity, uv, store.ErrUIDValidity)
	}
	if acl == nil {
		if acl, err = mailboxACL(w.tx, m.id); err != nil {
			return nil, err
		}
	}
	if err := w.deleteMailbox(m); err != nil {
		return nil, err
	}
	return w.createImported(name, uv, su, acl)
}

// createImported creates a mailbox as CREATE does, then gives it uv.
func (w *wtx) createImported(name string, uv uint32, su []imap.MailboxAttr, acl store.ACL) (*mboxRow, error) {
	if acl == nil {
		var err error
		if acl, err = w.inheritedACL(name); err != nil {
			return nil, err
		}
	}
	m, err := w.createMailbox(name, su, acl)
	if err != nil {
		return nil, err
	}
	return m, w.setUIDValidity(m, uv)
}

// setUIDValidity gives m its UIDVALIDITY, and keeps the account's last
// UIDVALIDITY at least as high, so that a mailbox Corvus creates later
// gets a greater one than any imported (RFC 9051 §2.3.1.1).
func (w *wtx) setUIDValidity(m *mboxRow, uv uint32) error {
	if _, err := w.exec("UPDATE mailboxes SET uidvalidity = ? WHERE id = ?", uv, m.id); err != nil {
		return fmt.Errorf("set uidvalidity: %w", err)
	}
	m.uidvalidity = uv
	w.acct.uidvalidity = max(w.acct.uidvalidity, int64(uv))
	m.highestmodseq = w.nextModSeq()
	w.record(m, store.EventMailboxUpdate, m.highestmodseq)
	return nil
}
