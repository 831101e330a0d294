package server

import (
	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

func init() {
	register(func(r *registry) {
		r.capPost(imap.CapUnselect)
		r.add("CLOSE", selectedS, (*Session).cmdClose)
		r.add("UNSELECT", selectedS, (*Session).cmdUnselect)
	})
}

// cmdClose: RFC 9051 §6.4.1: expunge silently (unless read-only, or as
// Cyrus without the e right), then leave the Selected state.
func (s *Session) cmdClose(cmd *wire.Command) error {
	if err := cmd.Decoder().End(); err != nil {
		return err
	}
	if !s.sel.readOnly && s.sel.may(rightExpunge) {
		if _, err := s.sel.mbox.Expunge(s.ctx, nil); err != nil {
			return storeError(err)
		}
	}
	s.unselect()
	return nil
}

// cmdUnselect: RFC 3691 / RFC 9051 §6.4.2: leave without expunging.
func (s *Session) cmdUnselect(cmd *wire.Command) error {
	if err := cmd.Decoder().End(); err != nil {
		return err
	}
	s.unselect()
	return nil
}
