package server

import (
	"errors"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		// RFC 4314 §3; RIGHTS=kxten as Cyrus: k, x, t, e and n are rights
		// of their own here, c and d only their old macros.
		r.capPost("ACL", "RIGHTS=kxten")
		r.add("GETACL", authed, (*Session).cmdGetACL)
		r.add("SETACL", authed, (*Session).cmdSetACL)
		r.add("DELETEACL", authed, (*Session).cmdDeleteACL)
	})
}

// aclTarget resolves a mailbox for an ACL command and checks the a
// right (RFC 4314 §4); release is to be called when done.
func (s *Session) aclTarget(raw []byte) (*mailboxRef, store.Mailbox, error) {
	ref, err := s.resolveWire(raw)
	if err != nil {
		return nil, nil, storeError(err)
	}
	mbox, _, err := s.access(ref, rightAdmin)
	if err != nil {
		ref.release()
		return nil, nil, storeError(err)
	}
	return ref, mbox, nil
}

// cmdGetACL: RFC 4314 §3.3, answered "* ACL mailbox (identifier
// rights)*" with rights as Cyrus shows them (c and d added, §2.1.1).
func (s *Session) cmdGetACL(cmd *wire.Command) error {
	raw, err := parseMailboxOnly(cmd.Decoder())
	if err != nil {
		return err
	}
	ref, mbox, err := s.aclTarget(raw)
	if err != nil {
		return err
	}
	defer ref.release()
	acl, err := mbox.ACL(s.ctx)
	if err != nil {
		return storeError(err)
	}
	w := s.w
	w.Raw("* ACL ")
	w.MailboxName(s.wireName(ref.ns))
	for _, id := range sortedACL(acl, ref.owner) {
		w.SP()
		w.AString(string(id))
		w.SP()
		w.AString(storedRights(acl[id]).String())
	}
	w.CRLF()
	return nil
}

// cmdSetACL: RFC 4314 §3.1. Rights are read as Cyrus reads them (c and d
// expanded); an unknown letter is BAD with Cyrus's text.
func (s *Session) cmdSetACL(cmd *wire.Command) error {
	p, err := parseSetACL(cmd.Decoder())
	if err != nil {
		return err
	}
	r, err := parseRights(p.rights)
	var unknown errUnknownRight
	if errors.As(err, &unknown) {
		return bad(unknown.Error())
	}
	return s.changeACL(p.mailbox, p.id, p.mod, r)
}

// cmdDeleteACL: RFC 4314 §3.2; removing an identifier that has no entry
// is no error (as Cyrus).
func (s *Session) cmdDeleteACL(cmd *wire.Command) error {
	mailbox, id, err := parseMailboxIdentifier(cmd.Decoder())
	if err != nil {
		return err
	}
	return s.changeACL(mailbox, id, imap.RightModificationReplace, 0)
}

// changeACL applies one change to an identifier's rights.
func (s *Session) changeACL(raw []byte, rawID string, mod imap.RightModification, r rights) error {
	id, err := s.canonicalIdentifier(rawID)
	if err != nil {
		return no("", "Invalid identifier")
	}
	ref, mbox, err := s.aclTarget(raw)
	if err != nil {
		return err
	}
	defer ref.release()
	if string(id) == ref.owner {
		return s.changeOwnerRights(ref, mbox, mod, r)
	}
	if gi, ok := s.srv.opts.Store.(store.GrantIndex); ok && mod != imap.RightModificationRemove && r != 0 {
		// Before the ACL names id, so that LIST never misses it.
		if err := gi.NoteGrant(s.ctx, ref.owner, id); err != nil {
			return fmt.Errorf("note grant: %w", err)
		}
	}
	if _, err := mbox.SetRights(s.ctx, id, mod, r.letters()); err != nil {
		return storeError(err)
	}
	return nil
}

// changeOwnerRights changes the owner's own entry. As Cyrus, the owner
// keeps the implicit rights (implicit_owner_rights "lkxan") in the entry,
// and may not take the a right away from itself: that would only lock
// the owner out of its own ACL.
func (s *Session) changeOwnerRights(ref *mailboxRef, mbox store.Mailbox, mod imap.RightModification, r rights) error {
	acl, err := mbox.ACL(s.ctx)
	if err != nil {
		return storeError(err)
	}
	cur := storedRights(acl[imap.RightsIdentifier(ref.owner)])
	next := r
	switch mod {
	case imap.RightModificationAdd:
		next = cur | r
	case imap.RightModificationRemove:
		next = cur &^ r
	}
	if ref.owner == s.user && !s.admin && !next.has(rightAdmin) {
		return noPerm()
	}
	next |= ownerImplicit
	_, err = mbox.SetRights(s.ctx, imap.RightsIdentifier(ref.owner), imap.RightModificationReplace, next.letters())
	return storeError(err)
}
