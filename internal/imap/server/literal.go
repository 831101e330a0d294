package server

import (
	"io"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

// literalHook is the Reader's Literal hook: APPEND streams its messages
// to temporary files; every other literal stays in memory within the
// reader's limits.
func (s *Session) literalHook(info wire.LiteralInfo) (io.Writer, error) {
	if info.Command.Name == "APPEND" && s.state&authed != 0 {
		return s.appendLiteral(info)
	}
	return nil, nil
}
