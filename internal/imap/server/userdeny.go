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
// for (CYRUS_SERVICE), or for a thawed session the one it first came in
// on. It reports whether the session may go on.
func (s *Session) checkDeny() bool {
	dir := s.srv.opts.ConfigDir
	if dir == "" {
		return true
	}
	c, ok := denyCheckers.Load(dir)
	if !ok {
		c, _ = denyCheckers.LoadOrStore(dir, userdeny.NewChecker(userdeny.Path(dir)))
	}
	e, denied := c.(*userdeny.Checker).Check(s.user, s.serviceName())
	if !denied {
		return true
	}
	s.w.Status("", imap.StatusResponseTypeBye, wire.PlainCode(imap.ResponseCodeAlert), strings.TrimLeft(e.Text(), "["))
	s.w.Flush()
	s.log.Info().Str("service", s.serviceName()).Msg("user denied: session closed")
	s.done = true
	return false
}

// serviceName is the cyrus.conf service the session came in on: the
// worker's own, unless the session was thawed (imapd -R serves sessions
// of every service that hibernates), when its state record says.
func (s *Session) serviceName() string {
	if s.service != "" {
		return s.service
	}
	return s.srv.opts.Ident
}
