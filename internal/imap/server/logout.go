package server

import (
	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

func init() {
	register(func(r *registry) {
		r.add("LOGOUT", anyState, (*Session).cmdLogout)
	})
}

// cmdLogout: RFC 9051 §6.1.3, an untagged BYE then the tagged OK.
func (s *Session) cmdLogout(cmd *wire.Command) error {
	if err := cmd.Decoder().End(); err != nil {
		return err
	}
	s.w.Status("", imap.StatusResponseTypeBye, noCode, "LOGOUT received")
	s.state = stateLogout
	return nil
}
