package server

import (
	"errors"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		r.add("RENAME", authed, (*Session).cmdRename)
	})
}

// cmdRename: RFC 9051 §6.3.6; inferiors follow, INBOX's messages move
// to the new name (the store implements both).
func (s *Session) cmdRename(cmd *wire.Command) error {
	d := cmd.Decoder()
	var oldRaw, newRaw []byte
	err := d.SP()
	if err == nil {
		oldRaw, err = d.Mailbox()
	}
	if err == nil {
		err = d.SP()
	}
	if err == nil {
		newRaw, err = d.Mailbox()
	}
	if err == nil {
		err = d.End()
	}
	if err != nil {
		return err
	}
	oldRef, err := s.resolveWire(oldRaw)
	if err != nil {
		return storeError(err)
	}
	defer oldRef.release()
	newRef, err := s.resolveWire(newRaw)
	if errors.Is(err, errNoAccount) || errors.Is(err, errNamespaceRoot) {
		newRef, err = nil, nil // nowhere to go: rename says why
	}
	if err != nil {
		return storeError(err)
	}
	defer newRef.release()
	return s.rename(oldRef, newRef)
}

// rename checks RENAME's rights (newRef nil: the new name is in no
// account) and renames within one account: x on
// the old name (admins are exempt, as in Cyrus), k where the new one
// goes (RFC 4314 §4). As Cyrus with allowusermoves off, a user's INBOX
// does not move between accounts; nor does anything else here.
func (s *Session) rename(oldRef, newRef *mailboxRef) error {
	need := rightDeleteMbox
	if s.admin {
		need = rightLookup
	}
	if _, _, err := s.access(oldRef, need); err != nil {
		return storeError(err)
	}
	if oldRef.other && oldRef.name == store.Inbox {
		return no(imap.ResponseCodeCannot, "Operation is not supported on mailbox")
	}
	if newRef == nil {
		return noPerm()
	}
	if err := s.mayCreateIn(newRef); err != nil {
		return err
	}
	if oldRef.owner != newRef.owner {
		return no(imap.ResponseCodeCannot, "Operation is not supported on mailbox")
	}
	return storeError(oldRef.acct.RenameMailbox(s.ctx, oldRef.name, newRef.name))
}
