package server

import (
	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

// CONDSTORE (RFC 7162 §3.1): modification sequences on every message.
// The store keeps them; this file holds what the engine adds. The other
// parts live with their commands: SELECT's HIGHESTMODSEQ, FETCH's MODSEQ
// and CHANGEDSINCE, STORE's UNCHANGEDSINCE, SEARCH's MODSEQ, STATUS's
// HIGHESTMODSEQ.

func init() {
	register(func(r *registry) {
		r.capPost(imap.CapCondStore)
	})
	enableable["CONDSTORE"] = imap.CapCondStore
}

// condStore reports whether the client has enabled CONDSTORE, by ENABLE
// or by using one of its command extensions (RFC 7162 §3.1).
func (s *Session) condStore() bool { return s.enabled[imap.CapCondStore] }

// enableCondStore turns CONDSTORE on implicitly. RFC 7162 §3.1: the
// first CONDSTORE-enabling command in the selected state also sends the
// HIGHESTMODSEQ the client has not seen yet.
func (s *Session) enableCondStore() {
	if s.condStore() {
		return
	}
	s.enable(imap.CapCondStore)
	if s.sel != nil {
		s.w.Status("", imap.StatusResponseTypeOK, wire.HighestModSeqCode(s.sel.modSeq), "Highest")
	}
}
