package sqlite

import (
	"context"
	"errors"
	"fmt"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// CreateMailbox implements store.Account.
func (a *account) CreateMailbox(ctx context.Context, name string, opts store.CreateOptions) (store.MailboxInfo, error) {
	name, err := store.CanonicalMailbox(name)
	if err != nil {
		return store.MailboxInfo{}, err
	}
	su, err := store.CanonicalSpecialUse(opts.SpecialUse)
	if err != nil {
		return store.MailboxInfo{}, err
	}
	acl, err := canonicalACL(opts.ACL)
	if err != nil {
		return store.MailboxInfo{}, err
	}
	var info store.MailboxInfo
	err = a.u.write(ctx, func(w *wtx) error {
		if acl == nil {
			if acl, err = w.inheritedACL(name); err != nil {
				return err
			}
		}
		m, err := w.createMailbox(name, su, acl)
		if err != nil {
			return err
		}
		info = store.MailboxInfo{Status: m.status(0), ACL: acl}
		return nil
	})
	if err != nil {
		return store.MailboxInfo{}, fmt.Errorf("create mailbox %q: %w", name, err)
	}
	return info, nil
}

// createMailbox inserts a new, empty mailbox with a fresh id and
// UIDVALIDITY.
func (w *wtx) createMailbox(name string, specialUse []imap.MailboxAttr, acl store.ACL) (*mboxRow, error) {
	if _, err := w.mailboxByName(name); err == nil {
		return nil, store.ErrMailboxExists
	} else if !errors.Is(err, store.ErrNoMailbox) {
		return nil, err
	}
	uv, err := w.newUIDValidity()
	if err != nil {
		return nil, err
	}
	modseq := w.nextModSeq()
	m := &mboxRow{objectid: newObjectID(), name: name, uidvalidity: uv, uidnext: 1,
		highestmodseq: modseq, createdmodseq: modseq, specialuse: formatSpecialUse(specialUse)}
	res, err := w.exec(`INSERT INTO mailboxes (objectid, name, uidvalidity, uidnext, highestmodseq,
		createdmodseq, recentuid, specialuse, messages, unseen, deleted, size)
		VALUES (?, ?, ?, 1, ?, ?, 0, ?, 0, 0, 0, 0)`,
		m.objectid, m.name, m.uidvalidity, modseq, modseq, m.specialuse)
	if err != nil {
		return nil, fmt.Errorf("insert mailbox: %w", err)
	}
	if m.id, err = res.LastInsertId(); err != nil {
		return nil, err
	}
	w.track(m)
	for id, rights := range acl {
		if _, err := w.exec("INSERT INTO acl (mailbox, identifier, rights) VALUES (?, ?, ?)",
			m.id, string(id), string(rights)); err != nil {
			return nil, fmt.Errorf("insert acl: %w", err)
		}
	}
	w.record(m, store.EventMailboxCreate, modseq)
	return m, nil
}

// inheritedACL is the ACL a new mailbox starts with, as Cyrus: a copy of
// its nearest existing ancestor's. In Cyrus's namespace every mailbox of a
// user lies below user/<name>, which is INBOX, so a mailbox without an
// ancestor here inherits INBOX's; the owner gets OwnerRights if INBOX has
// no ACL either.
func (w *wtx) inheritedACL(name string) (store.ACL, error) {
	for p := store.Parent(name); ; p = store.Parent(p) {
		if p == "" {
			p = store.Inbox
		}
		m, err := w.mailboxByName(p)
		if err == nil {
			acl, err := mailboxACL(w.tx, m.id)
			if err != nil || len(acl) > 0 {
				return acl, err
			}
			break
		}
		if !errors.Is(err, store.ErrNoMailbox) {
			return nil, err
		}
		if p == store.Inbox {
			break
		}
	}
	return store.ACL{imapIdentifier(w.u.user): store.OwnerRights}, nil
}
