package server

import (
	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
)

func init() {
	register(func(r *registry) {
		r.add("LISTRIGHTS", authed, (*Session).cmdListRights)
	})
}

// cmdListRights: RFC 4314 §3.4, with the a right. Answered as Cyrus
// does: the rights always granted first (the owner's implicit ones;
// p, for anyone may post to a user's INBOX; else none, sent as ""),
// then every other right as its own group, c and d included.
func (s *Session) cmdListRights(cmd *wire.Command) error {
	raw, rawID, err := parseMailboxIdentifier(cmd.Decoder())
	if err != nil {
		return err
	}
	ref, _, err := s.aclTarget(raw)
	if err != nil {
		return err
	}
	defer ref.release()
	id, err := s.canonicalIdentifier(rawID)
	if err != nil {
		id = "" // an identifier Cyrus cannot canonicalise: no rights implied
	}
	required, optional := listRights(string(id) == ref.owner, ref.name == store.Inbox)
	w := s.w
	w.Raw("* LISTRIGHTS ")
	w.MailboxName(s.wireName(ref.ns))
	w.SP()
	w.AString(rawID)
	w.SP()
	w.AString(required.String())
	for _, c := range optional.String() {
		w.SP()
		w.Raw(string(c))
	}
	w.CRLF()
	return nil
}

// listRights splits the rights for LISTRIGHTS into those an identifier
// always has on the mailbox and those that may be granted.
func listRights(owner, inbox bool) (required, optional rights) {
	switch {
	case owner:
		required = ownerImplicit
	case inbox:
		required = rightPost
	}
	return required, allRights &^ required
}
