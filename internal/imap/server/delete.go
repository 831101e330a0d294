package server

import (
	"errors"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		r.add("DELETE", authed, (*Session).cmdDelete)
	})
}

// cmdDelete: RFC 9051 §6.3.5. Deleting the selected mailbox leaves the
// session in the authenticated state, as Cyrus. It needs the x right
// (RFC 4314 §4), which admins too must grant themselves, as in Cyrus
// (cyradm's deletemailbox documents it). An admin deleting another
// user's INBOX (DELETE user/<name>) removes that user's whole account.
func (s *Session) cmdDelete(cmd *wire.Command) error {
	name, err := s.mailboxArg(cmd)
	if err != nil {
		return err
	}
	ref, err := s.resolve(name)
	if err != nil {
		return storeError(err)
	}
	defer ref.release()
	mbox, _, err := s.access(ref, rightDeleteMbox)
	if err != nil {
		return storeError(err)
	}
	if ref.other && ref.name == store.Inbox {
		return s.deleteAccount(ref)
	}
	if err := ref.acct.DeleteMailbox(s.ctx, ref.name); err != nil {
		return storeError(err)
	}
	if s.sel != nil && s.sel.mbox.ID() == mbox.ID() {
		s.unselect()
	}
	return nil
}

// deleteAccount removes another user's account: only admins may (as
// Cyrus, where a user INBOX is deleted only by an admin, taking every
// mailbox of the user with it).
func (s *Session) deleteAccount(ref *mailboxRef) error {
	if !s.admin {
		return noPerm()
	}
	if s.sel != nil && s.sel.owner == ref.owner {
		s.unselect()
	}
	ref.release() // the account's handle goes before the account
	if err := s.srv.opts.Store.DeleteUser(s.ctx, ref.owner); err != nil {
		if errors.Is(err, store.ErrNoUser) {
			return storeError(store.ErrNoMailbox)
		}
		return storeError(err)
	}
	s.log.Info().Str("account", ref.owner).Msg("account deleted")
	return nil
}

// mailboxArg parses commands whose only argument is a mailbox name.
func (s *Session) mailboxArg(cmd *wire.Command) (string, error) {
	d := cmd.Decoder()
	if err := d.SP(); err != nil {
		return "", err
	}
	raw, err := d.Mailbox()
	if err != nil {
		return "", err
	}
	if err := d.End(); err != nil {
		return "", err
	}
	name, err := s.storeName(raw)
	if err != nil {
		return "", storeError(err)
	}
	return name, nil
}
