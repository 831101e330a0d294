package server

import (
	"strings"
	"sync"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/userdeny"
)

// denyCheckers holds one userdeny.Checker per configdirectory.
var denyCheckers sync.Map // string → *userdeny.Checker

// checkDeny implements the user deny list (cyr_deny): as Cyrus, a user
// denied this service gets "* BYE [ALERT] <message>" before any further
// command, and right after the login that authenticated, then the
// connection closes. Called where msg/shutdown is checked, so admins are
// exempt likewise. The service is the name master started the worker
// for (CYRUS_SERVICE). It reports whether the session may go on.
func (s *Session) checkDeny() bool {
	dir := s.srv.opts.ConfigDir
	if dir == "" {
		return true
	}
	c, ok := denyCheckers.Load(dir)
	if !ok {
		c, _ = denyCheckers.LoadOrStore(dir, userdeny.NewChecker(userdeny.Path(dir)))
	}
	e, denied := c.(*userdeny.Checker).Check(s.user, s.srv.opts.Ident)
	if !denied {
		return true
	}
	s.w.Status("", imap.StatusResponseTypeBye, wire.PlainCode(imap.ResponseCodeAlert), strings.TrimLeft(e.Text(), "["))
	s.w.Flush()
	s.log.Info().Str("service", s.srv.opts.Ident).Msg("user denied: session closed")
	s.done = true
	return false
}
