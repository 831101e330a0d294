package server

import (
	"crypto/tls"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

type tlsState = tls.ConnectionState

func init() {
	register(func(r *registry) {
		r.add("STARTTLS", stateNotAuth, (*Session).cmdStartTLS)
	})
}

// cmdStartTLS: RFC 9051 §6.2.1. The OK goes out in the clear, then the
// handshake; anything the client pipelined behind the command is dropped
// (RFC 9051 §6.2.1: it was not protected).
func (s *Session) cmdStartTLS(cmd *wire.Command) error {
	if err := cmd.Decoder().End(); err != nil {
		return err
	}
	if s.srv.opts.TLS == nil || s.tls {
		return no("", "TLS not available")
	}
	s.w.Status(cmd.Tag, imap.StatusResponseTypeOK, noCode, "Begin TLS negotiation now")
	if err := s.w.Flush(); err != nil {
		return err
	}
	if err := s.startTLS(); err != nil {
		s.log.Info().Err(err).Msg("STARTTLS handshake failed")
		s.done = true
	}
	return errAnswered
}

// startTLS runs the server handshake and puts reader and writer on the
// TLS connection.
func (s *Session) startTLS() error {
	tc := tls.Server(s.conn, s.srv.opts.TLS)
	_ = tc.SetDeadline(time.Now().Add(time.Minute))
	if err := tc.HandshakeContext(s.ctx); err != nil {
		return fmt.Errorf("tls handshake: %w", err)
	}
	_ = tc.SetDeadline(time.Time{})
	s.conn, s.tls = tc, true
	s.tap.src = tc
	s.r.Reset(s.tap)
	s.w.Reset(s.guardWrites(tc))
	return nil
}
