package server

import (
	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

func init() {
	register(func(r *registry) {
		r.capPost(imap.CapUIDPlus)
		r.add("EXPUNGE", selectedS, (*Session).cmdExpunge)
		r.addUID("EXPUNGE", (*Session).cmdExpunge)
	})
}

// cmdExpunge: RFC 9051 §6.4.3; UID EXPUNGE (RFC 4315 §2.1, part of
// UIDPLUS) limits it to a UID set.
func (s *Session) cmdExpunge(cmd *wire.Command) error {
	d := cmd.Decoder()
	var set *imap.UIDSet
	if cmd.UID {
		if err := d.SP(); err != nil {
			return err
		}
		u, err := d.UIDSet()
		if err != nil {
			return err
		}
		if imap.IsSearchRes(u) {
			u = s.searchRes
		}
		set = &u
	}
	if err := d.End(); err != nil {
		return err
	}
	if !s.sel.may(rightExpunge) {
		return noPerm() // RFC 4314 §4: EXPUNGE needs e
	}
	if s.sel.readOnly {
		return no(imap.ResponseCodeCannot, "Mailbox is read-only")
	}
	if _, err := s.sel.mbox.Expunge(s.ctx, set); err != nil {
		return storeError(err)
	}
	return s.update(true)
}
