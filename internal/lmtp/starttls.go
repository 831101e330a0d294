package lmtp

import (
	"crypto/tls"
	"fmt"
	"time"
)

// cmdStartTLS: RFC 3207. After the handshake the session starts afresh
// (RFC 3207 §4.2): LHLO again, and anything the client pipelined behind
// STARTTLS in the clear is dropped.
func (s *session) cmdStartTLS(arg string) error {
	switch {
	case arg != "":
		return fail(501, "5.5.4", "Syntax: STARTTLS") // RFC 3207 §4
	case s.opt.TLS == nil || s.opt.PreAuth:
		// As Cyrus: no TLS for pre-authorised clients.
		return fail(502, "5.5.1", "STARTTLS not available")
	case s.tlsState != nil:
		return fail(503, "5.5.1", "TLS already active")
	case s.authed:
		return fail(503, "5.5.1", "STARTTLS not permitted after AUTH")
	case s.tx != nil:
		return fail(503, "5.5.1", "STARTTLS not permitted during a mail transaction")
	}
	s.reply(220, "2.0.0", "Ready to start TLS")
	if err := s.w.Flush(); err != nil {
		return err
	}
	if err := s.handshake(); err != nil {
		s.log.Info().Err(err).Msg("STARTTLS failed")
		return errClose
	}
	s.lhlo = ""
	s.resetTx()
	return nil
}

// handshake runs the server side of TLS and puts the session on it.
func (s *session) handshake() error {
	tc := tls.Server(s.nc.current(), s.opt.TLS)
	_ = tc.SetDeadline(time.Now().Add(s.opt.Timeout))
	if err := tc.HandshakeContext(s.ctx); err != nil {
		return fmt.Errorf("tls handshake: %w", err)
	}
	_ = tc.SetDeadline(time.Time{})
	st := tc.ConnectionState()
	s.tlsState = &st
	s.nc.swap(tc)
	s.r.Reset(s.nc) // drops plaintext pipelined behind STARTTLS
	s.w.Reset(s.nc)
	return nil
}
