package server

import (
	"io"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

// The session's side of the read deadlines (deadline.go): the hooks the
// read path calls, and the answer to a client that ran into one.

// newSessionPacer gives a new session its pacer, from the options.
func (s *Session) newSessionPacer() *pacer {
	o := s.srv.opts
	return newPacer(s.conn, s.ctx, o.Timeout, o.PreloginTimeout, o.CommandTimeout)
}

// armRead is called before each command is read.
func (s *Session) armRead() { s.pace.arm(s.state != stateNotAuth, s.r.BufferedLen()) }

// pacedLiteral is the reader's Literal hook: the pacer learns a literal
// begins, then the session's own hook decides where it goes.
func (s *Session) pacedLiteral(info wire.LiteralInfo) (io.Writer, error) {
	s.pace.literal(info.Size, s.r.BufferedLen())
	return s.literalHook(info)
}

// timedOut says BYE to a client whose read ran into its deadline, naming
// the bound (as Cyrus for autologout; the others are Corvus's), and logs
// the slow ones: client misbehaviour worth counting.
func (s *Session) timedOut() {
	if s.pace.limit != boundIdle {
		s.log.Warn().Str("reason", s.pace.reason()).Msg("slow client disconnected")
	}
	s.w.Status("", imap.StatusResponseTypeBye, noCode, s.pace.reason())
}
