package server

import (
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/imap/wire"
)

func init() {
	register(func(r *registry) {
		r.capPre(imap.CapIMAP4rev1, imap.CapIMAP4rev2, imap.CapLiteralPlus, imap.CapSASLIR)
		r.add("CAPABILITY", anyState, (*Session).cmdCapability)
	})
}

// cmdCapability: RFC 9051 §6.1.1.
func (s *Session) cmdCapability(cmd *wire.Command) error {
	if err := cmd.Decoder().End(); err != nil {
		return err
	}
	s.w.Capability(s.capabilities())
	return nil
}

// capabilities lists exactly what works on this connection in its
// current state: the registered files' capabilities, STARTTLS while TLS
// is possible but off, LOGINDISABLED and AUTH= as auth decides.
func (s *Session) capabilities() []imap.Cap {
	reg := s.srv.reg
	caps := append([]imap.Cap(nil), reg.preAuth...)
	if s.state == stateNotAuth {
		if s.srv.opts.TLS != nil && !s.tls {
			caps = append(caps, imap.CapStartTLS)
		}
		cs := s.connState()
		if s.srv.opts.Auth.LoginDisabled(cs) {
			caps = append(caps, imap.CapLoginDisabled)
		}
		for _, m := range s.srv.opts.Auth.Mechanisms(cs) {
			caps = append(caps, imap.Cap("AUTH="+strings.ToUpper(m)))
		}
		return caps
	}
	for _, c := range reg.postAuth {
		if c == imap.CapIdle && s.srv.opts.IdlePoll <= 0 {
			continue // imapidlepoll: 0 disables IDLE
		}
		caps = append(caps, c)
	}
	if reg.appendLimit {
		// RFC 7889 §3: a bare APPENDLIMIT means no server-wide limit.
		c := imap.Cap("APPENDLIMIT")
		if lim := s.appendLimit(); lim > 0 {
			c = imap.Cap(fmt.Sprintf("APPENDLIMIT=%d", lim))
		}
		caps = append(caps, c)
	}
	return caps
}

// connState describes the connection to internal/auth.
func (s *Session) connState() auth.ConnState {
	cs := auth.ConnState{Service: "imap", TLS: s.tls, ExternalSSF: s.srv.opts.ExternalSSF}
	if tc, ok := s.conn.(interface {
		ConnectionState() tlsState
	}); ok {
		cs.TLSSSF = auth.CipherSSF(tc.ConnectionState())
	}
	return cs
}
