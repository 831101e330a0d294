package server

import (
	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

func init() {
	register(func(r *registry) {
		r.capPost(imap.CapUnauthenticate)
		r.add("UNAUTHENTICATE", authed, (*Session).cmdUnauthenticate)
	})
}

// cmdUnauthenticate: RFC 8437. The session goes back to the
// not-authenticated state as if it had just connected (TLS stays): the
// mailbox is closed without expunging, the account and the telemetry log
// are let go, and extensions enabled with ENABLE are forgotten.
func (s *Session) cmdUnauthenticate(cmd *wire.Command) error {
	if err := cmd.Decoder().End(); err != nil {
		return err
	}
	s.unselect()
	if s.acct != nil {
		s.acct.Close()
		s.acct = nil
	}
	s.tele.Close(false)
	s.tele = nil
	s.log.Info().Msg("unauthenticated")
	s.log = s.anonLog
	s.user, s.admin = "", false
	s.state = stateNotAuth
	s.enabled = map[imap.Cap]bool{}
	s.w.SetUTF8(false)
	return nil
}
